package io.minikv.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.Aggregate;
import io.minikv.api.ExpireCondition;
import io.minikv.api.FieldValue;
import io.minikv.api.KvError;
import io.minikv.api.KvException;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.ListEnd;
import io.minikv.api.ScoredMember;
import io.minikv.api.ZAddArgs;
import io.minikv.api.ZRangeQuery;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.keyspace.Segment;
import io.minikv.engine.memory.EntryLayout;
import io.minikv.engine.table.HopscotchTable;

/**
 * Collection values count against the memory limit: the budget follows their estimated footprint through every kind
 * of write, returns to its starting figure when they go, and refuses growth (only growth) over the limit.
 * <p>
 * {@link #assertBooks()} is the central check: what the segments charged equals the sum of the live values' own
 * estimates, so a write path that changed a value without the segment noticing shows up as a difference.
 */
class CollectionMemoryTest {
    private static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private KvStore store = open(0);

    private KvStore open(final long maxMemory) {
        return MiniKv.open(KvOptions.builder().clock(clock).activeExpiry(false).maxMemoryBytes(maxMemory).build());
    }

    @AfterEach
    void close() {
        store.close();
    }

    static byte[] b(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Engine engine() {
        return Engine.of(store);
    }

    /** What the segments charged the budget for object values. */
    private long charged() {
        long n = 0;
        for (final Keyspace ks : engine().keyspaces()) {
            for (int i = 0; i < Keyspace.SEGMENTS; i++) {
                n += ks.segmentAt(i).objectBytes();
            }
        }
        return n;
    }

    /** The sum of the live object values' own estimates. */
    private long estimated() {
        long n = 0;
        for (final Keyspace ks : engine().keyspaces()) {
            for (int i = 0; i < Keyspace.SEGMENTS; i++) {
                final Segment s = ks.segmentAt(i);
                final long stamp = s.lock().readLock();
                try {
                    final HopscotchTable t = s.table();
                    for (int home = 0; t != null && home < t.capacity(); home++) {
                        for (long hop = t.hop(home); hop != 0; hop &= hop - 1) {
                            final int b = home + Long.numberOfTrailingZeros(hop);
                            if (s.type(b) != EntryLayout.TYPE_STRING) {
                                n += s.object(b).memoryBytes();
                            }
                        }
                    }
                } finally {
                    s.lock().unlockRead(stamp);
                }
            }
        }
        return n;
    }

    private void assertBooks() {
        assertThat(charged()).as("charged vs estimated").isEqualTo(estimated());
    }

    /**
     * Creates and deletes the keys once, so that their arena entries' chunks exist, and returns the memory counted
     * then: the figure deleting everything must return to (the arena keeps its chunks for the next entries).
     */
    private long baseline(final String... keys) {
        for (final String k : keys) {
            store.sadd(b(k), b("warm-up"));
            store.del(b(k));
        }
        assertThat(charged()).isZero();
        return engine().allocatedMemoryBytes();
    }

    private static byte[][] members(final String prefix, final int from, final int to) {
        final byte[][] out = new byte[to - from][];
        for (int i = from; i < to; i++) {
            out[i - from] = b(prefix + i);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------- growth and release

    @Test
    void shouldChargeAOneMemberSetExactly() {
        store.sadd(b("s"), b("a"));
        // MemberSet 40 (with its encoding flag) + table Entry[8] 48 + dense Entry[8] 48 + Entry 32 + byte[1] 24.
        assertThat(charged()).isEqualTo(192);
        assertThat(engine().usedMemoryBytes()).isGreaterThanOrEqualTo(192);
        assertBooks();
    }

    @Test
    void shouldChargeTheSharedBudgetInQuanta() {
        final long quantum = Segment.OBJECT_QUANTUM;
        final long before = baseline("s");
        store.sadd(b("s"), b("a"));
        assertThat(engine().allocatedMemoryBytes() - before).isEqualTo(quantum);
        store.sadd(b("s"), members("m", 0, 10));
        assertThat(engine().allocatedMemoryBytes() - before).as("within the first step").isEqualTo(quantum);
        store.sadd(b("s"), members("m", 10, 1000));
        final long grown = engine().allocatedMemoryBytes() - before;
        assertThat(grown % quantum).isZero();
        assertThat(grown).isGreaterThanOrEqualTo(charged()).isLessThan(charged() + quantum);
        store.srem(b("s"), members("m", 0, 100));
        final long shrunk = engine().allocatedMemoryBytes() - before;
        assertThat(shrunk).isGreaterThanOrEqualTo(charged()).isLessThan(charged() + 2 * quantum);
        store.srem(b("s"), members("m", 100, 1000));
        assertThat(engine().allocatedMemoryBytes() - before).isEqualTo(quantum);
        store.srem(b("s"), b("a"));
        assertThat(engine().allocatedMemoryBytes()).isEqualTo(before);
    }

    @Test
    void shouldFollowSetsUpAndDown() {
        final long before = baseline("s");
        long last = 0;
        for (int i = 0; i < 2000; i += 100) {
            store.sadd(b("s"), members("m", i, i + 100));
            assertThat(charged()).isGreaterThan(last);
            last = charged();
            assertBooks();
        }
        assertThat(last).isGreaterThan(2000 * (32 + 24));
        assertThat(engine().allocatedMemoryBytes() - before).isGreaterThanOrEqualTo(last);
        store.srem(b("s"), members("m", 0, 1000));
        assertThat(charged()).isLessThan(last);
        assertBooks();
        store.spop(b("s"), 999);
        assertBooks();
        store.srem(b("s"), members("m", 0, 2000));
        assertThat(store.exists(b("s"))).isZero();
        assertThat(charged()).isZero();
        assertThat(engine().allocatedMemoryBytes()).isEqualTo(before);
    }

    @Test
    void shouldFollowHashesUpAndDown() {
        final long before = baseline("h");
        long last = 0;
        for (int i = 0; i < 1000; i++) {
            store.hset(b("h"), b("f" + i), b("v" + i));
            assertThat(charged()).isGreaterThan(last);
            last = charged();
        }
        assertBooks();
        store.hset(b("h"), b("f1"), new byte[1000]);
        assertThat(charged()).isGreaterThanOrEqualTo(last + 1000 - 24);
        store.hset(b("h"), b("f1"), b("x"));
        assertThat(charged()).isLessThanOrEqualTo(last);
        store.hincrby(b("h"), b("n"), 5);
        store.hincrbyfloat(b("h"), b("d"), 1.5);
        store.hsetnx(b("h"), b("nx"), b("y"));
        assertBooks();
        for (int i = 0; i < 1000; i++) {
            store.hdel(b("h"), b("f" + i));
        }
        store.hdel(b("h"), b("n"), b("d"), b("nx"));
        assertThat(store.exists(b("h"))).isZero();
        assertThat(charged()).isZero();
        assertThat(engine().allocatedMemoryBytes()).isEqualTo(before);
    }

    @Test
    void shouldFollowListsUpAndDown() {
        final long before = baseline("l", "l2");
        long last = 0;
        for (int i = 0; i < 1000; i += 10) {
            store.rpush(b("l"), members("e", i, i + 5));
            store.lpush(b("l"), members("e", i + 5, i + 10));
            assertThat(charged()).isGreaterThan(last);
            last = charged();
        }
        assertBooks();
        store.lset(b("l"), 3, new byte[500]);
        store.linsert(b("l"), true, b("e7"), b("inserted"));
        store.lrem(b("l"), 0, b("e8"));
        store.ltrim(b("l"), 10, -10);
        store.lmove(b("l"), b("l2"), ListEnd.LEFT, ListEnd.RIGHT);
        store.rpoplpush(b("l"), b("l2"));
        store.lpop(b("l"), 10);
        store.rpop(b("l"), 10);
        store.lmpop(ListEnd.LEFT, 5, b("l"));
        assertBooks();
        store.lpop(b("l"), 10_000);
        store.rpop(b("l2"), 10);
        assertThat(store.exists(b("l"), b("l2"))).isZero();
        assertThat(charged()).isZero();
        assertThat(engine().allocatedMemoryBytes()).isEqualTo(before);
    }

    @Test
    void shouldFollowSortedSetsUpAndDown() {
        final long before = baseline("z", "z2", "z3", "z4", "z5");
        long last = 0;
        for (int i = 0; i < 1000; i++) {
            store.zadd(b("z"), i, b("m" + i));
            assertThat(charged()).isGreaterThan(last);
            last = charged();
        }
        assertBooks();
        store.zincrby(b("z"), 5, b("m1"));
        store.zaddIncr(b("z"), ZAddArgs.PLAIN, 2, b("new"));
        store.zrem(b("z"), b("m2"), b("m3"));
        store.zpopmin(b("z"), 3);
        store.zpopmax(b("z"), 3);
        store.zremrangebyrank(b("z"), 0, 10);
        store.zmpop(false, 2, b("z"));
        store.zrangestore(b("z2"), b("z"), ZRangeQuery.byIndex(0, 99));
        store.zunionstore(b("z3"), new byte[][] {b("z"), b("z2")}, null, Aggregate.SUM);
        store.zinterstore(b("z4"), new byte[][] {b("z"), b("z2")}, null, Aggregate.MAX);
        store.zdiffstore(b("z5"), b("z"), b("z2"));
        assertBooks();
        store.zremrangebyrank(b("z"), 0, -1);
        store.del(b("z2"), b("z3"), b("z4"), b("z5"));
        assertThat(charged()).isZero();
        assertThat(engine().allocatedMemoryBytes()).isEqualTo(before);
    }

    @Test
    void shouldChargeSetAlgebraResultsAndMoves() {
        store.sadd(b("a"), members("m", 0, 300));
        store.sadd(b("b"), members("m", 200, 500));
        store.sunionstore(b("u"), b("a"), b("b"));
        store.sinterstore(b("i"), b("a"), b("b"));
        store.sdiffstore(b("d"), b("a"), b("b"));
        store.smove(b("a"), b("b"), b("m1"));
        store.smove(b("a"), b("fresh"), b("m2"));
        assertBooks();
        store.sinterstore(b("u"), b("a"), b("nothing"));
        assertThat(store.exists(b("u"))).isZero();
        assertBooks();
        store.del(b("a"), b("b"), b("i"), b("d"), b("fresh"));
        assertThat(charged()).isZero();
    }

    // ------------------------------------------------------------------------------------------- generic commands

    private void fillEveryType(final String suffix) {
        store.sadd(b("s" + suffix), members("m", 0, 200));
        store.hset(b("h" + suffix), List.of(new FieldValue(b("f"), b("v")), new FieldValue(b("g"), new byte[300])));
        store.rpush(b("l" + suffix), members("e", 0, 200));
        store.zadd(b("z" + suffix), 1, b("one"));
        store.zadd(b("z" + suffix), 2, b("two"));
    }

    @Test
    void shouldKeepTheBooksThroughCopyRenameMoveAndDelete() {
        fillEveryType("");
        final long one = charged();
        assertBooks();
        for (final String t : new String[] {"s", "h", "l", "z"}) {
            assertThat(store.copy(b(t), b(t + "copy"), 0, false)).isTrue();
        }
        assertThat(charged()).as("a copy is charged").isGreaterThan(one);
        assertBooks();
        for (final String t : new String[] {"s", "h", "l", "z"}) {
            store.rename(b(t + "copy"), b(t));
        }
        assertThat(charged()).as("RENAME over a value releases it").isBetween(one - one / 4, one + one / 4);
        assertBooks();
        for (final String t : new String[] {"s", "h", "l", "z"}) {
            assertThat(store.move(b(t), 3)).isTrue();
        }
        assertBooks();
        for (final String t : new String[] {"s", "h", "l", "z"}) {
            assertThat(store.exists(b(t))).isZero();
            assertThat(store.database(3).copy(b(t), b(t), 0, false)).isTrue();
        }
        assertBooks();
        store.database(3).set(b("s"), b("now a string"));
        assertBooks();
        store.database(3).flushdb();
        assertBooks();
        store.del(b("s"), b("h"), b("l"), b("z"));
        assertThat(charged()).isZero();
    }

    @Test
    void shouldReleaseExpiredAndFlushedValues() {
        fillEveryType("1");
        fillEveryType("2");
        store.database(1).sadd(b("other"), b("x"));
        for (final String t : new String[] {"s", "h", "l", "z"}) {
            store.pexpire(b(t + "1"), 100, ExpireCondition.ALWAYS);
        }
        clock.advance(101);
        // Lazy expiry by a write on the key, then active expiry for the rest.
        store.sadd(b("s1"), b("again"));
        assertBooks();
        engine().runActiveExpiryCycle(clock.millis());
        assertThat(store.exists(b("h1"), b("l1"), b("z1"))).isZero();
        assertBooks();
        store.flushall();
        assertThat(charged()).isZero();
        assertThat(engine().allocatedMemoryBytes()).isZero();
        assertThat(engine().usedMemoryBytes()).isZero();
    }

    @Test
    void shouldKeepTheBooksUnderRandomWrites() {
        final SplittableRandom random = new SplittableRandom(42);
        final List<IntConsumer> ops = new ArrayList<>();
        ops.add(k -> store.sadd(b("s" + k), b("m" + random.nextInt(50))));
        ops.add(k -> store.srem(b("s" + k), b("m" + random.nextInt(50))));
        ops.add(k -> store.spop(b("s" + k), random.nextInt(5)));
        ops.add(k -> store.hset(b("h" + k), b("f" + random.nextInt(30)), new byte[random.nextInt(100)]));
        ops.add(k -> store.hdel(b("h" + k), b("f" + random.nextInt(30))));
        ops.add(k -> store.hincrby(b("h" + k), b("n"), 1));
        ops.add(k -> store.rpush(b("l" + k), new byte[random.nextInt(50)]));
        ops.add(k -> store.lpush(b("l" + k), b("x" + random.nextInt(3))));
        ops.add(k -> store.lrem(b("l" + k), 1, b("x1")));
        ops.add(k -> store.ltrim(b("l" + k), 1, -2));
        ops.add(k -> store.rpop(b("l" + k)));
        ops.add(k -> store.lmove(b("l" + k), b("l" + (k + 1) % 4), ListEnd.RIGHT, ListEnd.LEFT));
        ops.add(k -> store.zadd(b("z" + k), random.nextInt(100), b("m" + random.nextInt(40))));
        ops.add(k -> store.zrem(b("z" + k), b("m" + random.nextInt(40))));
        ops.add(k -> store.zpopmin(b("z" + k), 2));
        ops.add(k -> store.zunionstore(b("z" + k), new byte[][] {b("z" + (k + 1) % 4)}, null, Aggregate.SUM));
        ops.add(k -> store.sunionstore(b("s" + k), b("s" + (k + 1) % 4), b("s" + (k + 2) % 4)));
        ops.add(k -> store.copy(b("h" + k), b("h" + (k + 1) % 4), 0, true));
        ops.add(k -> store.renamenx(b("s" + k), b("s" + (k + 1) % 4)));
        ops.add(k -> store.pexpire(b("z" + k), 1, ExpireCondition.ALWAYS));
        ops.add(k -> clock.advance(2));
        ops.add(k -> store.del(b("l" + k)));
        for (int step = 0; step < 5000; step++) {
            try {
                ops.get(random.nextInt(ops.size())).accept(random.nextInt(4));
            } catch (final KvException e) {
                // RENAMENX of a missing key; the books must still balance.
                assertThat(e.error()).isEqualTo(KvError.NO_SUCH_KEY);
            }
            if (step % 50 == 0) {
                assertBooks();
            }
        }
        assertBooks();
        for (int k = 0; k < 4; k++) {
            store.del(b("s" + k), b("h" + k), b("l" + k), b("z" + k));
        }
        assertThat(charged()).isZero();
    }

    @Test
    void shouldKeepTheBooksUnderConcurrentWriters() throws Exception {
        final long before = baseline("s0", "s1", "h0", "h1", "l0", "l1", "z0", "z1", "d0", "d1");
        final int threads = 4;
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            final List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int seed = t;
                done.add(pool.submit(() -> {
                    final SplittableRandom random = new SplittableRandom(seed);
                    for (int i = 0; i < 20_000; i++) {
                        final int k = random.nextInt(2);
                        final byte[] m = b("m" + random.nextInt(200));
                        switch (random.nextInt(9)) {
                            case 0 -> store.sadd(b("s" + k), m);
                            case 1 -> store.srem(b("s" + k), m);
                            case 2 -> store.hset(b("h" + k), m, new byte[random.nextInt(50)]);
                            case 3 -> store.hdel(b("h" + k), m);
                            case 4 -> store.rpush(b("l" + k), m);
                            case 5 -> store.lpop(b("l" + k), 2);
                            case 6 -> store.zadd(b("z" + k), random.nextInt(10), m);
                            case 7 -> store.zrem(b("z" + k), m);
                            default -> store.sunionstore(b("d" + k), b("s0"), b("s1"));
                        }
                    }
                    return null;
                }));
            }
            for (final Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertBooks();
        store.del(b("s0"), b("s1"), b("h0"), b("h1"), b("l0"), b("l1"), b("z0"), b("z1"), b("d0"), b("d1"));
        assertThat(charged()).isZero();
        assertThat(engine().allocatedMemoryBytes()).isEqualTo(before);
    }

    // ------------------------------------------------------------------------------------------- the limit

    /** Fills a key with {@code grow} until OOM; returns how many calls succeeded. */
    private static int fillUntilOom(final IntConsumer grow) {
        for (int i = 0; i < 1_000_000; i++) {
            try {
                grow.accept(i);
            } catch (final KvException e) {
                assertThat(e.error()).isEqualTo(KvError.OOM);
                assertThat(e).hasMessage(OOM);
                return i;
            }
        }
        throw new AssertionError("no OOM after a million writes");
    }

    private void limited() {
        store.close();
        store = open(300_000);
    }

    @Test
    void shouldRefuseSetGrowthOverTheLimitAndLeaveTheSetUnchanged() {
        limited();
        final int added = fillUntilOom(i -> store.sadd(b("s"), members("m" + i + "-", 0, 10)));
        assertThat(added).isGreaterThan(100);
        assertThat(engine().allocatedMemoryBytes()).isGreaterThan(300_000).isLessThan(400_000);
        final long size = store.scard(b("s"));
        final long used = engine().allocatedMemoryBytes();
        assertThatThrownBy(() -> store.sadd(b("s"), b("new"))).hasMessage(OOM);
        assertThatThrownBy(() -> store.sadd(b("other"), b("new"))).hasMessage(OOM);
        assertThatThrownBy(() -> store.sunionstore(b("u"), b("s"))).hasMessage(OOM);
        assertThatThrownBy(() -> store.copy(b("s"), b("c"), 0, false)).hasMessage(OOM);
        assertThat(store.scard(b("s"))).isEqualTo(size);
        assertThat(store.sismember(b("s"), b("new"))).isFalse();
        assertThat(store.exists(b("other"), b("u"), b("c"))).isZero();
        assertThat(engine().allocatedMemoryBytes()).isEqualTo(used);
        // Writes Redis does not flag denyoom still work over the limit.
        assertThat(store.srem(b("s"), b("m0-0"))).isEqualTo(1);
        assertThat(store.smove(b("s"), b("moved"), b("m0-1"))).isTrue();
        store.rename(b("s"), b("renamed"));
        assertThat(store.move(b("renamed"), 1)).isTrue();
        assertThat(store.database(1).move(b("renamed"), 0)).isTrue();
        store.rename(b("renamed"), b("s"));
        assertBooks();
        assertThat(store.spop(b("s"), 5)).hasSize(5);
        store.del(b("s"));
        assertThat(store.sadd(b("s"), b("new"))).isEqualTo(1);
        assertBooks();
    }

    @Test
    void shouldRefuseHashGrowthOverTheLimit() {
        limited();
        fillUntilOom(i -> store.hset(b("h"), b("f" + i), new byte[100]));
        final long size = store.hlen(b("h"));
        assertThatThrownBy(() -> store.hset(b("h"), b("f0"), b("x"))).hasMessage(OOM);
        assertThatThrownBy(() -> store.hincrby(b("h"), b("n"), 1)).hasMessage(OOM);
        assertThatThrownBy(() -> store.hsetnx(b("h"), b("new"), b("x"))).hasMessage(OOM);
        assertThat(store.hlen(b("h"))).isEqualTo(size);
        assertThat(store.hget(b("h"), b("f0"))).hasSize(100);
        assertThat(store.hdel(b("h"), b("f0"), b("f1"))).isEqualTo(2);
        store.del(b("h"));
        assertThat(store.hset(b("h"), b("f"), b("v"))).isEqualTo(1);
    }

    @Test
    void shouldRefuseListGrowthOverTheLimit() {
        limited();
        fillUntilOom(i -> store.rpush(b("l"), new byte[100]));
        final long size = store.llen(b("l"));
        assertThatThrownBy(() -> store.lpush(b("l"), b("x"))).hasMessage(OOM);
        assertThatThrownBy(() -> store.rpushx(b("l"), b("x"))).hasMessage(OOM);
        assertThatThrownBy(() -> store.lset(b("l"), 0, b("x"))).hasMessage(OOM);
        assertThatThrownBy(() -> store.linsert(b("l"), true, new byte[100], b("x"))).hasMessage(OOM);
        assertThat(store.llen(b("l"))).isEqualTo(size);
        assertThat(store.lindex(b("l"), 0)).hasSize(100);
        assertThat(store.lpop(b("l"), 3)).hasSize(3);
        store.del(b("l"));
        assertThat(store.rpush(b("l"), b("x"))).isEqualTo(1);
    }

    @Test
    void shouldRefuseSortedSetGrowthOverTheLimit() {
        limited();
        fillUntilOom(i -> store.zadd(b("z"), i, b("member-" + i)));
        final long size = store.zcard(b("z"));
        assertThatThrownBy(() -> store.zadd(b("z"), 1, b("member-0"))).hasMessage(OOM);
        assertThatThrownBy(() -> store.zincrby(b("z"), 1, b("member-0"))).hasMessage(OOM);
        assertThatThrownBy(() -> store.zrangestore(b("z2"), b("z"), ZRangeQuery.byIndex(0, 1))).hasMessage(OOM);
        assertThat(store.zcard(b("z"))).isEqualTo(size);
        assertThat(store.zscore(b("z"), b("member-0"))).isEqualTo(0.0);
        assertThat(store.zpopmin(b("z"), 2)).extracting(ScoredMember::score).containsExactly(0.0, 1.0);
        store.del(b("z"));
        assertThat(store.zadd(b("z"), 1, b("a"))).isEqualTo(1);
    }

    @Test
    void shouldRefuseNothingWhileChecksAreSuspended() {
        limited();
        fillUntilOom(i -> store.sadd(b("s"), members("m" + i + "-", 0, 10)));
        engine().suspendMemoryChecks(true);
        try {
            assertThat(store.sadd(b("s"), b("in-exec"))).isEqualTo(1);
            store.set(b("k"), new byte[100_000]);
        } finally {
            engine().suspendMemoryChecks(false);
        }
        assertThat(engine().memoryExceeded()).isTrue();
        assertThatThrownBy(() -> store.sadd(b("s"), b("after"))).hasMessage(OOM);
        assertBooks();
    }

    @Test
    void shouldLetStringsAndCollectionsShareTheLimit() {
        limited();
        fillUntilOom(i -> store.sadd(b("s"), members("m" + i + "-", 0, 10)));
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                store.set(b("k" + i), new byte[1000]);
            }
        }).hasMessage(OOM);
        store.del(b("s"));
        store.set(b("k"), new byte[1000]);
        assertThat(store.get(b("k"))).hasSize(1000);
    }
}
