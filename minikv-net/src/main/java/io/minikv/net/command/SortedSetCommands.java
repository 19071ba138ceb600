package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_DENYOOM;
import static io.minikv.net.command.CommandSpec.FLAG_FAST;
import static io.minikv.net.command.CommandSpec.FLAG_READONLY;
import static io.minikv.net.command.CommandSpec.FLAG_WRITE;
import static io.minikv.net.command.Keywords.k;

import java.util.ArrayList;
import java.util.List;

import io.minikv.api.KeyedMembers;
import io.minikv.api.KvError;
import io.minikv.api.KvStore;
import io.minikv.api.LexBound;
import io.minikv.api.RankScore;
import io.minikv.api.ScoreBound;
import io.minikv.api.ScoredMember;
import io.minikv.api.ZAddArgs;
import io.minikv.api.ZScanResult;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

/**
 * The sorted-set commands ({@code t_zset.c}) plus mini-kv's ZQUERY: argument parsing in Redis's order (so the same
 * bad input gets the same error), the typed {@link KvStore} call, and the RESP2 reply with scores formatted as
 * Redis 7.0 formats them. ZRANGE and its variants, and the set-algebra commands, are in {@link SortedSetRanges}.
 * <p>
 * Stateless; handlers run on the calling client's event loop.
 */
final class SortedSetCommands {
    static final String GROUP = "sorted-set";
    private static final byte[] NX = Keywords.NX;
    private static final byte[] XX = Keywords.XX;
    private static final byte[] GT = Keywords.GT;
    private static final byte[] LT = Keywords.LT;
    private static final byte[] CH = k("CH");
    private static final byte[] INCR = k("INCR");
    private static final byte[] WITHSCORE = k("WITHSCORE");
    private static final byte[] WITHSCORES = k("WITHSCORES");
    private static final byte[] MIN = k("MIN");
    private static final byte[] MAX = k("MAX");

    private SortedSetCommands() {
    }

