package io.minikv.engine.type;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.minikv.api.KeyedMembers;
import io.minikv.api.KvError;
import io.minikv.api.LexBound;
import io.minikv.api.RankScore;
import io.minikv.api.ScoreBound;
import io.minikv.api.ScoredMember;
import io.minikv.api.ZAddArgs;
import io.minikv.api.ZRangeQuery;
import io.minikv.api.ZScanResult;
import io.minikv.engine.keyspace.GlobMatcher;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.keyspace.Segment;
import io.minikv.engine.memory.EntryLayout;
import io.minikv.engine.memory.NativeBytes;
import io.minikv.engine.table.KeyHash;
import io.minikv.engine.type.zset.Ranges;
import io.minikv.engine.type.zset.SortedSet;
import io.minikv.engine.type.zset.ZNode;

/**
 * The sorted-set commands on one key ({@code t_zset.c}'s command half): look the key up under its segment lock
 * (read lock for reads, write lock for writes), check the type, run the {@link SortedSet} operation, and keep the
 * keyspace invariants: a set is created by its first member and its key deleted with its last member, so no empty
 * sorted set is ever visible. Multi-key commands are in {@link SortedSetStoreOps}.
 * <p>
 * Sets live on the heap, referenced from the entry's object handle: deleting or overwriting a key only drops that
 * reference (O(1) under the lock), and the garbage collector reclaims even a huge set off the command path.
 * <p>
 * Thread-safe (stateless).
 */
public final class SortedSetOps {
    static final long BASE = NativeBytes.BYTE_ARRAY_BASE;
    /** Sets up to this size answer ZSCAN in one call, in order, as Redis's listpack encoding does. */
    static final int SMALL_SET = Ranges.SMALL_SET;

    private SortedSetOps() {
    }

    // ------------------------------------------------------------------------------------------------ lookup

    /** Returns the live zset of bucket b (lock held), null when missing or expired; WRONGTYPE for other types. */
    static SortedSet at(final Segment s, final int b, final long now) {
        if (b < 0 || s.isExpired(b, now)) {
            return null;
        }
        if (s.type(b) != EntryLayout.TYPE_ZSET) {
            throw KvError.WRONGTYPE.exception();
        }
        return (SortedSet) s.object(b);
    }

    /** Reader of a set under the read lock. */
    interface Reader<R> {
        R read(SortedSet set);
    }

    static <R> R read(final Keyspace ks, final byte[] key, final Reader<R> reader) {
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().readLock();
        try {
            return reader.read(at(s, s.find(hash, key, BASE, key.length), ks.now()));
        } finally {
            s.lock().unlockRead(stamp);
        }
    }

    /** Writer of a set under the write lock; the slot creates and deletes the key. */
    private interface Writer<R> {
        R write(WriteSlot slot);
    }

    /** The key being written: its set, or a fresh one published only if it gets members. */
    static final class WriteSlot {
        private final Segment segment;
        private final long hash;
        private final byte[] key;
        private final int bucket;
        private SortedSet set;

        WriteSlot(final Segment segment, final long hash, final byte[] key, final int bucket, final SortedSet set) {
            this.segment = segment;
            this.hash = hash;
            this.key = key;
            this.bucket = bucket;
            this.set = set;
        }

        /** Returns the set, or null when the key is missing. */
        SortedSet set() {
            return set;
        }

        /** Returns the set, creating an unpublished empty one when the key is missing. */
        SortedSet create() {
            if (set == null) {
                set = new SortedSet();
            }
            return set;
        }

        /** Publishes a created set that got members, or deletes a key whose set became empty. */
        void finish() {
            if (set == null) {
                return;
            }
            if (set.size() == 0) {
                if (bucket >= 0) {
                    segment.removeKey(hash, bucket);
                }
            } else if (bucket < 0) {
                segment.putObject(hash, key, BASE, key.length, -1, set, 0);
            }
        }
    }

    private static <R> R write(final Keyspace ks, final byte[] key, final Writer<R> writer) {
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().writeLock();
        try {
            final int b = s.findLive(hash, key, BASE, key.length, ks.now());
            final WriteSlot slot = new WriteSlot(s, hash, key, b, at(s, b, ks.now()));
            final R result = writer.write(slot);
            slot.finish();
            return result;
        } finally {
            s.lock().unlockWrite(stamp);
        }
    }

