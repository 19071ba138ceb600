package io.minikv.net.command;

import io.minikv.api.KvError;
import io.minikv.api.KvException;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;
import io.minikv.net.resp.SharedReplies;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Runs one parsed command: looks it up (and its subcommand for containers such as CLIENT), checks arity, protection
 * (DEBUG's {@code enable-debug-command}), authentication and ACL permissions ({@link Acl}) in that order, as Redis's {@code processCommand} does, calls the handler and turns a
 * {@link KvException} into its error reply. This is the only place that checks arity or reports unknown commands.
 * <p>
 * Stateless apart from the table; shared by all event loops.
 */
public final class Dispatcher {
    private static final Logger LOG = System.getLogger(Dispatcher.class.getName());
    /** Redis quotes the first arguments of an unknown command until 128 characters are used. */
    private static final int UNKNOWN_ARGS_BUDGET = 128;

    /** The commands Redis 7 flags {@code allow_busy}: they run while a script is busy; the others get BUSY. */
    private static final java.util.Set<String> ALLOW_BUSY = java.util.Set.of("auth", "hello", "quit", "reset",
        "multi", "discard", "watch", "unwatch", "shutdown", "script|kill", "function|kill", "function|stats");

    private final CommandTable table;

    /**
     * Creates a dispatcher over a table.
     *
     * @param table the command table.
     */
    public Dispatcher(final CommandTable table) {
        this.table = table;
    }

    /**
     * Executes a command and writes its reply.
     *
     * @param client the calling client.
     * @param args the parsed command, at least one argument.
     */
    public void dispatch(final Client client, final CommandArgs args) {
        dispatch(client, args, false);
    }

    /**
     * Executes a command while a script holds the gate past busy-reply-threshold, outside the gate: as
     * {@link #dispatch}, but after the checks that come first in Redis (unknown command, arity, authentication...),
     * every command Redis does not flag {@code allow_busy} is refused with BUSY.
     *
     * @param client the calling client.
     * @param args the parsed command, at least one argument.
     */
    public void dispatchWhileBusy(final Client client, final CommandArgs args) {
        dispatch(client, args, true);
    }

    private void dispatch(final Client client, final CommandArgs args, final boolean busy) {
        client.args(args);
        final ReplyWriter reply = client.reply();
        CommandSpec spec = table.lookup(args, 0);
        if (spec == null) {
            reply.error(unknownCommand(args));
            abortTransaction(client);
            return;
        }
        final int argc = args.count();
        if (!spec.subcommands().isEmpty() && argc >= 2) {
            final CommandSpec sub = CommandTable.lookupSub(spec, args, 1);
            if (sub == null) {
                reply.error(KvError.UNKNOWN_SUBCOMMAND.format(truncate(args.cString(1)),
                    args.string(0).toUpperCase(Locale.ROOT)));
                abortTransaction(client);
                return;
            }
            spec = sub;
        }
        if (!spec.arityOk(argc)) {
            reject(client, spec, KvError.wrongArity(spec.name()));
            return;
        }
        // Before authentication, as in Redis: an unauthenticated client learns that DEBUG is disabled. MODULE's
        // loading subcommands stay refused: mini-kv has no module API, as under Redis's enable-module-command no.
        if (spec.has(CommandSpec.FLAG_PROTECTED)) {
            if (spec.name().startsWith("module|")) {
                reject(client, spec, KvError.MODULE_NOT_ALLOWED.text());
                return;
            }
            if (!client.server().debugCommand().allows(client.address())) {
                reject(client, spec, KvError.DEBUG_NOT_ALLOWED.text());
                return;
            }
        }
        if (!spec.has(CommandSpec.FLAG_NO_AUTH) && client.authRequired()) {
            reject(client, spec, KvError.NOAUTH.text());
            return;
        }
        if (client.inMulti() && spec.has(CommandSpec.FLAG_NO_MULTI)) {
            reject(client, spec, KvError.NOT_ALLOWED_IN_MULTI.text());
            return;
        }
        // One volatile read and a boolean for a user allowed everything; the script client is checked by ScriptCalls.
        final AclUser user = client.user();
        final AclUser.Rules rules = user.rules();
        if (!rules.unrestricted() && !client.isScript() && !permitted(client, user, rules, spec, args)) {
            return;
        }
        if (!spec.has(CommandSpec.FLAG_SUBSCRIBED_OK) && client.subscribed() && !client.inExec()) {
            // RESP2 subscribers read pushes, so Redis allows them only the commands that keep that unambiguous.
            reject(client, spec, KvError.PUBSUB_CONTEXT.format(spec.name()));
            return;
        }
        // Redis treats a monitor as a replica, which may not touch the keyspace.
        if (client.monitoring() && (spec.has(CommandSpec.FLAG_READONLY) || spec.has(CommandSpec.FLAG_WRITE)
            || spec.has(CommandSpec.FLAG_MAY_REPLICATE))) {
            reject(client, spec, KvError.MONITOR_KEYSPACE.text());
            return;
        }
        final boolean denyOom = spec.has(CommandSpec.FLAG_DENYOOM);
        if ((denyOom || client.inMulti() || spec.handler() == TransactionCommands.EXEC)
            && !client.transaction().executing() && client.server().memoryExceeded()
            && rejectOnOom(client, spec, denyOom)) {
            reject(client, spec, KvError.OOM.text());
            return;
        }
        if (busy && !ALLOW_BUSY.contains(spec.name())) {
            reject(client, spec, client.server().scripting().busyError().text());
            return;
        }
        // CLIENT PAUSE holds a command after every check that could refuse it, queueing in MULTI included, as Redis.
        final ServerContext server = client.server();
        if (server.pause().active() && !client.inExec() && !client.isScript() && server.pause().hold(client, spec)) {
            client.lastCommand(spec.name());
            return;
        }
        if (client.inMulti() && !spec.has(CommandSpec.FLAG_TRANSACTION)) {
            if (denyOom) {
                client.transaction().queuedDenyOom();
            }
            if (spec.has(CommandSpec.FLAG_WRITE | CommandSpec.FLAG_MAY_REPLICATE)) {
                client.transaction().queuedWrite();
            }
            queue(client, args);
            return;
        }
        client.lastCommand(spec.name());
        // MONITOR shows what runs, after it ran (EXEC after the commands it ran), except admin commands; a script is
        // shown before its own commands.
        final Monitors monitors = client.server().monitors();
        final boolean shown = monitors.active() && !spec.has(CommandSpec.FLAG_ADMIN);
        final boolean shownBefore = shown && spec.has(CommandSpec.FLAG_SKIP_MONITOR)
            && spec.handler() != TransactionCommands.EXEC;
        if (shownBefore) {
            monitors.feed(client, args);
        }
        final boolean write = spec.has(CommandSpec.FLAG_WRITE);
        if (write) {
            // Counted before it runs, so a save the command itself makes (FLUSHALL with save points) includes it.
            client.server().persistence().changed(1);
        }
        // Execution time only, as Redis's c->duration: one nanoTime pair, while the slow log, the latency monitor or
        // latency-tracking wants it.
        final CommandTiming timing = server.timing();
        final boolean timed = timing.on();
        final long start = timed ? System.nanoTime() : 0;
        try {
            spec.handler().handle(client);
            if (timed) {
                timing.executed(client, spec, args, System.nanoTime() - start);
            }
            if (write) {
                if (client.server().blocking().hasWaiters()) {
                    signalWrittenKeys(client, spec, args);
                }
                if (!client.server().commandWritesReported() && client.server().watches().any()) {
                    touchWrittenKeys(client, spec, args);
                }
            }
        } catch (final KvException e) {
            if (timed) {
                timing.executed(client, spec, args, System.nanoTime() - start);
            }
            if (write) {
                client.server().persistence().changed(-1);
            }
            final String message = e.getMessage();
            if (e.error() != null && message.equals(e.error().text())) {
                reply.error(e.error());
            } else {
                reply.error(message);
            }
        } catch (final ReplyWriter.OutputLimitExceeded e) {
            throw e;
        } catch (final RuntimeException e) {
            if (write) {
                client.server().persistence().changed(-1);
            }
            LOG.log(Level.ERROR, "command " + spec.name() + " failed", e);
            reply.error(KvError.INTERNAL);
        }
        if (shown && !shownBefore) {
            monitors.feed(client, args);
        }
    }

    /**
     * Checks a restricted user's permission to run a command, as Redis's {@code processCommand} (and
     * {@code execCommand} for the commands EXEC runs, which are checked again in case the rules changed since they
     * were queued), and refuses the command with Redis's NOPERM error when denied, logging the denial.
     *
     * @return true when the command may run.
     */
    private static boolean permitted(final Client client, final AclUser user, final AclUser.Rules rules,
        final CommandSpec spec, final CommandArgs args) {
        final Acl acl = client.server().acl();
        final int verdict = acl.check(rules, spec, args, 0);
        if (verdict == Acl.OK) {
            return true;
        }
        final boolean exec = client.inExec();
        // Redis records the command before its checks: the log's CLIENT LIST line shows it as cmd=.
        client.lastCommand(spec.name());
        acl.logDenial(client, user, verdict, exec || client.inMulti() ? AclLog.MULTI : AclLog.TOPLEVEL, spec, args, 0);
        final int code = Acl.code(verdict);
        if (exec) {
            client.reply().error(KvError.NOPERM_EXEC.format(code == Acl.DENIED_CMD
                ? "no permission to execute the command or subcommand" : code == Acl.DENIED_KEY
                ? "no permission to touch the specified keys"
                : "no permission to access one of the channels used as arguments"));
        } else {
            reject(client, spec, code == Acl.DENIED_CMD ? KvError.NOPERM_COMMAND.format(spec.name())
                : code == Acl.DENIED_KEY ? KvError.NOPERM_KEY.text() : KvError.NOPERM_CHANNEL.text());
        }
        return false;
    }

    /**
     * Refuses a known command: an error reply that aborts an open transaction, or, when the refused command is EXEC
     * itself, discards the transaction at once with the reason, as Redis's {@code rejectCommand} and
     * {@code execCommandAbort}: outside MULTI too (a refused EXEC answers EXECABORT and drops the watches then).
     */
    private static void reject(final Client client, final CommandSpec spec, final String error) {
        if (spec.handler() == TransactionCommands.EXEC) {
            final Transaction tx = client.transaction();
            tx.reset();
            tx.unwatch(client.server().watches());
            client.reply().error(KvError.execAbortBecause(error));
            return;
        }
        client.reply().error(error);
        abortTransaction(client);
    }

    /**
     * Whether a command is refused while the store is over its memory limit, as Redis's {@code processCommand} under
     * {@code noeviction}: commands flagged {@code denyoom}, EXEC of a transaction that queued one, and anything else
     * queued inside MULTI (queueing itself takes memory), but never EXEC, DISCARD, QUIT or RESET otherwise. The
     * other commands (reads, DEL, the pops...) run, so memory can be freed.
     */
    private static boolean rejectOnOom(final Client client, final CommandSpec spec, final boolean denyOom) {
        if (denyOom) {
            return true;
        }
        if (spec.handler() == TransactionCommands.EXEC) {
            return client.inMulti() && client.transaction().hasDenyOom();
        }
        if (!client.inMulti()) {
            return false;
        }
        final String name = spec.name();
        return !name.equals("discard") && !name.equals("quit") && !name.equals("reset");
    }

    /** A command refused while queueing makes EXEC answer EXECABORT, as Redis's {@code flagTransaction}. */
    private static void abortTransaction(final Client client) {
        if (client.inMulti()) {
            client.transaction().abort();
        }
    }

    /**
     * Queues a copy of a command between MULTI and EXEC. The copies are bounded by client-query-buffer-limit: a
     * client that queues more is closed, as one whose query buffer passes the limit.
     */
    private static void queue(final Client client, final CommandArgs args) {
        final long bytes = client.transaction().queue(args);
        if (bytes > client.server().limits().maxQueryBufferBytes()) {
            client.transaction().reset();
            client.closeAfterReply(true);
            return;
        }
        client.reply().raw(SharedReplies.QUEUED);
    }

    /**
     * Marks the clients watching the keys a write command named (its key positions from the spec): only for a store
     * that does not report the keys it modified, since it over-approximates (a DEL of a missing key, an SADD of a
     * present member fail a WATCH here, not in Redis).
     */
    private static void touchWrittenKeys(final Client client, final CommandSpec spec, final CommandArgs args) {
        if (spec.firstKey() <= 0) {
            return;
        }
        final int argc = args.count();
        final int last = spec.lastKey() < 0 ? argc + spec.lastKey() : Math.min(spec.lastKey(), argc - 1);
        final int step = Math.max(1, spec.keyStep());
        for (int i = spec.firstKey(); i <= last; i += step) {
            client.server().watches().touch(client.dbIndex(), args.bytes(i));
        }
    }

    /**
     * Formats Redis's unknown command error, quoting the first arguments.
     *
     * @param args the command.
     * @return the error text.
     */
    static String unknownCommand(final CommandArgs args) {
        final StringBuilder quoted = new StringBuilder();
        for (int i = 1; i < args.count() && quoted.length() < UNKNOWN_ARGS_BUDGET; i++) {
            final String arg = cString(args.string(i));
            final int room = UNKNOWN_ARGS_BUDGET - quoted.length();
            quoted.append('\'').append(arg, 0, Math.min(arg.length(), room)).append("' ");
        }
        return KvError.unknownCommand(truncate(cString(args.string(0))), quoted.toString());
    }

    /** Redis formats arguments with {@code %s}, which stops at the first NUL byte. */
    private static String cString(final String text) {
        final int nul = text.indexOf('\0');
        return nul < 0 ? text : text.substring(0, nul);
    }

    private static String truncate(final String text) {
        return text.length() > UNKNOWN_ARGS_BUDGET ? text.substring(0, UNKNOWN_ARGS_BUDGET) : text;
    }

    /**
     * Decodes bytes as the ISO-8859-1 text the error formatter works on.
     *
     * @param bytes the bytes.
     * @return the text.
     */
    static String latin1(final byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /**
     * Signals the keys a write command named (its key positions from the spec) to the clients blocked on them, as
     * Redis's {@code signalKeyAsReady}. Runs only while some client is blocked.
     */
    private static void signalWrittenKeys(final Client client, final CommandSpec spec, final CommandArgs args) {
        if (spec.has(CommandSpec.FLAG_BLOCKING) || spec.firstKey() <= 0) {
            return;
        }
        final int argc = args.count();
        final int last = spec.lastKey() < 0 ? argc + spec.lastKey() : Math.min(spec.lastKey(), argc - 1);
        final int step = Math.max(1, spec.keyStep());
        for (int i = spec.firstKey(); i <= last; i += step) {
            if (client.inExec()) {
                // Inside EXEC or a script: served once it ends, so a waiter sees all of its writes at once.
                client.holdSignal(client.dbIndex(), args.bytes(i));
            } else {
                client.server().blocking().signal(client.dbIndex(), args.bytes(i));
            }
        }
    }
}