    /**
     * Registers the family.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        final int rf = FLAG_READONLY | FLAG_FAST;
        final int wdf = FLAG_WRITE | FLAG_DENYOOM | FLAG_FAST;
        final int wf = FLAG_WRITE | FLAG_FAST;
        table.register(spec("zadd", -4, wdf, 1, 1, 1, SortedSetCommands::zadd, "1.2.0",
            "Adds one or more members to a sorted set, or updates their scores. Creates the key if it doesn't exist."));
        table.register(spec("zincrby", 4, wdf, 1, 1, 1, SortedSetCommands::zincrby, "1.2.0",
            "Increments the score of a member in a sorted set."));
        table.register(spec("zrem", -3, wf, 1, 1, 1, SortedSetCommands::zrem, "1.2.0",
            "Removes one or more members from a sorted set. Deletes the sorted set if all members were removed."));
        table.register(spec("zscore", 3, rf, 1, 1, 1, SortedSetCommands::zscore, "1.2.0",
            "Returns the score of a member in a sorted set."));
        table.register(spec("zmscore", -3, rf, 1, 1, 1, SortedSetCommands::zmscore, "6.2.0",
            "Returns the score of one or more members in a sorted set."));
        table.register(spec("zcard", 2, rf, 1, 1, 1, SortedSetCommands::zcard, "1.2.0",
            "Returns the number of members in a sorted set."));
        table.register(spec("zcount", 4, rf, 1, 1, 1, SortedSetCommands::zcount, "2.0.0",
            "Returns the count of members in a sorted set that have scores within a range."));
        table.register(spec("zlexcount", 4, rf, 1, 1, 1, SortedSetCommands::zlexcount, "2.8.9",
            "Returns the number of members in a sorted set within a lexicographical range."));
        table.register(spec("zrank", -3, rf, 1, 1, 1, c -> rank(c, false, "zrank"), "2.0.0",
            "Returns the index of a member in a sorted set ordered by ascending scores."));
        table.register(spec("zrevrank", -3, rf, 1, 1, 1, c -> rank(c, true, "zrevrank"), "2.0.0",
            "Returns the index of a member in a sorted set ordered by descending scores."));
        table.register(spec("zpopmin", -2, wf, 1, 1, 1, c -> pop(c, false), "5.0.0",
            "Returns the lowest-scoring members from a sorted set after removing them. Deletes the sorted set if "
                + "the last member was popped."));
        table.register(spec("zpopmax", -2, wf, 1, 1, 1, c -> pop(c, true), "5.0.0",
            "Returns the highest-scoring members from a sorted set after removing them. Deletes the sorted set if "
                + "the last member was popped."));
        table.register(spec("zmpop", -4, FLAG_WRITE, 0, 0, 0, SortedSetCommands::zmpop, "7.0.0",
            "Returns the highest- or lowest-scoring members from one or more sorted sets after removing them. "
                + "Deletes the sorted set if the last member was popped."));
        table.register(spec("zrandmember", -2, FLAG_READONLY, 1, 1, 1, SortedSetCommands::zrandmember, "6.2.0",
            "Returns one or more random members from a sorted set."));
        table.register(spec("zscan", -3, FLAG_READONLY, 1, 1, 1, SortedSetCommands::zscan, "2.8.0",
            "Iterates over members and scores of a sorted set."));
        table.register(spec("zquery", 6, FLAG_READONLY, 1, 1, 1, SortedSetCommands::zquery, "0.1.0",
            "mini-kv: returns member, score pairs from the first pair >= (score, member), moved by offset ranks."));
        SortedSetRanges.register(table);
        SortedSetBlocking.register(table);
    }

    static CommandSpec spec(final String name, final int arity, final int flags, final int first, final int last,
        final int step, final CommandHandler handler, final String since, final String summary) {
        return CommandSpec.of(name, arity, GROUP, handler).flags(flags).keys(first, last, step)
            .doc(summary, since).build();
    }

    // ------------------------------------------------------------------------------------------------ replies

    /** Writes pairs as RESP2 does: a flat array, member then score when {@code withScores}. */
    static void members(final ReplyWriter r, final List<ScoredMember> list, final boolean withScores) {
        r.array(withScores ? 2L * list.size() : list.size());
        for (int i = 0; i < list.size(); i++) {
            final ScoredMember m = list.get(i);
            r.bulk(m.member());
            if (withScores) {
                r.bulkDouble(m.score());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ parsing

    /** Parses a ZCOUNT-style score bound; replies and returns null when it is not one. */
    static ScoreBound scoreBound(final Client c, final int i) {
        final CommandArgs a = c.args();
        if (!a.parseScoreBound(i)) {
            return null;
        }
        return new ScoreBound(a.doubleValue(), a.boundExclusive());
    }

    /** Parses a BYLEX bound; returns null when it is not one. */
    static LexBound lexBound(final CommandArgs a, final int i) {
        final int length = a.length(i);
        if (length == 0) {
            return null;
        }
        final byte first = a.byteAt(i, 0);
        if (first == '+' || first == '-') {
            return length == 1 ? (first == '+' ? LexBound.MAX : LexBound.MIN) : null;
        }
        if (first != '(' && first != '[') {
            return null;
        }
        final byte[] value = a.bytesFrom(i, 1);
        return first == '(' ? LexBound.exclusive(value) : LexBound.inclusive(value);
    }

    // ------------------------------------------------------------------------------------------------ handlers

    static void zadd(final Client c) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        boolean ch = false;
        boolean incr = false;
        int i = 2;
        for (; i < a.count(); i++) {
            if (a.is(i, NX)) {
                nx = true;
            } else if (a.is(i, XX)) {
                xx = true;
            } else if (a.is(i, CH)) {
                ch = true;
            } else if (a.is(i, INCR)) {
                incr = true;
            } else if (a.is(i, GT)) {
                gt = true;
            } else if (a.is(i, LT)) {
                lt = true;
            } else {
                break;
            }
        }
        final int elements = a.count() - i;
        if (elements % 2 != 0 || elements == 0) {
            r.error(KvError.SYNTAX);
            return;
        }
        final ZAddArgs args = new ZAddArgs(nx, xx, gt, lt, ch);
        if (incr && elements > 2) {
            r.error(KvError.ZADD_INCR_PAIR);
            return;
        }
        final List<ScoredMember> pairs = new ArrayList<>(elements / 2);
        for (int j = i; j < a.count(); j += 2) {
            if (!a.parseScore(j)) {
                r.error(KvError.NOT_FLOAT);
                return;
            }
            pairs.add(new ScoredMember(a.bytes(j + 1), a.doubleValue()));
        }
        final KvStore db = c.db();
        if (incr) {
            final Double score = db.zaddIncr(a.bytes(1), args, pairs.get(0).score(), pairs.get(0).member());
            if (score == null) {
                r.nullBulk();
            } else {
                r.bulkDouble(score);
            }
            return;
        }
        r.integer(db.zadd(a.bytes(1), args, pairs));
    }

    static void zincrby(final Client c) {
        final CommandArgs a = c.args();
        if (!a.parseScore(2)) {
            c.reply().error(KvError.NOT_FLOAT);
            return;
        }
        c.reply().bulkDouble(c.db().zincrby(a.bytes(1), a.doubleValue(), a.bytes(3)));
    }

    static void zrem(final Client c) {
        final CommandArgs a = c.args();
        c.reply().integer(c.db().zrem(a.bytes(1), a.bytes(2, a.count())));
    }

    static void zscore(final Client c) {
        final CommandArgs a = c.args();
        final Double score = c.db().zscore(a.bytes(1), a.bytes(2));
        if (score == null) {
            c.reply().nullBulk();
        } else {
            c.reply().bulkDouble(score);
        }
    }

    static void zmscore(final Client c) {
        final CommandArgs a = c.args();
        final List<Double> scores = c.db().zmscore(a.bytes(1), a.bytes(2, a.count()));
        final ReplyWriter r = c.reply();
        r.array(scores.size());
        for (final Double score : scores) {
            if (score == null) {
                r.nullBulk();
            } else {
                r.bulkDouble(score);
            }
        }
    }

    static void zcard(final Client c) {
        c.reply().integer(c.db().zcard(c.args().bytes(1)));
    }

    static void zcount(final Client c) {
        final ScoreBound min = scoreBound(c, 2);
        final ScoreBound max = min == null ? null : scoreBound(c, 3);
        if (max == null) {
            c.reply().error(KvError.MIN_MAX_NOT_FLOAT);
            return;
        }
        c.reply().integer(c.db().zcount(c.args().bytes(1), min, max));
    }

    static void zlexcount(final Client c) {
        final CommandArgs a = c.args();
        final LexBound min = lexBound(a, 2);
        final LexBound max = min == null ? null : lexBound(a, 3);
        if (max == null) {
            c.reply().error(KvError.MIN_MAX_NOT_LEX);
            return;
        }
        c.reply().integer(c.db().zlexcount(a.bytes(1), min, max));
    }

    static void rank(final Client c, final boolean reversed, final String name) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        // WITHSCORE is Redis 7.2's; any other extra argument gets Redis 7.0's arity error (its arity is 3).
        if (a.count() > 4 || (a.count() == 4 && !a.is(3, WITHSCORE))) {
            r.error(KvError.wrongArity(name));
            return;
        }
        if (a.count() == 4) {
            final RankScore rs = c.db().zrankWithScore(a.bytes(1), a.bytes(2), reversed);
            if (rs == null) {
                r.nullArray();
            } else {
                r.array(2);
                r.integer(rs.rank());
                r.bulkDouble(rs.score());
            }
            return;
        }
        final Long rank = reversed ? c.db().zrevrank(a.bytes(1), a.bytes(2)) : c.db().zrank(a.bytes(1), a.bytes(2));
        if (rank == null) {
            r.nullBulk();
        } else {
            r.integer(rank);
        }
    }

    static void pop(final Client c, final boolean max) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        if (a.count() > 3) {
            r.error(KvError.SYNTAX);
            return;
        }
        long count = 1;
        if (a.count() == 3) {
            if (!a.parseLong(2) || a.longValue() < 0) {
                r.error(KvError.COUNT_NOT_POSITIVE);
                return;
            }
            count = a.longValue();
        }
        final byte[] key = a.bytes(1);
        members(r, max ? c.db().zpopmax(key, count) : c.db().zpopmin(key, count), true);
    }

