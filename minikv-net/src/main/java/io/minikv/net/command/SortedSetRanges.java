package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_DENYOOM;
import static io.minikv.net.command.CommandSpec.FLAG_READONLY;
import static io.minikv.net.command.CommandSpec.FLAG_WRITE;
import static io.minikv.net.command.Keywords.k;
import static io.minikv.net.command.SortedSetCommands.spec;

import io.minikv.api.Aggregate;
import io.minikv.api.KvError;
import io.minikv.api.LexBound;
import io.minikv.api.ScoreBound;
import io.minikv.api.ValueType;
import io.minikv.api.ZRangeQuery;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

/**
 * The range and set-algebra half of the sorted-set family: ZRANGE with all its options and its older forms
 * (ZREVRANGE, ZRANGEBYSCORE, ZREVRANGEBYSCORE, ZRANGEBYLEX, ZREVRANGEBYLEX), ZRANGESTORE, ZREMRANGEBY*, ZUNION,
 * ZINTER, ZDIFF, their STORE forms and ZINTERCARD. Parsing follows {@code zrangeGenericCommand} and
 * {@code zunionInterDiffGenericCommand} step by step, so errors come in Redis's order.
 * <p>
 * Stateless; handlers run on the calling client's event loop.
 */
final class SortedSetRanges {
    private static final byte[] WITHSCORES = k("WITHSCORES");
    private static final byte[] LIMIT = k("LIMIT");
    private static final byte[] REV = k("REV");
    private static final byte[] BYSCORE = k("BYSCORE");
    private static final byte[] BYLEX = k("BYLEX");
    private static final byte[] WEIGHTS = k("WEIGHTS");
    private static final byte[] AGGREGATE = k("AGGREGATE");
    private static final byte[] SUM = k("SUM");
    private static final byte[] MIN = k("MIN");
    private static final byte[] MAX = k("MAX");

    private static final int AUTO = 0;
    private static final int RANK = 1;
    private static final int SCORE = 2;
    private static final int LEX = 3;

    private static final int UNION = 0;
    private static final int INTER = 1;
    private static final int DIFF = 2;

    private SortedSetRanges() {
    }

    static void register(final CommandTable table) {
        final int r = FLAG_READONLY;
        final int wd = FLAG_WRITE | FLAG_DENYOOM;
        table.register(spec("zrange", -4, r, 1, 1, 1, c -> range(c, 1, AUTO, false, false), "1.2.0",
            "Returns members in a sorted set within a range of indexes, scores or lexicographical order."));
        table.register(spec("zrangestore", -5, wd, 1, 2, 1, c -> range(c, 2, AUTO, false, true), "6.2.0",
            "Stores a range of members from sorted set in a key."));
        table.register(spec("zrevrange", -4, r, 1, 1, 1, c -> range(c, 1, RANK, true, false), "1.2.0",
            "Returns members in a sorted set within a range of indexes in reverse order."));
        table.register(spec("zrangebyscore", -4, r, 1, 1, 1, c -> range(c, 1, SCORE, false, false), "1.0.5",
            "Returns members in a sorted set within a range of scores."));
        table.register(spec("zrevrangebyscore", -4, r, 1, 1, 1, c -> range(c, 1, SCORE, true, false), "2.2.0",
            "Returns members in a sorted set within a range of scores in reverse order."));
        table.register(spec("zrangebylex", -4, r, 1, 1, 1, c -> range(c, 1, LEX, false, false), "2.8.9",
            "Returns members in a sorted set within a lexicographical range."));
        table.register(spec("zrevrangebylex", -4, r, 1, 1, 1, c -> range(c, 1, LEX, true, false), "2.8.9",
            "Returns members in a sorted set within a lexicographical range in reverse order."));
        table.register(spec("zremrangebyrank", 4, FLAG_WRITE, 1, 1, 1, SortedSetRanges::zremrangebyrank, "2.0.0",
            "Removes members in a sorted set within a range of indexes. Deletes the sorted set if all members were "
                + "removed."));
        table.register(spec("zremrangebyscore", 4, FLAG_WRITE, 1, 1, 1, SortedSetRanges::zremrangebyscore, "1.2.0",
            "Removes members in a sorted set within a range of scores. Deletes the sorted set if all members were "
                + "removed."));
        table.register(spec("zremrangebylex", 4, FLAG_WRITE, 1, 1, 1, SortedSetRanges::zremrangebylex, "2.8.9",
            "Removes members in a sorted set within a lexicographical range. Deletes the sorted set if all members "
                + "were removed."));
        table.register(spec("zunion", -3, r, 0, 0, 0, c -> algebra(c, UNION, false, "zunion"), "6.2.0",
            "Returns the union of multiple sorted sets."));
        table.register(spec("zinter", -3, r, 0, 0, 0, c -> algebra(c, INTER, false, "zinter"), "6.2.0",
            "Returns the intersect of multiple sorted sets."));
        table.register(spec("zdiff", -3, r, 0, 0, 0, c -> algebra(c, DIFF, false, "zdiff"), "6.2.0",
            "Returns the difference between multiple sorted sets."));
        table.register(spec("zunionstore", -4, wd, 1, 1, 1, c -> algebra(c, UNION, true, "zunionstore"), "2.0.0",
            "Stores the union of multiple sorted sets in a key."));
        table.register(spec("zinterstore", -4, wd, 1, 1, 1, c -> algebra(c, INTER, true, "zinterstore"), "2.0.0",
            "Stores the intersect of multiple sorted sets in a key."));
        table.register(spec("zdiffstore", -4, wd, 1, 1, 1, c -> algebra(c, DIFF, true, "zdiffstore"), "6.2.0",
            "Stores the difference of multiple sorted sets in a key."));
        table.register(spec("zintercard", -3, r, 0, 0, 0, SortedSetRanges::zintercard, "7.0.0",
            "Returns the number of members of the intersect of multiple sorted sets."));
    }

