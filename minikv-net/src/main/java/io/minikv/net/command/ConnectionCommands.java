package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_FAST;
import static io.minikv.net.command.CommandSpec.FLAG_LOADING;
import static io.minikv.net.command.CommandSpec.FLAG_NO_AUTH;
import static io.minikv.net.command.CommandSpec.FLAG_STALE;
import static io.minikv.net.command.CommandSpec.FLAG_SUBSCRIBED_OK;

import io.minikv.api.KvError;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;
import io.minikv.net.resp.SharedReplies;

import java.nio.charset.StandardCharsets;

/**
 * The connection group: PING, ECHO, QUIT, HELLO, AUTH, SELECT. CLIENT is in {@link ClientCommands}.
 */
final class ConnectionCommands {
    private static final String GROUP = "connection";
    private static final byte[] PONG_PUSH = "*2\r\n$4\r\npong\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY_BULK = "$0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private ConnectionCommands() {
    }

    /**
     * Registers the family.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        final int always = FLAG_LOADING | FLAG_STALE | FLAG_FAST;
        table.register(spec("ping", -1, always | FLAG_SUBSCRIBED_OK, ConnectionCommands::ping,
            "Returns the server's liveliness response.", "1.0.0"));
        table.register(spec("echo", 2, always, ConnectionCommands::echo, "Returns the given string.", "1.0.0"));
        table.register(spec("quit", -1, always | FLAG_NO_AUTH | CommandSpec.FLAG_NOSCRIPT | CommandSpec.FLAG_TRANSACTION
            | FLAG_SUBSCRIBED_OK,
            ConnectionCommands::quit, "Closes the connection.", "1.0.0"));
        table.register(spec("reset", 1, always | FLAG_NO_AUTH | CommandSpec.FLAG_NOSCRIPT
            | CommandSpec.FLAG_TRANSACTION | FLAG_SUBSCRIBED_OK, ConnectionCommands::reset,
            "Resets the connection.", "6.2.0"));
        table.register(spec("hello", -1, always | FLAG_NO_AUTH | CommandSpec.FLAG_NOSCRIPT, ConnectionCommands::hello,
            "Handshakes with the Redis server.", "6.0.0"));
        table.register(spec("auth", -2, always | FLAG_NO_AUTH | CommandSpec.FLAG_NOSCRIPT, ConnectionCommands::auth,
            "Authenticates the connection.", "1.0.0"));
        table.register(spec("select", 2, FLAG_LOADING | FLAG_STALE | FLAG_FAST, ConnectionCommands::select,
            "Changes the selected database.", "1.0.0"));
    }

    private static CommandSpec spec(final String name, final int arity, final int flags, final CommandHandler handler,
        final String summary, final String since) {
        return CommandSpec.of(name, arity, GROUP, handler).flags(flags).doc(summary, since).build();
    }

    static void ping(final Client c) {
        final CommandArgs a = c.args();
        if (a.count() > 2) {
            c.reply().error(KvError.wrongArity("ping"));
        } else if (c.subscribed()) {
            // A RESP2 subscriber tells replies from pushes by shape: Redis answers it with a two-element array.
            c.reply().raw(PONG_PUSH);
            if (a.count() == 2) {
                c.reply().bulk(a.buffer(), a.offset(1), a.length(1));
            } else {
                c.reply().raw(EMPTY_BULK);
            }
        } else if (a.count() == 2) {
            c.reply().bulk(a.buffer(), a.offset(1), a.length(1));
        } else {
            c.reply().raw(SharedReplies.PONG);
        }
    }

    /**
     * RESET, as Redis's {@code clearClientConnectionState}: discards the transaction and the watches, leaves every
     * channel and pattern, selects database 0, clears the name and, with a password configured, the authentication.
     */
    static void reset(final Client c) {
        final Transaction tx = c.transaction();
        tx.reset();
        tx.unwatch(c.server().watches());
        final ClientPubSub pubsub = c.pubsub();
        if (pubsub != null) {
            pubsub.clear();
        }
        c.stopMonitoring();
        c.select(c.server().store().database(0));
        c.name("");
        final AclUser user = c.server().acl().defaultUser();
        c.user(user);
        c.authenticated(user.rules().openToAll());
        c.reply().simple("RESET");
    }