    /**
     * Parses {@code numkeys key ... MIN|MAX [COUNT count]} from {@code numkeysIndex}, as Redis's
     * {@code zmpopGenericCommand}; replies with the error and returns null on bad input.
     *
     * @return {max (1/0), count, first key index, key count}.
     */
    static long[] mpopArgs(final Client c, final int numkeysIndex) {
        final CommandArgs a = c.args();
        final int whereIndex = MultiPop.whereIndex(c, numkeysIndex);
        if (whereIndex < 0) {
            return null;
        }
        final boolean max;
        if (a.is(whereIndex, MIN)) {
            max = false;
        } else if (a.is(whereIndex, MAX)) {
            max = true;
        } else {
            c.reply().error(KvError.SYNTAX);
            return null;
        }
        final long count = MultiPop.count(c, whereIndex);
        if (count < 0) {
            return null;
        }
        return new long[] {max ? 1 : 0, count, numkeysIndex + 1, whereIndex - numkeysIndex - 1};
    }

    /** Writes a ZMPOP reply: nil, or [key, [[member, score], ...]]. */
    static void mpopReply(final ReplyWriter r, final KeyedMembers popped) {
        if (popped == null) {
            r.nullArray();
            return;
        }
        r.array(2);
        r.bulk(popped.key());
        r.array(popped.members().size());
        for (final ScoredMember m : popped.members()) {
            r.array(2);
            r.bulk(m.member());
            r.bulkDouble(m.score());
        }
    }

