package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_ADMIN;
import static io.minikv.net.command.CommandSpec.FLAG_LOADING;
import static io.minikv.net.command.CommandSpec.FLAG_NOSCRIPT;
import static io.minikv.net.command.CommandSpec.FLAG_STALE;

import io.minikv.api.KvError;
import io.minikv.net.resp.CommandArgs;

import java.util.ArrayList;
import java.util.List;

/**
 * CLIENT and its subcommands: what client libraries send on connect (SETNAME, SETINFO, NO-EVICT) and what tools
 * use to inspect connections (ID, GETNAME, INFO, LIST, KILL).
 */
final class ClientCommands {
    private static final String GROUP = "connection";
    private static final int FLAGS = FLAG_NOSCRIPT | FLAG_LOADING | FLAG_STALE;
    private static final String[] HELP = {
        "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "GETNAME", "    Return the name of the current connection.",
        "ID", "    Return the ID of the current connection.",
        "INFO", "    Return information about the current client connection.",
        "KILL <ip:port>", "    Kill connection made from <ip:port>.",
        "KILL <option> <value> [<option> <value> [...]]",
        "    Kill connections. Options are: ID <client-id>, ADDR <ip:port>, LADDR <ip:port>, USER <username>,",
        "    TYPE <normal|master|replica|pubsub>, SKIPME (YES|NO), MAXAGE <seconds>.",
        "LIST [options ...]", "    Return information about client connections. Options: TYPE <type>, ID <id...>.",
        "SETNAME <name>", "    Assign the name <name> to the current connection.",
        "SETINFO <option> <value>", "    Set LIB-NAME or LIB-VER of the current connection.",
        "UNPAUSE", "    Stop the current client pause, resuming traffic.",
        "PAUSE <timeout> [WRITE|ALL]", "    Suspend all, or just write, clients for <timeout> milliseconds.",
        "REPLY (ON|OFF|SKIP)", "    Control the replies sent to the current connection.",
        "UNBLOCK <clientid> [TIMEOUT|ERROR]",
        "    Unblock the specified blocked client.",
        "NO-EVICT (ON|OFF)", "    Protect current client connection from eviction (mini-kv never evicts clients).",
        "NO-TOUCH (ON|OFF)", "    Accepted; mini-kv keeps no access times for eviction.",
        "HELP", "    Print this help."};

    private static final byte[] TIMEOUT = Keywords.k("TIMEOUT");
    private static final byte[] ERROR = Keywords.k("ERROR");
    private static final byte[] WRITE = Keywords.k("WRITE");
    private static final byte[] ALL = Keywords.k("ALL");
    private static final byte[] SKIP = Keywords.k("SKIP");

    private ClientCommands() {
    }

