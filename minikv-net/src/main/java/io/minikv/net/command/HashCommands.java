package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_DENYOOM;
import static io.minikv.net.command.CommandSpec.FLAG_FAST;
import static io.minikv.net.command.CommandSpec.FLAG_READONLY;
import static io.minikv.net.command.CommandSpec.FLAG_WRITE;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.minikv.api.FieldValue;
import io.minikv.api.HScanResult;
import io.minikv.api.KvError;
import io.minikv.api.KvStore;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

/**
 * The hash commands ({@code t_hash.c}): argument parsing in Redis's order (so the same bad input gets the same
 * error), the typed {@link KvStore} call, and the RESP2 reply.
 * <p>
 * Stateless; handlers run on the calling client's event loop.
 */
final class HashCommands {
    static final String GROUP = "hash";
    private static final byte[] WITHVALUES = Keywords.k("WITHVALUES");

    private HashCommands() {
    }

    /**
     * Registers the family.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        final int rf = FLAG_READONLY | FLAG_FAST;
        final int wdf = FLAG_WRITE | FLAG_DENYOOM | FLAG_FAST;
        table.register(spec("hset", -4, wdf, c -> hset(c, false), "2.0.0",
            "Set the string value of a hash field"));
        table.register(spec("hmset", -4, wdf, c -> hset(c, true), "2.0.0",
            "Set multiple hash fields to multiple values"));
        table.register(spec("hsetnx", 4, wdf, HashCommands::hsetnx, "2.0.0",
            "Set the value of a hash field, only if the field does not exist"));
        table.register(spec("hget", 3, rf, HashCommands::hget, "2.0.0",
            "Get the value of a hash field"));
        table.register(spec("hmget", -3, rf, HashCommands::hmget, "2.0.0",
            "Get the values of all the given hash fields"));
        table.register(spec("hdel", -3, FLAG_WRITE | FLAG_FAST, HashCommands::hdel, "2.0.0",
            "Delete one or more hash fields"));
        table.register(spec("hexists", 3, rf, HashCommands::hexists, "2.0.0",
            "Determine if a hash field exists"));
        table.register(spec("hlen", 2, rf, HashCommands::hlen, "2.0.0",
            "Get the number of fields in a hash"));
        table.register(spec("hstrlen", 3, rf, HashCommands::hstrlen, "3.2.0",
            "Get the length of the value of a hash field"));
        table.register(spec("hkeys", 2, FLAG_READONLY, HashCommands::hkeys, "2.0.0",
            "Get all the fields in a hash"));
        table.register(spec("hvals", 2, FLAG_READONLY, HashCommands::hvals, "2.0.0",
            "Get all the values in a hash"));
        table.register(spec("hgetall", 2, FLAG_READONLY, HashCommands::hgetall, "2.0.0",
            "Get all the fields and values in a hash"));
        table.register(spec("hincrby", 4, wdf, HashCommands::hincrby, "2.0.0",
            "Increment the integer value of a hash field by the given number"));
        table.register(spec("hincrbyfloat", 4, wdf, HashCommands::hincrbyfloat, "2.6.0",
            "Increment the float value of a hash field by the given amount"));
        table.register(spec("hrandfield", -2, FLAG_READONLY, HashCommands::hrandfield, "6.2.0",
            "Get one or multiple random fields from a hash"));
        table.register(spec("hscan", -3, FLAG_READONLY, HashCommands::hscan, "2.8.0",
            "Incrementally iterate hash fields and associated values."));
    }

    private static CommandSpec spec(final String name, final int arity, final int flags,
        final CommandHandler handler, final String since, final String summary) {
        return CommandSpec.of(name, arity, GROUP, handler).flags(flags).keys(1, 1, 1).doc(summary, since).build();
    }

    // ------------------------------------------------------------------------------------------------ replies

    /** Writes pairs as RESP2 does: a flat array, field then value when {@code withValues}. */
    private static void pairs(final ReplyWriter r, final List<FieldValue> list, final boolean withValues) {
        r.array(withValues ? 2L * list.size() : list.size());
        for (int i = 0; i < list.size(); i++) {
            final FieldValue p = list.get(i);
            r.bulk(p.field());
            if (withValues) {
                r.bulk(p.value());
            }
        }
    }

    /** Writes an array of bulk strings, nil for null elements. */
    private static void bulks(final ReplyWriter r, final List<byte[]> list) {
        r.array(list.size());
        for (int i = 0; i < list.size(); i++) {
            r.bulk(list.get(i));
        }
    }

    // ------------------------------------------------------------------------------------------------ handlers