    static void zmpop(final Client c) {
        final long[] p = mpopArgs(c, 1);
        if (p == null) {
            return;
        }
        final CommandArgs a = c.args();
        final KeyedMembers popped = c.db().zmpop(p[0] == 1, p[1], a.bytes((int) p[2], (int) (p[2] + p[3])));
        mpopReply(c.reply(), popped);
    }

    static void zrandmember(final Client c) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        if (a.count() == 2) {
            final ScoredMember m = c.db().zrandmember(a.bytes(1));
            r.bulk(m == null ? null : m.member());
            return;
        }
        if (!a.parseLong(2)) {
            r.error(KvError.NOT_INTEGER);
            return;
        }
        final long count = a.longValue();
        if (count == Long.MIN_VALUE) {
            r.error(KvError.RANDMEMBER_COUNT_RANGE);
            return;
        }
        if (a.count() > 4 || (a.count() == 4 && !a.is(3, WITHSCORES))) {
            r.error(KvError.SYNTAX);
            return;
        }
        final boolean withScores = a.count() == 4;
        if (withScores && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)) {
            r.error(KvError.VALUE_OUT_OF_RANGE);
            return;
        }
        members(r, c.db().zrandmember(a.bytes(1), count), withScores);
    }

    static void zscan(final Client c) {
        final ScanOptions scan = ScanOptions.parse(c, KvStore::zcard);
        if (scan == null) {
            return;
        }
        final ZScanResult result = c.db().zscan(c.args().bytes(1), scan.cursor(), scan.pattern(), scan.count());
        ScanOptions.replyCursor(c.reply(), result.cursor());
        members(c.reply(), result.members(), true);
    }

    static void zquery(final Client c) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        if (!a.parseScore(2)) {
            r.error(KvError.NOT_FLOAT);
            return;
        }
        final double score = a.doubleValue();
        if (!a.parseLong(4)) {
            r.error(KvError.NOT_INTEGER);
            return;
        }
        final long offset = a.longValue();
        if (!a.parseLong(5)) {
            r.error(KvError.NOT_INTEGER);
            return;
        }
        members(r, c.db().zquery(a.bytes(1), score, a.bytes(3), offset, a.longValue()), true);
    }
}