    /**
     * Registers CLIENT.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        table.register(CommandSpec.of("client", -2, GROUP, null).flags(FLAG_NOSCRIPT | FLAG_LOADING | FLAG_STALE)
            .doc("A container for client connection commands.", "2.4.0")
            .sub(sub("setname", 3, ClientCommands::setname, "Sets the connection name.", "2.6.9"))
            .sub(sub("getname", 2, c -> c.reply().bulk(c.name().isEmpty() ? null : c.name()),
                "Returns the name of the connection.", "2.6.9"))
            .sub(sub("id", 2, c -> c.reply().integer(c.id()), "Returns the unique client ID of the connection.",
                "5.0.0"))
            .sub(sub("setinfo", 4, ClientCommands::setinfo, "Sets information specific to the client or connection.",
                "7.2.0"))
            .sub(sub("info", 2, c -> c.reply().bulk(describe(c, System.currentTimeMillis()) + "\n"),
                "Returns information about the connection.", "6.2.0"))
            .sub(CommandSpec.of("client|list", -2, GROUP, ClientCommands::list).flags(FLAGS | FLAG_ADMIN)
                .doc("Lists open connections.", "2.4.0").build())
            .sub(CommandSpec.of("client|kill", -3, GROUP, ClientCommands::kill).flags(FLAGS | FLAG_ADMIN)
                .doc("Terminates open connections.", "2.4.0").build())
            .sub(CommandSpec.of("client|unblock", -3, GROUP, ClientCommands::unblock).flags(FLAGS | FLAG_ADMIN)
                .doc("Unblocks a client blocked by a blocking command from a different connection.", "5.0.0")
                .build())
            .sub(CommandSpec.of("client|no-evict", 3, GROUP, ClientCommands::noEvict).flags(FLAGS | FLAG_ADMIN)
                .doc("Sets the client eviction mode of the connection.", "7.0.0").build())
            .sub(CommandSpec.of("client|pause", -3, GROUP, ClientCommands::pause).flags(FLAGS | FLAG_ADMIN)
                .doc("Stop processing commands from clients for some time", "2.9.50").build())
            .sub(CommandSpec.of("client|unpause", 2, GROUP, ClientCommands::unpause).flags(FLAGS | FLAG_ADMIN)
                .doc("Resume processing of clients that were paused", "6.2.0").build())
            .sub(sub("reply", 3, ClientCommands::reply, "Instruct the server whether to reply to commands", "3.2.0"))
            .sub(sub("no-touch", 3, ClientCommands::onOff,
                "Controls whether commands sent by the client affect the LRU/LFU of accessed keys.", "7.2.0"))
            .sub(sub("help", 2, ClientCommands::help, "Returns helpful text about the different subcommands.",
                "5.0.0"))
            .build());
    }

    /**
     * {@code CLIENT UNBLOCK id [TIMEOUT|ERROR]}: ends the wait of a client parked by a blocking command, with the reply
     * its timeout would give or with the UNBLOCKED error; 1 when a client was waiting. The reason is checked before
     * the id, as in Redis.
     */
    static void unblock(final Client c) {
        final CommandArgs a = c.args();
        if (a.count() > 4) {
            c.reply().error(KvError.SUBCOMMAND_SYNTAX.format(a.string(1), "CLIENT"));
            return;
        }
        final boolean error = a.count() == 4 && a.is(3, ERROR);
        if (a.count() == 4 && !error && !a.is(3, TIMEOUT)) {
            c.reply().error(KvError.CLIENT_UNBLOCK_REASON);
            return;
        }
        if (!c.parseLongOrReply(2)) {
            return;
        }
        c.reply().bool(c.server().blocking().unblock(a.longValue(), error));
    }

    /**
     * {@code CLIENT PAUSE timeout [WRITE|ALL]}: holds every command, or the writes, for {@code timeout} ms. The mode
     * is checked before the timeout, and the end is {@code now + timeout} as Redis computes it (so a timeout near
     * the 64-bit limit wraps into the past and pauses nothing), except that 0 pauses nothing either.
     */
    static void pause(final Client c) {
        final CommandArgs a = c.args();
        if (a.count() > 4) {
            c.reply().error(KvError.SUBCOMMAND_SYNTAX.format(a.string(1), "CLIENT"));
            return;
        }
        int mode = ClientPause.ALL;
        if (a.count() == 4) {
            if (a.is(3, WRITE)) {
                mode = ClientPause.WRITE;
            } else if (!a.is(3, ALL)) {
                c.reply().error(KvError.CLIENT_PAUSE_MODE);
                return;
            }
        }
        if (!a.parseLong(2)) {
            c.reply().error(KvError.TIMEOUT_NOT_INTEGER);
            return;
        }
        final long timeout = a.longValue();
        if (timeout < 0) {
            c.reply().error(KvError.TIMEOUT_NEGATIVE);
            return;
        }
        if (timeout > 0) {
            c.server().pause().pause(System.currentTimeMillis() + timeout, mode);
        }
        c.reply().ok();
    }

    static void unpause(final Client c) {
        c.server().pause().unpause();
        c.reply().ok();
    }

    /**
     * {@code CLIENT REPLY ON|OFF|SKIP}: OFF and SKIP answer nothing (the connection mutes the replies from the next
     * command on, or the next command's only); ON answers OK. SKIP while OFF changes nothing, as in Redis.
     */
    static void reply(final Client c) {
        final CommandArgs a = c.args();
        final int flags = c.replyFlags();
        if (a.is(2, Keywords.ON)) {
            c.replyFlags(flags & ~(Client.REPLY_OFF | Client.REPLY_SKIP));
            c.reply().mute(false);
            c.reply().ok();
        } else if (a.is(2, Keywords.OFF)) {
            c.replyFlags(flags | Client.REPLY_OFF);
        } else if (a.is(2, SKIP)) {
            if ((flags & Client.REPLY_OFF) == 0) {
                c.replyFlags(flags | Client.REPLY_SKIP_NEXT);
            }
        } else {
            c.reply().error(KvError.SYNTAX);
        }
    }

    static void noEvict(final Client c) {
        final CommandArgs a = c.args();
        if (a.is(2, Keywords.ON) || a.is(2, Keywords.OFF)) {
            c.noEvict(a.is(2, Keywords.ON));
            c.reply().ok();
        } else {
            c.reply().error(KvError.SYNTAX);
        }
    }