    static List<ScoredMember> list(final SortedSet set, final long[] range, final boolean reversed) {
        return Ranges.list(set, range, reversed);
    }

    // ------------------------------------------------------------------------------------------------ writes

    /**
     * {@code ZADD} without INCR.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param args the options.
     * @param members the pairs.
     * @return added, or added plus updated with CH; modified when a member was added or its score changed.
     */
    public static Written<Long> zadd(final Keyspace ks, final byte[] key, final ZAddArgs args,
        final List<ScoredMember> members) {
        ks.checkWrite();
        for (final ScoredMember m : members) {
            if (Double.isNaN(m.score())) {
                throw KvError.NOT_FLOAT.exception();
            }
        }
        final int flags = flags(args);
        return write(ks, key, slot -> {
            if (slot.set() == null && args.xx()) {
                return new Written<>(0L, false);
            }
            final SortedSet set = slot.create();
            long added = 0;
            long updated = 0;
            for (final ScoredMember m : members) {
                final int out = set.add(m.score(), m.member(), flags);
                if ((out & SortedSet.OUT_ADDED) != 0) {
                    added++;
                } else if ((out & SortedSet.OUT_UPDATED) != 0) {
                    updated++;
                }
            }
            return new Written<>(args.ch() ? added + updated : added, added + updated > 0);
        });
    }

    private static int flags(final ZAddArgs args) {
        return (args.nx() ? SortedSet.IN_NX : 0) | (args.xx() ? SortedSet.IN_XX : 0)
            | (args.gt() ? SortedSet.IN_GT : 0) | (args.lt() ? SortedSet.IN_LT : 0);
    }

    /**
     * {@code ZADD ... INCR} and {@code ZINCRBY}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param args the options.
     * @param increment the increment.
     * @param member the member.
     * @return the new score, or null when an option prevented it; modified when the member was added or its score
     *     changed (an increment of 0, or one lost to rounding or infinity, changes nothing).
     */
    public static Written<Double> zaddIncr(final Keyspace ks, final byte[] key, final ZAddArgs args, final double increment,
        final byte[] member) {
        ks.checkWrite();
        if (Double.isNaN(increment)) {
            throw KvError.NOT_FLOAT.exception();
        }
        final int flags = flags(args) | SortedSet.IN_INCR;
        return write(ks, key, slot -> {
            if (slot.set() == null && args.xx()) {
                return new Written<Double>(null, false);
            }
            final SortedSet set = slot.create();
            final int out = set.add(increment, member, flags);
            if ((out & SortedSet.OUT_NAN) != 0) {
                throw KvError.SCORE_NAN.exception();
            }
            return new Written<>((out & SortedSet.OUT_NOP) != 0 ? null : set.lastScore(),
                (out & (SortedSet.OUT_ADDED | SortedSet.OUT_UPDATED)) != 0);
        });
    }

    /**
     * {@code ZREM}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param members the members.
     * @return how many were removed.
     */
    public static long zrem(final Keyspace ks, final byte[] key, final byte[][] members) {
        return write(ks, key, slot -> {
            final SortedSet set = slot.set();
            long removed = 0;
            if (set != null) {
                for (final byte[] m : members) {
                    if (set.remove(m)) {
                        removed++;
                    }
                }
            }
            return removed;
        });
    }

    /**
     * {@code ZPOPMIN} / {@code ZPOPMAX}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param max true for ZPOPMAX.
     * @param count at most this many, at least 0.
     * @return the popped members in pop order.
     */
    public static List<ScoredMember> pop(final Keyspace ks, final byte[] key, final boolean max, final long count) {
        if (count < 0) {
            throw KvError.COUNT_NOT_POSITIVE.exception();
        }
        return write(ks, key, slot -> popFrom(slot.set(), max, count));
    }

    static List<ScoredMember> popFrom(final SortedSet set, final boolean max, final long count) {
        final List<ScoredMember> out = new ArrayList<>();
        if (set == null) {
            return out;
        }
        for (long i = 0; i < count && set.size() > 0; i++) {
            final ZNode n = max ? set.last() : set.first();
            set.delete(n);
            out.add(new ScoredMember(n.member(), n.score()));
        }
        return out;
    }

