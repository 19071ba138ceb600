package io.minikv.engine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import io.minikv.api.Aggregate;
import io.minikv.api.Expiration;
import io.minikv.api.ExpireCondition;
import io.minikv.api.FieldValue;
import io.minikv.api.HScanResult;
import io.minikv.api.KeyedElements;
import io.minikv.api.KeyedMembers;
import io.minikv.api.KvError;
import io.minikv.api.KvStore;
import io.minikv.api.LexBound;
import io.minikv.api.ListEnd;
import io.minikv.api.RankScore;
import io.minikv.api.ScanResult;
import io.minikv.api.ScoreBound;
import io.minikv.api.SScanResult;
import io.minikv.api.ScoredMember;
import io.minikv.api.SetArgs;
import io.minikv.api.ValueSink;
import io.minikv.api.ValueType;
import io.minikv.api.ZAddArgs;
import io.minikv.api.ZRangeQuery;
import io.minikv.api.ZScanResult;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.memory.NativeBytes;
import io.minikv.engine.table.KeyHash;
import io.minikv.engine.type.ExpireOps;
import io.minikv.engine.type.HashOps;
import io.minikv.engine.type.KeyOps;
import io.minikv.engine.type.ListOps;
import io.minikv.engine.type.SetOps;
import io.minikv.engine.type.SetStoreOps;
import io.minikv.engine.type.SortedSetOps;
import io.minikv.engine.type.SortedSetStoreOps;
import io.minikv.engine.type.StringOps;
import io.minikv.engine.type.hash.HashEntry;

/**
 * The {@link KvStore} of one database of an {@link Engine}: checks arguments and the lifecycle, then delegates to the
 * command families in {@code engine.type}. Thread-safe.
 */
final class EmbeddedKvStore implements KvStore {
    private static final long BASE = NativeBytes.BYTE_ARRAY_BASE;

    private final Engine engine;
    private final int index;
    /** Whether writes that may give a key elements tell the engine's {@link ReadyKeyListener}s. */
    private final boolean announce;

    EmbeddedKvStore(final Engine engine, final int index, final boolean announce) {
        this.engine = engine;
        this.index = index;
        this.announce = announce;
    }

    Engine engine() {
        return engine;
    }

    /**
     * Returns this database's keyspace, for type families that keep on-heap values (sorted sets and later).
     *
     * @return the keyspace, after checking the store is open.
     */
    Keyspace keyspace() {
        engine.checkOpen();
        return engine.keyspace(index);
    }

    private static byte[] key(final byte[] key) {
        return Objects.requireNonNull(key, "key");
    }

    /** Announces a key a write may have given elements to (BLPOP, BZPOPMIN... waiters wake on it). */
    private void ready(final int database, final byte[] key) {
        if (announce) {
            engine.keyReady(database, key);
        }
    }

    private long ready(final int database, final byte[] key, final long result) {
        ready(database, key);
        return result;
    }

    private boolean ready(final int database, final byte[] key, final boolean result) {
        ready(database, key);
        return result;
    }

    private double ready(final int database, final byte[] key, final double result) {
        ready(database, key);
        return result;
    }

    private <T> T ready(final int database, final byte[] key, final T result) {
        ready(database, key);
        return result;
    }

    // ------------------------------------------------------------------------------------------------ databases

    @Override
    public KvStore database(final int index) {
        engine.checkOpen();
        return announce ? engine.view(index) : engine.unannounced(index);
    }

    @Override
    public int databaseIndex() {
        return index;
    }

    @Override
    public int databases() {
        return engine.databaseCount();
    }

    // ------------------------------------------------------------------------------------------------ strings

    @Override
    public byte[] get(final byte[] key) {
        return StringOps.get(keyspace(), key(key));
    }

    @Override
    public int get(final ByteBuffer key, final int keyOffset, final int keyLength, final ValueSink sink) {
        Objects.requireNonNull(sink, "sink");
        final Keyspace ks = keyspace();
        if (!NativeBytes.addressable(key)) {
            final byte[] copy = new byte[keyLength];
            key.get(keyOffset, copy);
            return StringOps.read(ks, KeyHash.hash(copy), copy, BASE, keyLength, sink);
        }
        final Object kb = NativeBytes.base(key);
        final long ko = NativeBytes.offset(key, keyOffset, keyLength);
        return StringOps.read(ks, KeyHash.hash(kb, ko, keyLength), kb, ko, keyLength, sink);
    }