    private static CommandSpec sub(final String name, final int arity, final CommandHandler handler,
        final String summary, final String since) {
        return CommandSpec.of("client|" + name, arity, GROUP, handler).flags(FLAGS).doc(summary, since).build();
    }

    static void setname(final Client c) {
        final String name = c.args().string(2);
        if (!ConnectionCommands.validName(name)) {
            c.reply().error(KvError.CLIENT_NAME_INVALID);
            return;
        }
        c.name(name);
        c.reply().ok();
    }

    static void setinfo(final Client c) {
        final CommandArgs a = c.args();
        final String value = a.string(3);
        final boolean libName = a.is(2, Keywords.LIB_NAME);
        if (!libName && !a.is(2, Keywords.LIB_VER)) {
            c.reply().error(KvError.CLIENT_SETINFO_UNKNOWN.format(a.cString(2)));
            return;
        }
        if (!ConnectionCommands.validName(value)) {
            c.reply().error(KvError.CLIENT_SETINFO_INVALID.format(libName ? "lib-name" : "lib-ver"));
            return;
        }
        if (libName) {
            c.libName(value);
        } else {
            c.libVersion(value);
        }
        c.reply().ok();
    }

    static void onOff(final Client c) {
        final CommandArgs a = c.args();
        if (a.is(2, Keywords.ON) || a.is(2, Keywords.OFF)) {
            c.reply().ok();
        } else {
            c.reply().error(KvError.SYNTAX);
        }
    }

    static void help(final Client c) {
        c.reply().simpleArray(HELP);
    }

    static void list(final Client c) {
        final CommandArgs a = c.args();
        final List<Long> ids = new ArrayList<>();
        int type = TYPE_ANY;
        for (int i = 2; i < a.count(); i++) {
            if (a.is(i, Keywords.TYPE) && i + 1 < a.count()) {
                type = clientType(c, ++i);
                if (type < 0) {
                    return;
                }
            } else if (a.is(i, Keywords.ID) && i + 1 < a.count()) {
                for (i++; i < a.count(); i++) {
                    if (!a.parseLong(i) || a.longValue() <= 0) {
                        c.reply().error(KvError.CLIENT_LIST_INVALID_ID);
                        return;
                    }
                    ids.add(a.longValue());
                }
            } else {
                c.reply().error(KvError.SYNTAX);
                return;
            }
        }
        final StringBuilder out = new StringBuilder();
        final long now = System.currentTimeMillis();
        for (final Client other : c.server().clients().values()) {
            if ((ids.isEmpty() || ids.contains(other.id())) && typeMatches(other, type)) {
                out.append(describe(other, now)).append('\n');
            }
        }
        c.reply().bulk(out.toString());
    }

    static void kill(final Client c) {
        final CommandArgs a = c.args();
        if (a.count() == 3) {
            final String addr = a.string(2);
            for (final Client other : c.server().clients().values()) {
                if (other.address().equals(addr)) {
                    other.control().kill();
                    c.reply().ok();
                    return;
                }
            }
            c.reply().error(KvError.NO_SUCH_CLIENT);
            return;
        }
        long id = 0;
        String addr = null;
        String laddr = null;
        AclUser user = null;
        boolean skipMe = true;
        long maxAge = 0;
        int type = TYPE_ANY;
        if (a.count() % 2 != 0) {
            c.reply().error(KvError.SYNTAX);
            return;
        }
        for (int i = 2; i < a.count(); i += 2) {
            if (a.is(i, Keywords.ID)) {
                if (!a.parseLong(i + 1) || a.longValue() <= 0) {
                    c.reply().error(KvError.CLIENT_ID_INVALID);
                    return;
                }
                id = a.longValue();
            } else if (a.is(i, Keywords.ADDR)) {
                addr = a.string(i + 1);
            } else if (a.is(i, Keywords.LADDR)) {
                laddr = a.string(i + 1);
            } else if (a.is(i, Keywords.USER)) {
                user = c.server().acl().user(a.string(i + 1));
                if (user == null) {
                    c.reply().error(KvError.NO_SUCH_USER.format(a.cString(i + 1)));
                    return;
                }
            } else if (a.is(i, Keywords.TYPE)) {
                type = clientType(c, i + 1);
                if (type < 0) {
                    return;
                }
            } else if (a.is(i, Keywords.SKIPME)) {
                if (a.is(i + 1, Keywords.YES)) {
                    skipMe = true;
                } else if (a.is(i + 1, Keywords.NO)) {
                    skipMe = false;
                } else {
                    c.reply().error(KvError.SYNTAX);
                    return;
                }
            } else if (a.is(i, Keywords.MAXAGE)) {
                if (!c.parseLongOrReply(i + 1)) {
                    return;
                }
                maxAge = a.longValue();
            } else {
                c.reply().error(KvError.SYNTAX);
                return;
            }
        }
        long killed = 0;
        final long now = System.currentTimeMillis();
        for (final Client other : c.server().clients().values()) {
            final boolean match = typeMatches(other, type)
                && (id == 0 || other.id() == id)
                && (addr == null || other.address().equals(addr))
                && (laddr == null || other.localAddress().equals(laddr))
                && (user == null || other.user() == user)
                && (maxAge == 0 || (now - other.createdMillis()) / 1000 >= maxAge)
                && !(skipMe && other == c);
            if (match) {
                other.control().kill();
                killed++;
            }
        }
        c.reply().integer(killed);
    }