    /**
     * ZRANGE and friends: {@code key min max [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES]} from
     * {@code keyIndex}, with the range type or direction fixed by the older command names.
     */
    static void range(final Client c, final int keyIndex, final int fixedType, final boolean fixedRev,
        final boolean store) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        int type = fixedType;
        boolean rev = fixedRev;
        final boolean directionFixed = fixedType != AUTO;
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        for (int j = keyIndex + 3; j < a.count(); j++) {
            final int left = a.count() - j - 1;
            if (!store && a.is(j, WITHSCORES)) {
                withScores = true;
            } else if (left >= 2 && a.is(j, LIMIT)) {
                if (!a.parseLong(j + 1)) {
                    r.error(KvError.NOT_INTEGER);
                    return;
                }
                offset = a.longValue();
                if (!a.parseLong(j + 2)) {
                    r.error(KvError.NOT_INTEGER);
                    return;
                }
                limit = a.longValue();
                j += 2;
            } else if (!directionFixed && !rev && a.is(j, REV)) {
                rev = true;
            } else if (type == AUTO && a.is(j, BYLEX)) {
                type = LEX;
            } else if (type == AUTO && a.is(j, BYSCORE)) {
                type = SCORE;
            } else {
                r.error(KvError.SYNTAX);
                return;
            }
        }
        if (type == AUTO) {
            type = RANK;
        }
        if (limit != -1 && type == RANK) {
            r.error(KvError.ZRANGE_LIMIT_NEEDS_BY);
            return;
        }
        if (withScores && type == LEX) {
            r.error(KvError.ZRANGE_BYLEX_WITHSCORES);
            return;
        }
        int minIndex = keyIndex + 1;
        int maxIndex = keyIndex + 2;
        if (rev && type != RANK) {
            minIndex = keyIndex + 2;
            maxIndex = keyIndex + 1;
        }
        ZRangeQuery query;
        if (type == RANK) {
            if (!a.parseLong(minIndex)) {
                r.error(KvError.NOT_INTEGER);
                return;
            }
            final long start = a.longValue();
            if (!a.parseLong(maxIndex)) {
                r.error(KvError.NOT_INTEGER);
                return;
            }
            query = ZRangeQuery.byIndex(start, a.longValue());
        } else if (type == SCORE) {
            final ScoreBound min = SortedSetCommands.scoreBound(c, minIndex);
            final ScoreBound max = min == null ? null : SortedSetCommands.scoreBound(c, maxIndex);
            if (max == null) {
                r.error(KvError.MIN_MAX_NOT_FLOAT);
                return;
            }
            query = ZRangeQuery.byScore(min, max).limit(offset, limit);
        } else {
            final LexBound min = SortedSetCommands.lexBound(a, minIndex);
            final LexBound max = min == null ? null : SortedSetCommands.lexBound(a, maxIndex);
            if (max == null) {
                r.error(KvError.MIN_MAX_NOT_LEX);
                return;
            }
            query = ZRangeQuery.byLex(min, max).limit(offset, limit);
        }
        if (rev) {
            query = query.reversed();
        }
        if (store) {
            r.integer(c.db().zrangestore(a.bytes(1), a.bytes(2), query));
        } else {
            SortedSetCommands.members(r, c.db().zrange(a.bytes(keyIndex), query), withScores);
        }
    }

    static void zremrangebyrank(final Client c) {
        if (!c.parseRangeOrReply(2)) {
            return;
        }
        c.reply().integer(c.db().zremrangebyrank(c.args().bytes(1), c.rangeStart(), c.args().longValue()));
    }

    static void zremrangebyscore(final Client c) {
        final ScoreBound min = SortedSetCommands.scoreBound(c, 2);
        final ScoreBound max = min == null ? null : SortedSetCommands.scoreBound(c, 3);
        if (max == null) {
            c.reply().error(KvError.MIN_MAX_NOT_FLOAT);
            return;
        }
        c.reply().integer(c.db().zremrangebyscore(c.args().bytes(1), min, max));
    }

    static void zremrangebylex(final Client c) {
        final CommandArgs a = c.args();
        final LexBound min = SortedSetCommands.lexBound(a, 2);
        final LexBound max = min == null ? null : SortedSetCommands.lexBound(a, 3);
        if (max == null) {
            c.reply().error(KvError.MIN_MAX_NOT_LEX);
            return;
        }
        c.reply().integer(c.db().zremrangebylex(a.bytes(1), min, max));
    }

    /**
     * Reads {@code numkeys key ...} from {@code numkeysIndex} and checks the keys' types before any option, as
     * Redis does; replies and returns null on error.
     */
    private static byte[][] sourceKeys(final Client c, final int numkeysIndex, final String name) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        if (!a.parseLong(numkeysIndex)) {
            r.error(KvError.NOT_INTEGER);
            return null;
        }
        final long numkeys = a.longValue();
        if (numkeys < 1) {
            r.error(KvError.atLeastOneKey(name).getMessage());
            return null;
        }
        if (numkeys > a.count() - numkeysIndex - 1) {
            r.error(KvError.SYNTAX);
            return null;
        }
        final byte[][] keys = a.bytes(numkeysIndex + 1, numkeysIndex + 1 + (int) numkeys);
        for (final byte[] key : keys) {
            final ValueType t = c.db().type(key);
            // Redis's zunionInterDiffGenericCommand also takes plain sets (their members score 1).
            if (t != ValueType.NONE && t != ValueType.ZSET && t != ValueType.SET) {
                r.error(KvError.WRONGTYPE);
                return null;
            }
        }
        return keys;
    }

    static void algebra(final Client c, final int op, final boolean store, final String name) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        final int numkeysIndex = store ? 2 : 1;
        final byte[][] keys = sourceKeys(c, numkeysIndex, name);
        if (keys == null) {
            return;
        }
        double[] weights = null;
        Aggregate aggregate = Aggregate.SUM;
        boolean withScores = false;
        int j = numkeysIndex + 1 + keys.length;
        while (j < a.count()) {
            final int remaining = a.count() - j;
            if (op != DIFF && remaining >= keys.length + 1 && a.is(j, WEIGHTS)) {
                j++;
                weights = new double[keys.length];
                for (int i = 0; i < keys.length; i++, j++) {
                    if (!a.parseScore(j)) {
                        r.error(KvError.WEIGHT_NOT_FLOAT);
                        return;
                    }
                    weights[i] = a.doubleValue();
                }
            } else if (op != DIFF && remaining >= 2 && a.is(j, AGGREGATE)) {
                j++;
                if (a.is(j, SUM)) {
                    aggregate = Aggregate.SUM;
                } else if (a.is(j, MIN)) {
                    aggregate = Aggregate.MIN;
                } else if (a.is(j, MAX)) {
                    aggregate = Aggregate.MAX;
                } else {
                    r.error(KvError.SYNTAX);
                    return;
                }
                j++;
            } else if (!store && a.is(j, WITHSCORES)) {
                j++;
                withScores = true;
            } else {
                r.error(KvError.SYNTAX);
                return;
            }
        }
        if (store) {
            final byte[] dst = a.bytes(1);
            final long size = switch (op) {
                case UNION -> c.db().zunionstore(dst, keys, weights, aggregate);
                case INTER -> c.db().zinterstore(dst, keys, weights, aggregate);
                default -> c.db().zdiffstore(dst, keys);
            };
            r.integer(size);
            return;
        }
        SortedSetCommands.members(r, switch (op) {
            case UNION -> c.db().zunion(keys, weights, aggregate);
            case INTER -> c.db().zinter(keys, weights, aggregate);
            default -> c.db().zdiff(keys);
        }, withScores);
    }

    static void zintercard(final Client c) {
        final CommandArgs a = c.args();
        final ReplyWriter r = c.reply();
        final byte[][] keys = sourceKeys(c, 1, "zintercard");
        if (keys == null) {
            return;
        }
        long limit = 0;
        int j = 2 + keys.length;
        while (j < a.count()) {
            if (a.count() - j >= 2 && a.is(j, LIMIT)) {
                if (!a.parseLong(j + 1) || a.longValue() < 0) {
                    r.error(KvError.LIMIT_NEGATIVE);
                    return;
                }
                limit = a.longValue();
                j += 2;
            } else {
                r.error(KvError.SYNTAX);
                return;
            }
        }
        r.integer(c.db().zintercard(limit, keys));
    }
}
