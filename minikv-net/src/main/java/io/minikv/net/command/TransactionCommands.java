package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_FAST;
import static io.minikv.net.command.CommandSpec.FLAG_LOADING;
import static io.minikv.net.command.CommandSpec.FLAG_NOSCRIPT;
import static io.minikv.net.command.CommandSpec.FLAG_SKIP_MONITOR;
import static io.minikv.net.command.CommandSpec.FLAG_STALE;

import java.util.List;

import io.minikv.api.KvError;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

/**
 * MULTI, EXEC, DISCARD, WATCH and UNWATCH, as Redis's {@code multi.c}. Queueing itself is done by the
 * {@link Dispatcher} (it checks each command first, so an unknown command or a wrong arity aborts the
 * transaction); EXEC runs the queue inside the {@link ExecGate}, so no other client's command interleaves with it, nor
 * a write of the embedding application, and replies one array with each command's reply, errors included. A
 * blocking command run by EXEC does not block: it answers as if its timeout had passed ({@link BlockingKeys#block}).
 * <p>
 * Stateless; handlers run on the calling client's event loop.
 */
final class TransactionCommands {
    private static final String GROUP = "transactions";
    /** EXEC's handler, which the dispatcher recognises when it refuses EXEC itself. */
    static final CommandHandler EXEC = TransactionCommands::exec;

    private TransactionCommands() {
    }

    static void register(final CommandTable table) {
        final int flags = FLAG_NOSCRIPT | FLAG_LOADING | FLAG_STALE | FLAG_FAST | CommandSpec.FLAG_TRANSACTION;
        table.register(spec("multi", 1, flags, TransactionCommands::multi, "Starts a transaction.", "1.2.0"));
        table.register(spec("exec", 1, flags & ~FLAG_FAST | FLAG_SKIP_MONITOR
            | CommandSpec.FLAG_SKIP_SLOWLOG, EXEC, "Executes all commands in a transaction.", "1.2.0"));
        table.register(spec("discard", 1, flags, TransactionCommands::discard, "Discards a transaction.", "2.0.0"));
        table.register(CommandSpec.of("watch", -2, GROUP, TransactionCommands::watch).flags(flags).keys(1, -1, 1)
            .doc("Monitors changes to keys to determine the execution of a transaction.", "2.2.0").build());
        // UNWATCH is queued inside MULTI, as in Redis (it then runs inside EXEC, after the watches were checked).
        table.register(spec("unwatch", 1, flags & ~CommandSpec.FLAG_TRANSACTION, TransactionCommands::unwatch,
            "Forgets about watched keys of a transaction.", "2.2.0"));
    }

    private static CommandSpec spec(final String name, final int arity, final int flags, final CommandHandler handler,
        final String summary, final String since) {
        return CommandSpec.of(name, arity, GROUP, handler).flags(flags).doc(summary, since).build();
    }

    static void multi(final Client c) {
        final Transaction tx = c.transaction();
        if (tx.active()) {
            c.reply().error(KvError.MULTI_NESTED);
            return;
        }
        tx.begin();
        c.reply().ok();
    }

    static void discard(final Client c) {
        final Transaction tx = c.transaction();
        if (!tx.active()) {
            c.reply().error(KvError.DISCARD_WITHOUT_MULTI);
            return;
        }
        tx.reset();
        tx.unwatch(c.server().watches());
        c.reply().ok();
    }

    static void watch(final Client c) {
        final Transaction tx = c.transaction();
        if (tx.active()) {
            c.reply().error(KvError.WATCH_INSIDE_MULTI);
            return;
        }
        final CommandArgs a = c.args();
        for (int i = 1; i < a.count(); i++) {
            tx.watch(c, a.bytes(i));
        }
        c.reply().ok();
    }

    static void unwatch(final Client c) {
        c.transaction().unwatch(c.server().watches());
        c.reply().ok();
    }

    static void exec(final Client c) {
        final Transaction tx = c.transaction();
        final ReplyWriter reply = c.reply();
        if (!tx.active()) {
            reply.error(KvError.EXEC_WITHOUT_MULTI);
            return;
        }
        final WatchedKeys watches = c.server().watches();
        if (tx.aborted()) {
            tx.reset();
            tx.unwatch(watches);
            reply.error(KvError.EXECABORT);
            return;
        }
        final List<CommandArgs> queued = List.copyOf(tx.queued());
        tx.reset();
        c.server().execGate().exclusive(c.control().gateSlot(), () -> {
            // Checked inside the gate: no other client can write a watched key between this check and the commands.
            if (tx.watchFailed(c.db())) {
                reply.nullArray();
                return;
            }
            reply.array(queued.size());
            tx.executing(true);
            // Redis checks memory when EXEC starts, not for the commands it runs.
            c.server().suspendMemoryChecks(true);
            try {
                final Dispatcher dispatcher = c.server().dispatcher();
                for (final CommandArgs args : queued) {
                    dispatcher.dispatch(c, args);
                }
            } finally {
                c.server().suspendMemoryChecks(false);
                tx.executing(false);
            }
            c.releaseSignals();
        });
        tx.unwatch(watches);
    }
}
