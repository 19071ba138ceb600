package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_DENYOOM;
import static io.minikv.net.command.CommandSpec.FLAG_FAST;
import static io.minikv.net.command.CommandSpec.FLAG_READONLY;
import static io.minikv.net.command.CommandSpec.FLAG_WRITE;

import java.util.List;

import io.minikv.api.KvError;
import io.minikv.api.KvStore;
import io.minikv.api.SScanResult;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

/**
 * The set commands ({@code t_set.c}): argument parsing in Redis's order (so the same bad input gets the same error),
 * the typed {@code KvStore} call, and the RESP2 reply.
 * <p>
 * Stateless; handlers run on the calling client's event loop.
 */
final class SetCommands {
    static final String GROUP = "set";
    private static final int INTER = 0;
    private static final int UNION = 1;
    private static final int DIFF = 2;
    private static final byte[] LIMIT = Keywords.k("LIMIT");

    private SetCommands() {
    }

    /**
     * Registers the family.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        final int r = FLAG_READONLY;
        final int rf = FLAG_READONLY | FLAG_FAST;
        final int wf = FLAG_WRITE | FLAG_FAST;
        final int wd = FLAG_WRITE | FLAG_DENYOOM;
        table.register(spec("sadd", -3, wd | FLAG_FAST, 1, 1, SetCommands::sadd, "1.0.0",
            "Add one or more members to a set"));
        table.register(spec("srem", -3, wf, 1, 1, SetCommands::srem, "1.0.0",
            "Remove one or more members from a set"));
        table.register(spec("smembers", 2, r, 1, 1, SetCommands::smembers, "1.0.0",
            "Get all the members in a set"));
        table.register(spec("sismember", 3, rf, 1, 1, SetCommands::sismember, "1.0.0",
            "Determine if a given value is a member of a set"));
        table.register(spec("smismember", -3, rf, 1, 1, SetCommands::smismember, "6.2.0",
            "Returns the membership associated with the given elements for a set"));
        table.register(spec("scard", 2, rf, 1, 1, SetCommands::scard, "1.0.0",
            "Get the number of members in a set"));
        table.register(spec("spop", -2, wf, 1, 1, SetCommands::spop, "1.0.0",
            "Remove and return one or multiple random members from a set"));
        table.register(spec("srandmember", -2, r, 1, 1, SetCommands::srandmember, "1.0.0",
            "Get one or multiple random members from a set"));
        table.register(spec("smove", 4, wf, 1, 2, SetCommands::smove, "1.0.0",
            "Move a member from one set to another"));
        table.register(spec("sinter", -2, r, 1, -1, c -> combine(c, INTER, false), "1.0.0",
            "Intersect multiple sets"));
        table.register(spec("sinterstore", -3, wd, 1, -1, c -> combine(c, INTER, true), "1.0.0",
            "Intersect multiple sets and store the resulting set in a key"));
        table.register(spec("sintercard", -3, r, 0, 0, SetCommands::sintercard, "7.0.0",
            "Intersect multiple sets and return the cardinality of the result"));
        table.register(spec("sunion", -2, r, 1, -1, c -> combine(c, UNION, false), "1.0.0",
            "Add multiple sets"));
        table.register(spec("sunionstore", -3, wd, 1, -1, c -> combine(c, UNION, true), "1.0.0",
            "Add multiple sets and store the resulting set in a key"));
        table.register(spec("sdiff", -2, r, 1, -1, c -> combine(c, DIFF, false), "1.0.0",
            "Subtract multiple sets"));
        table.register(spec("sdiffstore", -3, wd, 1, -1, c -> combine(c, DIFF, true), "1.0.0",
            "Subtract multiple sets and store the resulting set in a key"));
        table.register(spec("sscan", -3, r, 1, 1, SetCommands::sscan, "2.8.0",
            "Incrementally iterate Set elements"));
    }

    private static CommandSpec spec(final String name, final int arity, final int flags, final int first,
        final int last, final CommandHandler handler, final String since, final String summary) {
        return CommandSpec.of(name, arity, GROUP, handler).flags(flags).keys(first, last, first == 0 ? 0 : 1)
            .doc(summary, since).build();
    }

    /** Writes members as a RESP2 array of bulk strings. */
    private static void members(final ReplyWriter r, final List<byte[]> members) {
        r.array(members.size());
        for (int i = 0; i < members.size(); i++) {
            r.bulk(members.get(i));
        }
    }