    /**
     * Formats one CLIENT LIST line, with Redis's fields.
     *
     * @param c the client.
     * @param now the current time in Unix milliseconds.
     * @return the line without the newline.
     */
    static String describe(final Client c, final long now) {
        final int qbuf = c.control().queryBufferLength();
        final int omem = c.control().outputBufferLength();
        return "id=" + c.id() + " addr=" + c.address() + " laddr=" + c.localAddress() + " fd=-1 name=" + c.name()
            + " age=" + Math.max(0, (now - c.createdMillis()) / 1000)
            + " idle=" + Math.max(0, (now - c.lastInteractionMillis()) / 1000)
            + " flags=" + flags(c) + " db=" + c.dbIndex() + subscriptions(c.pubsub())
            + " multi=-1 qbuf=" + qbuf + " qbuf-free=0"
            + " argv-mem=0 multi-mem=0 rbs=" + qbuf + " rbp=0 obl=" + omem + " oll=0 omem=" + omem
            + " tot-mem=" + (qbuf + omem) + " events=r cmd=" + c.lastCommand() + " user=" + c.user().name()
            + " redir=-1 resp=2"
            + " lib-name=" + c.libName() + " lib-ver=" + c.libVersion();
    }

    /**
     * CLIENT LIST's flags in Redis's order: {@code O} monitor, {@code P} subscriber, {@code b} blocked or held by
     * CLIENT PAUSE, {@code e} CLIENT NO-EVICT ON, {@code N} none of these.
     */
    private static String flags(final Client c) {
        final StringBuilder flags = new StringBuilder(4);
        if (c.monitoring()) {
            flags.append('O');
        }
        if (c.subscribed()) {
            flags.append('P');
        }
        if (c.control().isSuspended()) {
            flags.append('b');
        }
        if (c.noEvict()) {
            flags.append('e');
        }
        return flags.length() == 0 ? "N" : flags.toString();
    }

    /** CLIENT LIST's {@code sub=N psub=N ssub=N}. */
    private static String subscriptions(final ClientPubSub pubsub) {
        if (pubsub == null) {
            return " sub=0 psub=0 ssub=0";
        }
        return " sub=" + pubsub.channelCount() + " psub=" + pubsub.patternCount() + " ssub=" + pubsub.shardCount();
    }

    /** CLIENT LIST / KILL TYPE filters: any client, Redis's normal and pubsub classes, or none (master, replica). */
    private static final int TYPE_ANY = 0;
    private static final int TYPE_NORMAL = 1;
    private static final int TYPE_PUBSUB = 2;
    private static final int TYPE_NONE = 3;

    /**
     * Parses a TYPE argument, or replies Redis's unknown type error.
     *
     * @return a {@code TYPE_*} filter, or -1 after the error reply.
     */
    private static int clientType(final Client c, final int i) {
        switch (c.args().string(i).toLowerCase(java.util.Locale.ROOT)) {
            case "normal":
                return TYPE_NORMAL;
            case "pubsub":
                return TYPE_PUBSUB;
            case "master":
            case "replica":
            case "slave":
                return TYPE_NONE;
            default:
                c.reply().error(KvError.UNKNOWN_CLIENT_TYPE.format(c.args().string(i)));
                return -1;
        }
    }

    /** A client with subscriptions is of Redis's pubsub class, any other of the normal class. */
    private static boolean typeMatches(final Client c, final int type) {
        return switch (type) {
            case TYPE_ANY -> true;
            case TYPE_NORMAL -> !c.subscribed();
            case TYPE_PUBSUB -> c.subscribed();
            default -> false;
        };
    }
}