    /**
     * {@code ZMPOP}: pops from the first key that holds members.
     *
     * @param ks the keyspace.
     * @param keys the keys.
     * @param max true for MAX.
     * @param count at most this many, at least 1.
     * @return the key and members, or null when all keys are empty.
     */
    public static KeyedMembers zmpop(final Keyspace ks, final byte[][] keys, final boolean max, final long count) {
        if (count < 1) {
            throw KvError.COUNT_SHOULD_BE_POSITIVE.exception();
        }
        for (final byte[] key : keys) {
            final KeyedMembers popped = write(ks, key, slot ->
                slot.set() == null ? null : new KeyedMembers(key, popFrom(slot.set(), max, count)));
            if (popped != null) {
                return popped;
            }
        }
        return null;
    }

    /**
     * {@code ZREMRANGEBYRANK}, {@code ZREMRANGEBYSCORE} and {@code ZREMRANGEBYLEX}, as a ZRANGE query.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param query the interval (not reversed, not limited).
     * @return the number removed.
     */
    public static long zremrange(final Keyspace ks, final byte[] key, final ZRangeQuery query) {
        return write(ks, key, slot -> {
            final SortedSet set = slot.set();
            if (set == null) {
                return 0L;
            }
            final long[] r = Ranges.resolve(set, query);
            return r[0] > r[1] ? 0L : set.removeRankRange(r[0], r[1]);
        });
    }

    // ------------------------------------------------------------------------------------------------ reads

    /**
     * {@code ZSCORE}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param member the member.
     * @return the score or null.
     */
    public static Double zscore(final Keyspace ks, final byte[] key, final byte[] member) {
        return read(ks, key, set -> {
            final ZNode n = set == null ? null : set.find(member);
            return n == null ? null : n.score();
        });
    }

    /**
     * {@code ZMSCORE}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param members the members.
     * @return one score or null per member.
     */
    public static List<Double> zmscore(final Keyspace ks, final byte[] key, final byte[][] members) {
        return read(ks, key, set -> {
            final List<Double> out = new ArrayList<>(members.length);
            for (final byte[] m : members) {
                final ZNode n = set == null ? null : set.find(m);
                out.add(n == null ? null : n.score());
            }
            return out;
        });
    }

    /**
     * {@code ZCARD}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return the size.
     */
    public static long zcard(final Keyspace ks, final byte[] key) {
        return read(ks, key, set -> set == null ? 0L : set.size());
    }

    /**
     * {@code ZCOUNT}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param min lower bound.
     * @param max upper bound.
     * @return the count.
     */
    public static long zcount(final Keyspace ks, final byte[] key, final ScoreBound min, final ScoreBound max) {
        return count(ks, key, ZRangeQuery.byScore(min, max));
    }

    /**
     * {@code ZLEXCOUNT}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param min lower bound.
     * @param max upper bound.
     * @return the count.
     */
    public static long zlexcount(final Keyspace ks, final byte[] key, final LexBound min, final LexBound max) {
        return read(ks, key, set -> set == null ? 0L : Ranges.lexCount(set, min, max));
    }

    private static long count(final Keyspace ks, final byte[] key, final ZRangeQuery q) {
        return read(ks, key, set -> {
            if (set == null) {
                return 0L;
            }
            final long[] r = Ranges.resolve(set, q);
            return Math.max(0, r[1] - r[0] + 1);
        });
    }

    /**
     * {@code ZRANGE} in all its forms.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param query the selection.
     * @return the members in iteration order.
     */
    public static List<ScoredMember> zrange(final Keyspace ks, final byte[] key, final ZRangeQuery query) {
        return read(ks, key, set -> set == null ? new ArrayList<>(0)
            : list(set, Ranges.resolve(set, query), query.isReversed()));
    }

    /**
     * {@code ZRANK} / {@code ZREVRANK} with the score.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param member the member.
     * @param reversed true for ZREVRANK.
     * @return rank and score, or null.
     */
    public static RankScore zrank(final Keyspace ks, final byte[] key, final byte[] member, final boolean reversed) {
        return read(ks, key, set -> {
            final ZNode n = set == null ? null : set.find(member);
            if (n == null) {
                return null;
            }
            final long rank = set.rank(n);
            return new RankScore(reversed ? set.size() - 1 - rank : rank, n.score());
        });
    }