    @Override
    public void set(final byte[] key, final byte[] value) {
        set(key, value, SetArgs.PLAIN);
    }

    @Override
    public boolean set(final byte[] key, final byte[] value, final SetArgs args) {
        Objects.requireNonNull(value, "value");
        StringOps.checkLength(value.length);
        return StringOps.set(keyspace(), key(key), BASE, key.length, value, BASE, value.length, args);
    }

    @Override
    public boolean set(final ByteBuffer key, final int keyOffset, final int keyLength, final ByteBuffer value,
        final int valueOffset, final int valueLength, final SetArgs args) {
        Objects.requireNonNull(args, "args");
        StringOps.checkLength(valueLength);
        final Keyspace ks = keyspace();
        if (!NativeBytes.addressable(key) || !NativeBytes.addressable(value)) {
            final byte[] k = new byte[keyLength];
            key.get(keyOffset, k);
            final byte[] v = new byte[valueLength];
            value.get(valueOffset, v);
            return StringOps.set(ks, k, BASE, keyLength, v, BASE, valueLength, args);
        }
        return StringOps.set(ks, NativeBytes.base(key), NativeBytes.offset(key, keyOffset, keyLength), keyLength,
            NativeBytes.base(value), NativeBytes.offset(value, valueOffset, valueLength), valueLength, args);
    }

    @Override
    public byte[] setGet(final byte[] key, final byte[] value, final SetArgs args) {
        Objects.requireNonNull(value, "value");
        StringOps.checkLength(value.length);
        return StringOps.setGet(keyspace(), key(key), value, Objects.requireNonNull(args, "args"));
    }

    @Override
    public byte[] getdel(final byte[] key) {
        return StringOps.getdel(keyspace(), key(key));
    }

    @Override
    public byte[] getex(final byte[] key, final Expiration expiration) {
        return StringOps.getex(keyspace(), key(key), expiration);
    }

    @Override
    public List<byte[]> mget(final byte[]... keys) {
        final Keyspace ks = keyspace();
        final List<byte[]> out = new ArrayList<>(keys.length);
        for (final byte[] key : keys) {
            out.add(StringOps.getOrNull(ks, key(key)));
        }
        return out;
    }