    static void hset(final Client c, final boolean hmset) {
        final CommandArgs a = c.args();
        final int n = a.count();
        // Field-value pairs: the command table's arity cannot say "even", so Redis checks it here.
        if (n % 2 == 1) {
            c.reply().error(KvError.wrongArity(hmset ? "hmset" : "hset"));
            return;
        }
        final List<FieldValue> entries = new ArrayList<>((n - 2) / 2);
        for (int i = 2; i < n; i += 2) {
            entries.add(new FieldValue(a.bytes(i), a.bytes(i + 1)));
        }
        final long added = c.db().hset(a.bytes(1), entries);
        if (hmset) {
            c.reply().ok();
        } else {
            c.reply().integer(added);
        }
    }

    static void hsetnx(final Client c) {
        final CommandArgs a = c.args();
        c.reply().bool(c.db().hsetnx(a.bytes(1), a.bytes(2), a.bytes(3)));
    }

    static void hget(final Client c) {
        final CommandArgs a = c.args();
        c.reply().bulk(c.db().hget(a.bytes(1), a.bytes(2)));
    }

    static void hmget(final Client c) {
        final CommandArgs a = c.args();
        bulks(c.reply(), c.db().hmget(a.bytes(1), a.bytes(2, a.count())));
    }

    static void hdel(final Client c) {
        final CommandArgs a = c.args();
        c.reply().integer(c.db().hdel(a.bytes(1), a.bytes(2, a.count())));
    }

    static void hexists(final Client c) {
        final CommandArgs a = c.args();
        c.reply().bool(c.db().hexists(a.bytes(1), a.bytes(2)));
    }

    static void hlen(final Client c) {
        c.reply().integer(c.db().hlen(c.args().bytes(1)));
    }

    static void hstrlen(final Client c) {
        final CommandArgs a = c.args();
        c.reply().integer(c.db().hstrlen(a.bytes(1), a.bytes(2)));
    }

    static void hkeys(final Client c) {
        bulks(c.reply(), c.db().hkeys(c.args().bytes(1)));
    }

    static void hvals(final Client c) {
        bulks(c.reply(), c.db().hvals(c.args().bytes(1)));
    }

    static void hgetall(final Client c) {
        pairs(c.reply(), c.db().hgetall(c.args().bytes(1)), true);
    }

    static void hincrby(final Client c) {
        final CommandArgs a = c.args();
        // The increment is parsed before the key is looked up: a bad one beats WRONGTYPE.
        if (!c.parseLongOrReply(3)) {
            return;
        }
        c.reply().integer(c.db().hincrby(a.bytes(1), a.bytes(2), a.longValue()));
    }

    static void hincrbyfloat(final Client c) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        // Redis reads the increment (a long double) before the key: a bad one beats WRONGTYPE.
        if (!a.parseDouble(3)) {
            r.error(KvError.NOT_FLOAT);
            return;
        }
        final double increment = a.doubleValue();
        final byte[] key = a.bytes(1);
        final byte[] field = a.bytes(2);
        if (Double.isInfinite(increment) && !isInfinityText(a.string(3))) {
            // A finite decimal beyond a double (1e400) is a finite long double for Redis, which then adds it; here
            // the sum cannot be finite. Report what Redis reports first (the key's type, a stored value that is not
            // a float), then the infinite result.
            final byte[] stored = c.db().hget(key, field);
            r.error(stored != null && !StringCommands.isLongDouble(stored) ? KvError.HASH_VALUE_NOT_FLOAT
                : KvError.INCR_NAN_OR_INFINITY);
            return;
        }
        r.bulk(c.db().hincrbyfloat(key, field, increment));
    }

    /** Whether strtold read the text as an infinity ({@code inf} or {@code infinity}, any case, signed). */
    private static boolean isInfinityText(final String text) {
        final String lower = text.toLowerCase(Locale.ROOT);
        final String unsigned = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        return unsigned.equals("inf") || unsigned.equals("infinity");
    }

    static void hrandfield(final Client c) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        if (a.count() == 2) {
            r.bulk(c.db().hrandfield(a.bytes(1)));
            return;
        }
        if (!c.parseLongOrReply(2)) {
            return;
        }
        final long count = a.longValue();
        if (count == Long.MIN_VALUE) {
            r.error(KvError.RANDMEMBER_COUNT_RANGE);
            return;
        }
        if (a.count() > 4 || (a.count() == 4 && !a.is(3, WITHVALUES))) {
            r.error(KvError.SYNTAX);
            return;
        }
        final boolean withValues = a.count() == 4;
        if (withValues) {
            pairs(r, c.db().hrandfieldWithValues(a.bytes(1), count), true);
        } else {
            bulks(r, c.db().hrandfield(a.bytes(1), count));
        }
    }

    static void hscan(final Client c) {
        final ScanOptions scan = ScanOptions.parse(c, KvStore::hlen);
        if (scan == null) {
            return;
        }
        final HScanResult result = c.db().hscan(c.args().bytes(1), scan.cursor(), scan.pattern(), scan.count());
        ScanOptions.replyCursor(c.reply(), result.cursor());
        pairs(c.reply(), result.entries(), true);
    }
}