    /**
     * {@code ZRANDMEMBER key count}, Redis 7.0's cases: negative counts repeat, a count reaching the size returns
     * the whole set highest first, smaller counts return distinct members. Repeats are capped as SRANDMEMBER's
     * ({@link SetOps#MAX_RANDOM_REPEATS}), where Redis would grow its reply until memory runs out.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param count the count, above {@code Long.MIN_VALUE}.
     * @return the members.
     */
    public static List<ScoredMember> zrandmember(final Keyspace ks, final byte[] key, final long count) {
        if (count == Long.MIN_VALUE) {
            throw KvError.RANDMEMBER_COUNT_RANGE.exception();
        }
        return read(ks, key, set -> {
            final List<ScoredMember> out = new ArrayList<>();
            if (set == null || count == 0) {
                return out;
            }
            final ThreadLocalRandom rnd = ThreadLocalRandom.current();
            final int size = set.size();
            if (count < 0) {
                if (-count > SetOps.MAX_RANDOM_REPEATS) {
                    throw KvError.VALUE_OUT_OF_RANGE.exception();
                }
                for (long i = 0; i < -count; i++) {
                    final ZNode n = set.byRank(rnd.nextInt(size));
                    out.add(new ScoredMember(n.member(), n.score()));
                }
                return out;
            }
            if (count >= size) {
                for (ZNode n = set.last(); n != null; n = n.previous()) {
                    out.add(new ScoredMember(n.member(), n.score()));
                }
                return out;
            }
            // Partial Fisher-Yates over ranks: count distinct ranks, O(count log n), no retries.
            final java.util.HashMap<Integer, Integer> swapped = new java.util.HashMap<>();
            for (int i = 0; i < count; i++) {
                final int j = i + rnd.nextInt(size - i);
                final int pick = swapped.getOrDefault(j, j);
                swapped.put(j, swapped.getOrDefault(i, i));
                final ZNode n = set.byRank(pick);
                out.add(new ScoredMember(n.member(), n.score()));
            }
            return out;
        });
    }

    /**
     * {@code ZSCAN}: small sets whole and in order, large ones by hash bucket with Redis's cursor.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param cursor the cursor.
     * @param pattern a glob or null.
     * @param count work per call.
     * @return the batch.
     */
    public static ZScanResult zscan(final Keyspace ks, final byte[] key, final long cursor, final byte[] match,
        final long count) {
        // Redis skips matching for the pattern "*", so it returns even the empty member (the glob itself does not
        // match an empty string).
        final byte[] pattern = match != null && match.length == 1 && match[0] == '*' ? null : match;
        return read(ks, key, set -> {
            final List<ScoredMember> out = new ArrayList<>();
            if (set == null) {
                return new ZScanResult(0, out);
            }
            if (set.size() <= SMALL_SET) {
                for (ZNode n = set.first(); n != null; n = n.next()) {
                    if (pattern == null || GlobMatcher.matches(pattern, n.member())) {
                        out.add(new ScoredMember(n.member(), n.score()));
                    }
                }
                return new ZScanResult(0, out);
            }
            long next = cursor;
            long budget = Math.max(1, Math.min(count, Long.MAX_VALUE / 10)) * 10;
            do {
                next = set.scan(next, n -> {
                    if (pattern == null || GlobMatcher.matches(pattern, n.member())) {
                        out.add(new ScoredMember(n.member(), n.score()));
                    }
                });
            } while (next != 0 && --budget > 0 && out.size() < count);
            return new ZScanResult(next, out);
        });
    }

    /**
     * {@code ZQUERY key score member offset limit}, the book's semantics (see {@code KvSortedSets#zquery}).
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param score the seek score.
     * @param member the seek member.
     * @param offset the rank move.
     * @param limit reply elements.
     * @return the pairs.
     */
    public static List<ScoredMember> zquery(final Keyspace ks, final byte[] key, final double score,
        final byte[] member, final long offset, final long limit) {
        if (Double.isNaN(score)) {
            throw KvError.NOT_FLOAT.exception();
        }
        return read(ks, key, set -> {
            final List<ScoredMember> out = new ArrayList<>();
            if (set == null || limit <= 0) {
                return out;
            }
            final long start = set.queryStart(score, member, offset);
            if (start < 0) {
                return out;
            }
            // limit counts reply elements (member and score); a pair is never split.
            final long pairs = limit / 2 + (limit & 1);
            ZNode n = set.byRank(start);
            for (long i = 0; i < pairs && n != null; i++, n = n.next()) {
                out.add(new ScoredMember(n.member(), n.score()));
            }
            return out;
        });
    }
}