    @Override
    public void mset(final byte[]... keysAndValues) {
        checkPairs(keysAndValues);
        final Keyspace ks = keyspace();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            final byte[] key = key(keysAndValues[i]);
            final byte[] value = Objects.requireNonNull(keysAndValues[i + 1], "value");
            StringOps.checkLength(value.length);
            StringOps.set(ks, key, BASE, key.length, value, BASE, value.length, SetArgs.PLAIN);
        }
    }

    @Override
    public boolean msetnx(final byte[]... keysAndValues) {
        checkPairs(keysAndValues);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            key(keysAndValues[i]);
            StringOps.checkLength(Objects.requireNonNull(keysAndValues[i + 1], "value").length);
        }
        return StringOps.msetnx(keyspace(), keysAndValues);
    }

    private static void checkPairs(final byte[][] keysAndValues) {
        if (keysAndValues.length == 0 || (keysAndValues.length & 1) != 0) {
            throw new IllegalArgumentException("keys and values must alternate: " + keysAndValues.length);
        }
    }

    @Override
    public long append(final byte[] key, final byte[] value) {
        return StringOps.append(keyspace(), key(key), Objects.requireNonNull(value, "value"));
    }

    @Override
    public long strlen(final byte[] key) {
        return StringOps.strlen(keyspace(), key(key));
    }

    @Override
    public byte[] getrange(final byte[] key, final long start, final long end) {
        return StringOps.getrange(keyspace(), key(key), start, end);
    }

    @Override
    public long setrange(final byte[] key, final long offset, final byte[] value) {
        return StringOps.setrange(keyspace(), key(key), offset, Objects.requireNonNull(value, "value"));
    }

    @Override
    public long incrby(final byte[] key, final long increment) {
        return StringOps.incrby(keyspace(), key(key), increment);
    }

    @Override
    public String incrbyfloat(final byte[] key, final double increment) {
        return StringOps.incrbyfloat(keyspace(), key(key), increment);
    }

    // ------------------------------------------------------------------------------------------------ keys

    @Override
    public long del(final byte[]... keys) {
        return KeyOps.del(keyspace(), keys);
    }

    @Override
    public long exists(final byte[]... keys) {
        return KeyOps.exists(keyspace(), keys);
    }

    @Override
    public ValueType type(final byte[] key) {
        return KeyOps.type(keyspace(), key(key));
    }

    @Override
    public List<byte[]> keys(final byte[] pattern) {
        return KeyOps.keys(keyspace(), Objects.requireNonNull(pattern, "pattern"));
    }

    @Override
    public ScanResult scan(final long cursor, final byte[] pattern, final long count, final ValueType type) {
        if (count < 1) {
            throw KvError.SYNTAX.exception();
        }
        return KeyOps.scan(keyspace(), cursor, pattern, count, type);
    }

    @Override
    public byte[] randomkey() {
        return KeyOps.randomkey(keyspace());
    }

    @Override
    public void rename(final byte[] key, final byte[] newKey) {
        KeyOps.rename(keyspace(), key(key), key(newKey), false);
        ready(index, newKey);
    }

    @Override
    public boolean renamenx(final byte[] key, final byte[] newKey) {
        return ready(index, newKey, KeyOps.rename(keyspace(), key(key), key(newKey), true));
    }

    @Override
    public boolean copy(final byte[] source, final byte[] destination, final int destinationDb,
        final boolean replace) {
        final Keyspace from = keyspace();
        if (destinationDb < 0 || destinationDb >= engine.databaseCount()) {
            throw KvError.DB_INDEX_OUT_OF_RANGE.exception();
        }
        return ready(destinationDb, destination,
            KeyOps.copy(from, engine.keyspace(destinationDb), key(source), key(destination), replace));
    }

    @Override
    public boolean move(final byte[] key, final int db) {
        final Keyspace from = keyspace();
        if (db < 0 || db >= engine.databaseCount()) {
            throw KvError.DB_INDEX_OUT_OF_RANGE.exception();
        }
        return ready(db, key, KeyOps.move(from, engine.keyspace(db), key(key)));
    }

    @Override
    public long touch(final byte[]... keys) {
        return KeyOps.exists(keyspace(), keys);
    }

    @Override
    public long dbsize() {
        return keyspace().keys();
    }

    @Override
    public void flushdb() {
        keyspace().flush();
    }

    @Override
    public void flushall() {
        engine.checkOpen();
        engine.flushAll();
    }

    // ------------------------------------------------------------------------------------------------ expiry

    @Override
    public boolean expire(final byte[] key, final long seconds, final ExpireCondition condition) {
        return ExpireOps.expire(keyspace(), key(key), seconds, true, true, condition, "expire");
    }

    @Override
    public boolean pexpire(final byte[] key, final long millis, final ExpireCondition condition) {
        return ExpireOps.expire(keyspace(), key(key), millis, false, true, condition, "pexpire");
    }

    @Override
    public boolean expireat(final byte[] key, final long unixSeconds, final ExpireCondition condition) {
        return ExpireOps.expire(keyspace(), key(key), unixSeconds, true, false, condition, "expireat");
    }

    @Override
    public boolean pexpireat(final byte[] key, final long unixMillis, final ExpireCondition condition) {
        return ExpireOps.expire(keyspace(), key(key), unixMillis, false, false, condition, "pexpireat");
    }

    @Override
    public long ttl(final byte[] key) {
        return ExpireOps.ttl(keyspace(), key(key));
    }

    @Override
    public long pttl(final byte[] key) {
        return ExpireOps.pttl(keyspace(), key(key));
    }

    @Override
    public boolean persist(final byte[] key) {
        return ExpireOps.persist(keyspace(), key(key));
    }

    @Override
    public long expiretime(final byte[] key) {
        return ExpireOps.expiretime(keyspace(), key(key));
    }

    @Override
    public long pexpiretime(final byte[] key) {
        return ExpireOps.pexpiretime(keyspace(), key(key));
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "MiniKv[db=" + index + "]";
    }

    // ------------------------------------------------------------------------------------------------ sorted sets

    private static byte[][] members(final byte[][] members) {
        Objects.requireNonNull(members, "members");
        for (final byte[] m : members) {
            Objects.requireNonNull(m, "member");
        }
        return members;
    }

    private static byte[][] keys(final byte[][] keys) {
        Objects.requireNonNull(keys, "keys");
        if (keys.length == 0) {
            throw new IllegalArgumentException("at least one key is needed");
        }
        for (final byte[] k : keys) {
            key(k);
        }
        return keys;
    }

    @Override
    public long zadd(final byte[] key, final double score, final byte[] member) {
        return ready(index, key, SortedSetOps.zadd(keyspace(), key(key), ZAddArgs.PLAIN,
            List.of(new ScoredMember(Objects.requireNonNull(member, "member"), score))));
    }

    @Override
    public long zadd(final byte[] key, final ZAddArgs args, final List<ScoredMember> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("at least one member is needed");
        }
        return ready(index, key, SortedSetOps.zadd(keyspace(), key(key), Objects.requireNonNull(args, "args"), members));
    }

    @Override
    public Double zaddIncr(final byte[] key, final ZAddArgs args, final double increment, final byte[] member) {
        return ready(index, key, SortedSetOps.zaddIncr(keyspace(), key(key), Objects.requireNonNull(args, "args"),
            increment, Objects.requireNonNull(member, "member")));
    }

    @Override
    public double zincrby(final byte[] key, final double increment, final byte[] member) {
        return ready(index, key, SortedSetOps.zaddIncr(keyspace(), key(key), ZAddArgs.PLAIN, increment,
            Objects.requireNonNull(member, "member")));
    }

    @Override
    public long zrem(final byte[] key, final byte[]... members) {
        return SortedSetOps.zrem(keyspace(), key(key), members(members));
    }

    @Override
    public Double zscore(final byte[] key, final byte[] member) {
        return SortedSetOps.zscore(keyspace(), key(key), Objects.requireNonNull(member, "member"));
    }

    @Override
    public List<Double> zmscore(final byte[] key, final byte[]... members) {
        return SortedSetOps.zmscore(keyspace(), key(key), members(members));
    }

    @Override
    public long zcard(final byte[] key) {
        return SortedSetOps.zcard(keyspace(), key(key));
    }

    @Override
    public long zcount(final byte[] key, final ScoreBound min, final ScoreBound max) {
        return SortedSetOps.zcount(keyspace(), key(key), Objects.requireNonNull(min, "min"),
            Objects.requireNonNull(max, "max"));
    }

    @Override
    public long zlexcount(final byte[] key, final LexBound min, final LexBound max) {
        return SortedSetOps.zlexcount(keyspace(), key(key), Objects.requireNonNull(min, "min"),
            Objects.requireNonNull(max, "max"));
    }

    @Override
    public List<ScoredMember> zrange(final byte[] key, final long start, final long stop) {
        return SortedSetOps.zrange(keyspace(), key(key), ZRangeQuery.byIndex(start, stop));
    }

    @Override
    public List<ScoredMember> zrange(final byte[] key, final ZRangeQuery query) {
        return SortedSetOps.zrange(keyspace(), key(key), Objects.requireNonNull(query, "query"));
    }

    @Override
    public long zrangestore(final byte[] destination, final byte[] source, final ZRangeQuery query) {
        return ready(index, destination, SortedSetStoreOps.zrangestore(keyspace(), key(destination), key(source),
            Objects.requireNonNull(query, "query")));
    }

    @Override
    public Long zrank(final byte[] key, final byte[] member) {
        final RankScore r = zrankWithScore(key, member, false);
        return r == null ? null : r.rank();
    }

    @Override
    public Long zrevrank(final byte[] key, final byte[] member) {
        final RankScore r = zrankWithScore(key, member, true);
        return r == null ? null : r.rank();
    }

    @Override
    public RankScore zrankWithScore(final byte[] key, final byte[] member, final boolean reversed) {
        return SortedSetOps.zrank(keyspace(), key(key), Objects.requireNonNull(member, "member"), reversed);
    }

    @Override
    public List<ScoredMember> zpopmin(final byte[] key, final long count) {
        return SortedSetOps.pop(keyspace(), key(key), false, count);
    }

    @Override
    public List<ScoredMember> zpopmax(final byte[] key, final long count) {
        return SortedSetOps.pop(keyspace(), key(key), true, count);
    }

    @Override
    public KeyedMembers zmpop(final boolean max, final long count, final byte[]... keys) {
        return SortedSetOps.zmpop(keyspace(), keys(keys), max, count);
    }

    @Override
    public ScoredMember zrandmember(final byte[] key) {
        final List<ScoredMember> one = SortedSetOps.zrandmember(keyspace(), key(key), -1);
        return one.isEmpty() ? null : one.get(0);
    }

    @Override
    public List<ScoredMember> zrandmember(final byte[] key, final long count) {
        return SortedSetOps.zrandmember(keyspace(), key(key), count);
    }

    @Override
    public long zremrangebyrank(final byte[] key, final long start, final long stop) {
        return SortedSetOps.zremrange(keyspace(), key(key), ZRangeQuery.byIndex(start, stop));
    }

    @Override
    public long zremrangebyscore(final byte[] key, final ScoreBound min, final ScoreBound max) {
        return SortedSetOps.zremrange(keyspace(), key(key), ZRangeQuery.byScore(Objects.requireNonNull(min, "min"),
            Objects.requireNonNull(max, "max")));
    }

    @Override
    public long zremrangebylex(final byte[] key, final LexBound min, final LexBound max) {
        return SortedSetOps.zremrange(keyspace(), key(key), ZRangeQuery.byLex(Objects.requireNonNull(min, "min"),
            Objects.requireNonNull(max, "max")));
    }

    @Override
    public List<ScoredMember> zunion(final byte[][] keys, final double[] weights, final Aggregate aggregate) {
        return SortedSetStoreOps.combine(keyspace(), SortedSetStoreOps.Op.UNION, keys(keys), weights,
            Objects.requireNonNull(aggregate, "aggregate"));
    }

    @Override
    public List<ScoredMember> zinter(final byte[][] keys, final double[] weights, final Aggregate aggregate) {
        return SortedSetStoreOps.combine(keyspace(), SortedSetStoreOps.Op.INTER, keys(keys), weights,
            Objects.requireNonNull(aggregate, "aggregate"));
    }

    @Override
    public List<ScoredMember> zdiff(final byte[]... keys) {
        return SortedSetStoreOps.combine(keyspace(), SortedSetStoreOps.Op.DIFF, keys(keys), null, Aggregate.SUM);
    }

    @Override
    public long zunionstore(final byte[] destination, final byte[][] keys, final double[] weights,
        final Aggregate aggregate) {
        return ready(index, destination, SortedSetStoreOps.combineStore(keyspace(), SortedSetStoreOps.Op.UNION,
            key(destination), keys(keys), weights, Objects.requireNonNull(aggregate, "aggregate")));
    }

    @Override
    public long zinterstore(final byte[] destination, final byte[][] keys, final double[] weights,
        final Aggregate aggregate) {
        return ready(index, destination, SortedSetStoreOps.combineStore(keyspace(), SortedSetStoreOps.Op.INTER,
            key(destination), keys(keys), weights, Objects.requireNonNull(aggregate, "aggregate")));
    }

    @Override
    public long zdiffstore(final byte[] destination, final byte[]... keys) {
        return ready(index, destination, SortedSetStoreOps.combineStore(keyspace(), SortedSetStoreOps.Op.DIFF,
            key(destination), keys(keys), null, Aggregate.SUM));
    }

    @Override
    public long zintercard(final long limit, final byte[]... keys) {
        return SortedSetStoreOps.zintercard(keyspace(), keys(keys), limit);
    }

    @Override
    public ZScanResult zscan(final byte[] key, final long cursor, final byte[] pattern, final long count) {
        if (count < 1) {
            throw KvError.SYNTAX.exception();
        }
        return SortedSetOps.zscan(keyspace(), key(key), cursor, pattern, count);
    }

    @Override
    public List<ScoredMember> zquery(final byte[] key, final double score, final byte[] member, final long offset,
        final long limit) {
        return SortedSetOps.zquery(keyspace(), key(key), score, Objects.requireNonNull(member, "member"), offset,
            limit);
    }

    // ------------------------------------------------------------------------------------------------ sets

    @Override
    public long sadd(final byte[] key, final byte[]... members) {
        return SetOps.sadd(keyspace(), key(key), nonEmpty(members(members)));
    }

    @Override
    public long srem(final byte[] key, final byte[]... members) {
        return SetOps.srem(keyspace(), key(key), nonEmpty(members(members)));
    }

    @Override
    public List<byte[]> smembers(final byte[] key) {
        return SetOps.smembers(keyspace(), key(key));
    }

    @Override
    public boolean sismember(final byte[] key, final byte[] member) {
        return SetOps.smismember(keyspace(), key(key), new byte[][] {Objects.requireNonNull(member, "member")})[0];
    }

    @Override
    public List<Boolean> smismember(final byte[] key, final byte[]... members) {
        final boolean[] found = SetOps.smismember(keyspace(), key(key), nonEmpty(members(members)));
        final List<Boolean> out = new ArrayList<>(found.length);
        for (final boolean f : found) {
            out.add(f);
        }
        return out;
    }

    @Override
    public long scard(final byte[] key) {
        return SetOps.scard(keyspace(), key(key));
    }

    @Override
    public byte[] spop(final byte[] key) {
        final List<byte[]> one = SetOps.spop(keyspace(), key(key), 1, ThreadLocalRandom.current());
        return one.isEmpty() ? null : one.get(0);
    }

    @Override
    public List<byte[]> spop(final byte[] key, final long count) {
        return SetOps.spop(keyspace(), key(key), count, ThreadLocalRandom.current());
    }

    @Override
    public byte[] srandmember(final byte[] key) {
        final List<byte[]> one = SetOps.srandmember(keyspace(), key(key), 1, ThreadLocalRandom.current());
        return one.isEmpty() ? null : one.get(0);
    }

    @Override
    public List<byte[]> srandmember(final byte[] key, final long count) {
        return SetOps.srandmember(keyspace(), key(key), count, ThreadLocalRandom.current());
    }

    @Override
    public boolean smove(final byte[] source, final byte[] destination, final byte[] member) {
        return SetStoreOps.smove(keyspace(), key(source), key(destination), Objects.requireNonNull(member, "member"));
    }

    @Override
    public List<byte[]> sinter(final byte[]... keys) {
        return SetStoreOps.combine(keyspace(), SetStoreOps.Op.INTER, keys(keys));
    }

    @Override
    public long sinterstore(final byte[] destination, final byte[]... keys) {
        return SetStoreOps.combineStore(keyspace(), SetStoreOps.Op.INTER, key(destination), keys(keys));
    }

    @Override
    public long sintercard(final long limit, final byte[]... keys) {
        return SetStoreOps.sintercard(keyspace(), keys(keys), limit);
    }

    @Override
    public List<byte[]> sunion(final byte[]... keys) {
        return SetStoreOps.combine(keyspace(), SetStoreOps.Op.UNION, keys(keys));
    }

    @Override
    public long sunionstore(final byte[] destination, final byte[]... keys) {
        return SetStoreOps.combineStore(keyspace(), SetStoreOps.Op.UNION, key(destination), keys(keys));
    }

    @Override
    public List<byte[]> sdiff(final byte[]... keys) {
        return SetStoreOps.combine(keyspace(), SetStoreOps.Op.DIFF, keys(keys));
    }

    @Override
    public long sdiffstore(final byte[] destination, final byte[]... keys) {
        return SetStoreOps.combineStore(keyspace(), SetStoreOps.Op.DIFF, key(destination), keys(keys));
    }

    @Override
    public SScanResult sscan(final byte[] key, final long cursor, final byte[] pattern, final long count) {
        if (count < 1) {
            throw KvError.SYNTAX.exception();
        }
        return SetOps.sscan(keyspace(), key(key), cursor, pattern, count);
    }

    private static byte[][] nonEmpty(final byte[][] members) {
        if (members.length == 0) {
            throw new IllegalArgumentException("at least one member is needed");
        }
        return members;
    }

    // ------------------------------------------------------------------------------------------------ lists

    private static byte[][] elements(final byte[][] elements) {
        Objects.requireNonNull(elements, "elements");
        if (elements.length == 0) {
            throw new IllegalArgumentException("at least one element is needed");
        }
        for (final byte[] e : elements) {
            Objects.requireNonNull(e, "element");
        }
        return elements;
    }

    private static byte[] element(final byte[] element) {
        return Objects.requireNonNull(element, "element");
    }

    @Override
    public long lpush(final byte[] key, final byte[]... elements) {
        return ready(index, key, ListOps.push(keyspace(), key(key), elements(elements), ListEnd.LEFT, false));
    }

    @Override
    public long rpush(final byte[] key, final byte[]... elements) {
        return ready(index, key, ListOps.push(keyspace(), key(key), elements(elements), ListEnd.RIGHT, false));
    }

    @Override
    public long lpushx(final byte[] key, final byte[]... elements) {
        return ready(index, key, ListOps.push(keyspace(), key(key), elements(elements), ListEnd.LEFT, true));
    }

    @Override
    public long rpushx(final byte[] key, final byte[]... elements) {
        return ready(index, key, ListOps.push(keyspace(), key(key), elements(elements), ListEnd.RIGHT, true));
    }

    @Override
    public byte[] lpop(final byte[] key) {
        return ListOps.pop(keyspace(), key(key), ListEnd.LEFT);
    }

    @Override
    public List<byte[]> lpop(final byte[] key, final long count) {
        return ListOps.pop(keyspace(), key(key), ListEnd.LEFT, count);
    }

    @Override
    public byte[] rpop(final byte[] key) {
        return ListOps.pop(keyspace(), key(key), ListEnd.RIGHT);
    }

    @Override
    public List<byte[]> rpop(final byte[] key, final long count) {
        return ListOps.pop(keyspace(), key(key), ListEnd.RIGHT, count);
    }

    @Override
    public long llen(final byte[] key) {
        return ListOps.llen(keyspace(), key(key));
    }

    @Override
    public List<byte[]> lrange(final byte[] key, final long start, final long stop) {
        return ListOps.lrange(keyspace(), key(key), start, stop);
    }

    @Override
    public byte[] lindex(final byte[] key, final long index) {
        return ListOps.lindex(keyspace(), key(key), index);
    }

    @Override
    public void lset(final byte[] key, final long index, final byte[] element) {
        ListOps.lset(keyspace(), key(key), index, element(element));
    }

    @Override
    public long linsert(final byte[] key, final boolean before, final byte[] pivot, final byte[] element) {
        return ready(index, key, ListOps.linsert(keyspace(), key(key), before, Objects.requireNonNull(pivot, "pivot"),
            element(element)));
    }

    @Override
    public long lrem(final byte[] key, final long count, final byte[] element) {
        return ListOps.lrem(keyspace(), key(key), count, element(element));
    }

    @Override
    public void ltrim(final byte[] key, final long start, final long stop) {
        ListOps.ltrim(keyspace(), key(key), start, stop);
    }

    @Override
    public Long lpos(final byte[] key, final byte[] element, final long rank, final long maxlen) {
        final List<Long> found = ListOps.lpos(keyspace(), key(key), element(element), rank, -1, maxlen);
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public List<Long> lpos(final byte[] key, final byte[] element, final long rank, final long count,
        final long maxlen) {
        if (count < 0) {
            throw KvError.LPOS_COUNT_NEGATIVE.exception();
        }
        return ListOps.lpos(keyspace(), key(key), element(element), rank, count, maxlen);
    }

    @Override
    public byte[] lmove(final byte[] source, final byte[] destination, final ListEnd from, final ListEnd to) {
        return ready(index, destination, ListOps.lmove(keyspace(), key(source), key(destination),
            Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to")));
    }

    @Override
    public byte[] rpoplpush(final byte[] source, final byte[] destination) {
        return ready(index, destination,
            ListOps.lmove(keyspace(), key(source), key(destination), ListEnd.RIGHT, ListEnd.LEFT));
    }

    @Override
    public KeyedElements lmpop(final ListEnd end, final long count, final byte[]... keys) {
        return ListOps.lmpop(keyspace(), keys(keys), Objects.requireNonNull(end, "end"), count);
    }

    // ------------------------------------------------------------------------------------------------ hashes

    private static byte[] field(final byte[] field) {
        return Objects.requireNonNull(field, "field");
    }

    private static byte[] value(final byte[] value) {
        return Objects.requireNonNull(value, "value");
    }

    private static byte[][] fields(final byte[][] fields) {
        Objects.requireNonNull(fields, "fields");
        if (fields.length == 0) {
            throw new IllegalArgumentException("at least one field is needed");
        }
        for (final byte[] f : fields) {
            field(f);
        }
        return fields;
    }

    @Override
    public long hset(final byte[] key, final byte[] field, final byte[] value) {
        return HashOps.hset(keyspace(), key(key), List.of(new FieldValue(field(field), value(value))));
    }

    @Override
    public long hset(final byte[] key, final List<FieldValue> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("at least one field is needed");
        }
        for (final FieldValue e : entries) {
            field(e.field());
            value(e.value());
        }
        return HashOps.hset(keyspace(), key(key), entries);
    }

    @Override
    public boolean hsetnx(final byte[] key, final byte[] field, final byte[] value) {
        return HashOps.hsetnx(keyspace(), key(key), field(field), value(value));
    }

    @Override
    public byte[] hget(final byte[] key, final byte[] field) {
        return HashOps.hget(keyspace(), key(key), field(field));
    }

    @Override
    public List<byte[]> hmget(final byte[] key, final byte[]... fields) {
        return HashOps.hmget(keyspace(), key(key), fields(fields));
    }

    @Override
    public long hdel(final byte[] key, final byte[]... fields) {
        return HashOps.hdel(keyspace(), key(key), fields(fields));
    }

    @Override
    public boolean hexists(final byte[] key, final byte[] field) {
        return HashOps.hexists(keyspace(), key(key), field(field));
    }

    @Override
    public long hlen(final byte[] key) {
        return HashOps.hlen(keyspace(), key(key));
    }

    @Override
    public long hstrlen(final byte[] key, final byte[] field) {
        return HashOps.hstrlen(keyspace(), key(key), field(field));
    }

    @Override
    public List<byte[]> hkeys(final byte[] key) {
        return HashOps.all(keyspace(), key(key), HashOps.Part.FIELDS);
    }

    @Override
    public List<byte[]> hvals(final byte[] key) {
        return HashOps.all(keyspace(), key(key), HashOps.Part.VALUES);
    }

    @Override
    public List<FieldValue> hgetall(final byte[] key) {
        return HashOps.hgetall(keyspace(), key(key));
    }

    @Override
    public long hincrby(final byte[] key, final byte[] field, final long increment) {
        return HashOps.hincrby(keyspace(), key(key), field(field), increment);
    }

    @Override
    public String hincrbyfloat(final byte[] key, final byte[] field, final double increment) {
        return HashOps.hincrbyfloat(keyspace(), key(key), field(field), increment);
    }

    @Override
    public byte[] hrandfield(final byte[] key) {
        final List<byte[]> one = hrandfield(key, -1);
        return one.isEmpty() ? null : one.get(0);
    }

    @Override
    public List<byte[]> hrandfield(final byte[] key, final long count) {
        return HashOps.hrandfield(keyspace(), key(key), count, false, ThreadLocalRandom.current(), HashEntry::field);
    }

    @Override
    public List<FieldValue> hrandfieldWithValues(final byte[] key, final long count) {
        return HashOps.hrandfield(keyspace(), key(key), count, true, ThreadLocalRandom.current(), HashOps::pair);
    }

    @Override
    public HScanResult hscan(final byte[] key, final long cursor, final byte[] pattern, final long count) {
        if (count < 1) {
            throw KvError.SYNTAX.exception();
        }
        return HashOps.hscan(keyspace(), key(key), cursor, pattern, count);
    }
}
