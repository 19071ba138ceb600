package io.minikv.engine;

import static io.minikv.engine.StoreArgs.key;
import static io.minikv.engine.StoreArgs.keys;
import static io.minikv.engine.StoreArgs.members;

import java.util.List;
import java.util.Objects;

import io.minikv.api.Aggregate;
import io.minikv.api.KeyedMembers;
import io.minikv.api.KvError;
import io.minikv.api.KvSortedSets;
import io.minikv.api.LexBound;
import io.minikv.api.RankScore;
import io.minikv.api.ScoreBound;
import io.minikv.api.ScoredMember;
import io.minikv.api.ZAddArgs;
import io.minikv.api.ZRangeQuery;
import io.minikv.api.ZScanResult;
import io.minikv.engine.type.SortedSetOps;
import io.minikv.engine.type.SortedSetStoreOps;
import io.minikv.engine.type.Written;

/**
 * The sorted-set commands of {@link EmbeddedKvStore}, as default methods: one-line delegations to the engine's
 * command family after the argument checks. Thread-safe, as the store is.
 */
interface EmbeddedSortedSets extends KvSortedSets, EmbeddedFamily {

    @Override
    default long zadd(final byte[] key, final double score, final byte[] member) {
        final WriteGate[] gates = enterWrite();
        try {
            return written(key, SortedSetOps.zadd(keyspace(), key(key), ZAddArgs.PLAIN,
                List.of(new ScoredMember(Objects.requireNonNull(member, "member"), score))));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long zadd(final byte[] key, final ZAddArgs args, final List<ScoredMember> members) {
        final WriteGate[] gates = enterWrite();
        try {
            if (members.isEmpty()) {
                throw new IllegalArgumentException("at least one member is needed");
            }
            return written(key, SortedSetOps.zadd(keyspace(), key(key), Objects.requireNonNull(args, "args"), members));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default Double zaddIncr(final byte[] key, final ZAddArgs args, final double increment, final byte[] member) {
        final WriteGate[] gates = enterWrite();
        try {
            final Written<Double> w = SortedSetOps.zaddIncr(keyspace(), key(key), Objects.requireNonNull(args, "args"),
                increment, Objects.requireNonNull(member, "member"));
            return modifiedIf(w.modified(), key, w.reply());
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default double zincrby(final byte[] key, final double increment, final byte[] member) {
        final WriteGate[] gates = enterWrite();
        try {
            final Written<Double> w = SortedSetOps.zaddIncr(keyspace(), key(key), ZAddArgs.PLAIN, increment,
                Objects.requireNonNull(member, "member"));
            return modifiedIf(w.modified(), key, (double) w.reply());
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long zrem(final byte[] key, final byte[]... members) {
        final WriteGate[] gates = enterWrite();
        try {
            return modifiedIfAny(key, SortedSetOps.zrem(keyspace(), key(key), members(members)));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default Double zscore(final byte[] key, final byte[] member) {
        return SortedSetOps.zscore(keyspace(), key(key), Objects.requireNonNull(member, "member"));
    }

    @Override
    default List<Double> zmscore(final byte[] key, final byte[]... members) {
        return SortedSetOps.zmscore(keyspace(), key(key), members(members));
    }

    @Override
    default long zcard(final byte[] key) {
        return SortedSetOps.zcard(keyspace(), key(key));
    }

    @Override
    default long zcount(final byte[] key, final ScoreBound min, final ScoreBound max) {
        return SortedSetOps.zcount(keyspace(), key(key), Objects.requireNonNull(min, "min"),
            Objects.requireNonNull(max, "max"));
    }

    @Override
    default long zlexcount(final byte[] key, final LexBound min, final LexBound max) {
        return SortedSetOps.zlexcount(keyspace(), key(key), Objects.requireNonNull(min, "min"),
            Objects.requireNonNull(max, "max"));
    }

    @Override
    default List<ScoredMember> zrange(final byte[] key, final long start, final long stop) {
        return SortedSetOps.zrange(keyspace(), key(key), ZRangeQuery.byIndex(start, stop));
    }

    @Override
    default List<ScoredMember> zrange(final byte[] key, final ZRangeQuery query) {
        return SortedSetOps.zrange(keyspace(), key(key), Objects.requireNonNull(query, "query"));
    }

    @Override
    default long zrangestore(final byte[] destination, final byte[] source, final ZRangeQuery query) {
        final WriteGate[] gates = enterWrite();
        try {
            return written(destination, SortedSetStoreOps.zrangestore(keyspace(), key(destination), key(source),
                Objects.requireNonNull(query, "query")));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default Long zrank(final byte[] key, final byte[] member) {
        final RankScore r = zrankWithScore(key, member, false);
        return r == null ? null : r.rank();
    }

    @Override
    default Long zrevrank(final byte[] key, final byte[] member) {
        final RankScore r = zrankWithScore(key, member, true);
        return r == null ? null : r.rank();
    }

    @Override
    default RankScore zrankWithScore(final byte[] key, final byte[] member, final boolean reversed) {
        return SortedSetOps.zrank(keyspace(), key(key), Objects.requireNonNull(member, "member"), reversed);
    }

    @Override
    default List<ScoredMember> zpopmin(final byte[] key, final long count) {
        final WriteGate[] gates = enterWrite();
        try {
            return modifiedIfAny(key, SortedSetOps.pop(keyspace(), key(key), false, count));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default List<ScoredMember> zpopmax(final byte[] key, final long count) {
        final WriteGate[] gates = enterWrite();
        try {
            return modifiedIfAny(key, SortedSetOps.pop(keyspace(), key(key), true, count));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default KeyedMembers zmpop(final boolean max, final long count, final byte[]... keys) {
        final WriteGate[] gates = enterWrite();
        try {
            final KeyedMembers popped = SortedSetOps.zmpop(keyspace(), keys(keys), max, count);
            if (popped != null) {
                keyModified(popped.key());
            }
            return popped;
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default ScoredMember zrandmember(final byte[] key) {
        final List<ScoredMember> one = SortedSetOps.zrandmember(keyspace(), key(key), -1);
        return one.isEmpty() ? null : one.get(0);
    }

    @Override
    default List<ScoredMember> zrandmember(final byte[] key, final long count) {
        return SortedSetOps.zrandmember(keyspace(), key(key), count);
    }

    @Override
    default long zremrangebyrank(final byte[] key, final long start, final long stop) {
        final WriteGate[] gates = enterWrite();
        try {
            return modifiedIfAny(key, SortedSetOps.zremrange(keyspace(), key(key), ZRangeQuery.byIndex(start, stop)));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long zremrangebyscore(final byte[] key, final ScoreBound min, final ScoreBound max) {
        final WriteGate[] gates = enterWrite();
        try {
            return modifiedIfAny(key, SortedSetOps.zremrange(keyspace(), key(key),
                ZRangeQuery.byScore(Objects.requireNonNull(min, "min"), Objects.requireNonNull(max, "max"))));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long zremrangebylex(final byte[] key, final LexBound min, final LexBound max) {
        final WriteGate[] gates = enterWrite();
        try {
            return modifiedIfAny(key, SortedSetOps.zremrange(keyspace(), key(key),
                ZRangeQuery.byLex(Objects.requireNonNull(min, "min"), Objects.requireNonNull(max, "max"))));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default List<ScoredMember> zunion(final byte[][] keys, final double[] weights, final Aggregate aggregate) {
        return SortedSetStoreOps.combine(keyspace(), SortedSetStoreOps.Op.UNION, keys(keys), weights,
            Objects.requireNonNull(aggregate, "aggregate"));
    }

    @Override
    default List<ScoredMember> zinter(final byte[][] keys, final double[] weights, final Aggregate aggregate) {
        return SortedSetStoreOps.combine(keyspace(), SortedSetStoreOps.Op.INTER, keys(keys), weights,
            Objects.requireNonNull(aggregate, "aggregate"));
    }

    @Override
    default List<ScoredMember> zdiff(final byte[]... keys) {
        return SortedSetStoreOps.combine(keyspace(), SortedSetStoreOps.Op.DIFF, keys(keys), null, Aggregate.SUM);
    }

    @Override
    default long zunionstore(final byte[] destination, final byte[][] keys, final double[] weights,
        final Aggregate aggregate) {
        final WriteGate[] gates = enterWrite();
        try {
            return written(destination, SortedSetStoreOps.combineStore(keyspace(), SortedSetStoreOps.Op.UNION,
                key(destination), keys(keys), weights, Objects.requireNonNull(aggregate, "aggregate")));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long zinterstore(final byte[] destination, final byte[][] keys, final double[] weights,
        final Aggregate aggregate) {
        final WriteGate[] gates = enterWrite();
        try {
            return written(destination, SortedSetStoreOps.combineStore(keyspace(), SortedSetStoreOps.Op.INTER,
                key(destination), keys(keys), weights, Objects.requireNonNull(aggregate, "aggregate")));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long zdiffstore(final byte[] destination, final byte[]... keys) {
        final WriteGate[] gates = enterWrite();
        try {
            return written(destination, SortedSetStoreOps.combineStore(keyspace(), SortedSetStoreOps.Op.DIFF,
                key(destination), keys(keys), null, Aggregate.SUM));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long zintercard(final long limit, final byte[]... keys) {
        return SortedSetStoreOps.zintercard(keyspace(), keys(keys), limit);
    }

    @Override
    default ZScanResult zscan(final byte[] key, final long cursor, final byte[] pattern, final long count) {
        if (count < 1) {
            throw KvError.SYNTAX.exception();
        }
        return SortedSetOps.zscan(keyspace(), key(key), cursor, pattern, count);
    }

    @Override
    default List<ScoredMember> zquery(final byte[] key, final double score, final byte[] member, final long offset,
        final long limit) {
        return SortedSetOps.zquery(keyspace(), key(key), score, Objects.requireNonNull(member, "member"), offset,
            limit);
    }

    /** Announces a ZADD's or a store command's key when the engine says it changed, then returns the count. */
    private long written(final byte[] key, final Written<Long> w) {
        return modifiedIf(w.modified(), key, (long) w.reply());
    }
}
