package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_ADMIN;
import static io.minikv.net.command.CommandSpec.FLAG_DENYOOM;
import static io.minikv.net.command.CommandSpec.FLAG_FAST;
import static io.minikv.net.command.CommandSpec.FLAG_MAY_REPLICATE;
import static io.minikv.net.command.CommandSpec.FLAG_READONLY;
import static io.minikv.net.command.CommandSpec.FLAG_WRITE;

import java.util.Random;

import io.minikv.api.KvError;
import io.minikv.engine.Engine;
import io.minikv.engine.type.HyperLogLogOps;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

/**
 * The HyperLogLog commands ({@code hyperloglog.c}): PFADD, PFCOUNT, PFMERGE, PFDEBUG, PFSELFTEST.
 * <p>
 * PFADD, PFCOUNT and PFMERGE go through the store's {@code KvHyperLogLogs} methods; PFDEBUG and PFSELFTEST, which
 * are Redis's internal debugging commands, call the engine directly and so need mini-kv's own store. PFCOUNT is
 * flagged read-only as in Redis, and may_replicate because with one key it caches its estimate in the value: like
 * Redis, read-only scripts (EVAL_RO) refuse it.
 */
final class HyperLogLogCommands {
    private static final String GROUP = "hyperloglog";

    private HyperLogLogCommands() {
    }

    /**
     * Registers the family.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        table.register(spec("pfadd", -2, FLAG_WRITE | FLAG_DENYOOM | FLAG_FAST, 1, 1, HyperLogLogCommands::pfadd,
            "Adds the specified elements to the specified HyperLogLog."));
        table.register(spec("pfcount", -2, FLAG_READONLY | FLAG_MAY_REPLICATE, 1, -1, HyperLogLogCommands::pfcount,
            "Return the approximated cardinality of the set(s) observed by the HyperLogLog at key(s)."));
        table.register(spec("pfmerge", -2, FLAG_WRITE | FLAG_DENYOOM, 1, -1, HyperLogLogCommands::pfmerge,
            "Merge N different HyperLogLogs into a single one."));
        table.register(spec("pfdebug", 3, FLAG_WRITE | FLAG_DENYOOM | FLAG_ADMIN, 2, 2, HyperLogLogCommands::pfdebug,
            "Internal commands for debugging HyperLogLog values"));
        table.register(CommandSpec.of("pfselftest", 1, GROUP, HyperLogLogCommands::pfselftest).flags(FLAG_ADMIN)
            .doc("An internal command for testing HyperLogLog values", "2.8.9").build());
    }

    private static CommandSpec spec(final String name, final int arity, final int flags, final int first,
        final int last, final CommandHandler handler, final String summary) {
        return CommandSpec.of(name, arity, GROUP, handler).flags(flags).keys(first, last, 1).doc(summary, "2.8.9")
            .build();
    }

    static void pfadd(final Client c) {
        final CommandArgs a = c.args();
        c.reply().integer(c.db().pfadd(a.bytes(1), a.bytes(2, a.count())));
    }

    static void pfcount(final Client c) {
        final CommandArgs a = c.args();
        c.reply().integer(c.db().pfcount(a.bytes(1, a.count())));
    }

    static void pfmerge(final Client c) {
        final CommandArgs a = c.args();
        c.db().pfmerge(a.bytes(1), a.bytes(2, a.count()));
        c.reply().ok();
    }

    /** PFDEBUG: Redis checks the key before the subcommand, so the engine resolves both. */
    static void pfdebug(final Client c) {
        final Engine engine = c.server().engine();
        if (engine == null) {
            c.reply().error(KvError.INTERNAL);
            return;
        }
        final CommandArgs a = c.args();
        final Object result = HyperLogLogOps.pfdebug(engine.keyspaces()[c.db().databaseIndex()], a.string(1),
            a.bytes(2));
        final ReplyWriter reply = c.reply();
        if (result instanceof long[] registers) {
            reply.array(registers.length);
            for (final long r : registers) {
                reply.integer(r);
            }
        } else if (result instanceof Long l) {
            reply.integer(l);
        } else if (a.string(1).equalsIgnoreCase("encoding")) {
            reply.simple((String) result);
        } else {
            reply.bulk((String) result);
        }
    }

    static void pfselftest(final Client c) {
        final Engine engine = c.server().engine();
        if (engine == null) {
            c.reply().error(KvError.INTERNAL);
            return;
        }
        HyperLogLogOps.pfselftest(new Random(), engine.hllSparseMaxBytes());
        c.reply().ok();
    }
}