    static void echo(final Client c) {
        final CommandArgs a = c.args();
        c.reply().bulk(a.buffer(), a.offset(1), a.length(1));
    }

    static void quit(final Client c) {
        c.reply().ok();
        c.closeAfterReply(true);
    }

    static void hello(final Client c) {
        final CommandArgs a = c.args();
        final ReplyWriter reply = c.reply();
        if (a.count() >= 2) {
            if (!a.parseLong(1)) {
                reply.error(KvError.HELLO_PROTOCOL_NOT_INTEGER);
                return;
            }
            // RESP3 is not spoken yet: NOPROTO makes Lettuce and others fall back to RESP2.
            if (a.longValue() != 2) {
                reply.error(KvError.NOPROTO);
                return;
            }
        }
        String user = null;
        byte[] password = null;
        String name = null;
        for (int j = 2; j < a.count(); j++) {
            final int more = a.count() - 1 - j;
            if (a.is(j, Keywords.AUTH) && more >= 2) {
                user = a.string(j + 1);
                password = a.bytes(j + 2);
                j += 2;
            } else if (a.is(j, Keywords.SETNAME) && more >= 1) {
                name = a.string(j + 1);
                if (!validName(name)) {
                    reply.error(KvError.CLIENT_NAME_INVALID);
                    return;
                }
                j++;
            } else {
                reply.error(KvError.HELLO_SYNTAX.format(a.cString(j)));
                return;
            }
        }
        if (user != null && !c.server().acl().authenticate(c, user, password)) {
            reply.error(KvError.WRONGPASS);
            return;
        }
        if (c.authRequired()) {
            reply.error(KvError.HELLO_NOAUTH);
            return;
        }
        if (name != null) {
            c.name(name);
        }
        reply.array(14);
        reply.bulk("server");
        reply.bulk("redis");
        reply.bulk("version");
        reply.bulk(ServerContext.REDIS_VERSION);
        reply.bulk("proto");
        reply.integer(2);
        reply.bulk("id");
        reply.integer(c.id());
        reply.bulk("mode");
        reply.bulk("standalone");
        reply.bulk("role");
        reply.bulk("master");
        reply.bulk("modules");
        reply.array(0);
    }

    /**
     * AUTH [username] password, as Redis's {@code authCommand}: the one-argument form authenticates the default
     * user, and is an error while that user needs no password.
     */
    static void auth(final Client c) {
        final CommandArgs a = c.args();
        if (a.count() > 3) {
            c.reply().error(KvError.SYNTAX);
            return;
        }
        final Acl acl = c.server().acl();
        if (a.count() == 2 && (acl.defaultUser().rules().flags() & AclUser.NOPASS) != 0) {
            c.reply().error(KvError.AUTH_NOT_CONFIGURED);
            return;
        }
        final String user = a.count() == 3 ? a.string(1) : Acl.DEFAULT_USER;
        if (acl.authenticate(c, user, a.bytes(a.count() - 1))) {
            c.reply().ok();
        } else {
            c.reply().error(KvError.WRONGPASS);
        }
    }

    static void select(final Client c) {
        final CommandArgs a = c.args();
        if (!a.parseInt(1)) {
            c.reply().error(KvError.NOT_INTEGER);
            return;
        }
        final long index = a.longValue();
        if (index < 0 || index >= c.server().databases()) {
            c.reply().error(KvError.DB_INDEX_OUT_OF_RANGE);
            return;
        }
        c.select(c.server().store().database((int) index));
        c.reply().ok();
    }

    /**
     * Returns whether a client name is acceptable: printable ASCII without spaces, as Redis's
     * {@code validateClientAttr}.
     *
     * @param name the name.
     * @return true when valid (the empty name is valid and clears the name).
     */
    static boolean validName(final String name) {
        for (int i = 0; i < name.length(); i++) {
            final char ch = name.charAt(i);
            if (ch < '!' || ch > '~') {
                return false;
            }
        }
        return true;
    }
}