    // ------------------------------------------------------------------------------------------------ handlers

    static void sadd(final Client c) {
        final CommandArgs a = c.args();
        c.reply().integer(c.db().sadd(a.bytes(1), a.bytes(2, a.count())));
    }

    static void srem(final Client c) {
        final CommandArgs a = c.args();
        c.reply().integer(c.db().srem(a.bytes(1), a.bytes(2, a.count())));
    }

    static void smembers(final Client c) {
        members(c.reply(), c.db().smembers(c.args().bytes(1)));
    }

    static void sismember(final Client c) {
        final CommandArgs a = c.args();
        c.reply().integer(c.db().sismember(a.bytes(1), a.bytes(2)) ? 1 : 0);
    }

    static void smismember(final Client c) {
        final CommandArgs a = c.args();
        final List<Boolean> found = c.db().smismember(a.bytes(1), a.bytes(2, a.count()));
        final ReplyWriter r = c.reply();
        r.array(found.size());
        for (int i = 0; i < found.size(); i++) {
            r.integer(found.get(i) ? 1 : 0);
        }
    }

    static void scard(final Client c) {
        c.reply().integer(c.db().scard(c.args().bytes(1)));
    }

    static void spop(final Client c) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        if (a.count() == 2) {
            r.bulk(c.db().spop(a.bytes(1)));
            return;
        }
        if (a.count() > 3) {
            r.error(KvError.SYNTAX);
            return;
        }
        // Redis's getPositiveLongFromObjectOrReply with its default text: a non-number gets the range error too.
        if (!a.parseLong(2) || a.longValue() < 0) {
            r.error(KvError.COUNT_NOT_POSITIVE);
            return;
        }
        members(r, c.db().spop(a.bytes(1), a.longValue()));
    }

    static void srandmember(final Client c) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        if (a.count() == 2) {
            r.bulk(c.db().srandmember(a.bytes(1)));
            return;
        }
        if (a.count() > 3) {
            r.error(KvError.SYNTAX);
            return;
        }
        if (!c.parseLongOrReply(2)) {
            return;
        }
        members(r, c.db().srandmember(a.bytes(1), a.longValue()));
    }

    static void smove(final Client c) {
        final CommandArgs a = c.args();
        c.reply().integer(c.db().smove(a.bytes(1), a.bytes(2), a.bytes(3)) ? 1 : 0);
    }

    static void combine(final Client c, final int op, final boolean store) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        final byte[][] keys = a.bytes(store ? 2 : 1, a.count());
        if (store) {
            final byte[] dst = a.bytes(1);
            r.integer(switch (op) {
                case INTER -> c.db().sinterstore(dst, keys);
                case UNION -> c.db().sunionstore(dst, keys);
                default -> c.db().sdiffstore(dst, keys);
            });
            return;
        }
        members(r, switch (op) {
            case INTER -> c.db().sinter(keys);
            case UNION -> c.db().sunion(keys);
            default -> c.db().sdiff(keys);
        });
    }

    /** {@code SINTERCARD numkeys key [key ...] [LIMIT limit]}: options are parsed before any key is looked up. */
    static void sintercard(final Client c) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        if (!a.parseLong(1) || a.longValue() < 1) {
            r.error(KvError.NUMKEYS_NOT_POSITIVE);
            return;
        }
        final long numkeys = a.longValue();
        if (numkeys > a.count() - 2) {
            r.error(KvError.NUMKEYS_EXCEED_ARGS);
            return;
        }
        long limit = 0;
        for (int j = 2 + (int) numkeys; j < a.count(); j++) {
            if (j + 1 < a.count() && a.is(j, LIMIT)) {
                j++;
                if (!a.parseLong(j) || a.longValue() < 0) {
                    r.error(KvError.LIMIT_NEGATIVE);
                    return;
                }
                limit = a.longValue();
            } else {
                r.error(KvError.SYNTAX);
                return;
            }
        }
        r.integer(c.db().sintercard(limit, a.bytes(2, 2 + (int) numkeys)));
    }

    static void sscan(final Client c) {
        final ScanOptions scan = ScanOptions.parse(c, KvStore::scard);
        if (scan == null) {
            return;
        }
        final SScanResult result = c.db().sscan(c.args().bytes(1), scan.cursor(), scan.pattern(), scan.count());
        ScanOptions.replyCursor(c.reply(), result.cursor());
        members(c.reply(), result.members());
    }
}
