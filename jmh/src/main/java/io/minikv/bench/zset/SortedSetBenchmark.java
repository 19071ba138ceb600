package io.minikv.bench.zset;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.minikv.MiniKv;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.ScoredMember;
import io.minikv.api.ZAddArgs;

/**
 * Sorted-set operations through the embedded store on one set of {@code size} members (1M by default): ZADD of an
 * existing member with a new score (the set keeps its size; the node usually moves), ZSCORE, ZRANK and a 10-member
 * ZRANGE at a random rank. Members are {@code member:NNNNNNN}, scores random.
 * <p>
 * Baseline ({@code jdk*}): the same set as a {@code HashMap} of scores plus a {@code TreeSet} of (score, member),
 * single-threaded and unlocked, for ZADD and ZSCORE; JDK collections have no O(log n) rank, so there is no baseline
 * for ZRANK and ZRANGE by index.
 * <p>
 * Run: {@code java -jar jmh/target/benchmarks.jar SortedSetBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SortedSetBenchmark {
    private static final byte[] KEY = "zset".getBytes(StandardCharsets.US_ASCII);

    /** Members in the set. */
    @Param("1000000")
    public int size;

    private KvStore store;
    private byte[][] members;
    private Map<ByteBuffer, Double> jdkScores;
    private TreeSet<Entry> jdkOrder;

    /** A baseline element: (score, member) ordered as a sorted set orders them. */
    private record Entry(double score, byte[] member) implements Comparable<Entry> {
        @Override
        public int compareTo(final Entry o) {
            final int c = Double.compare(score, o.score);
            return c != 0 ? c : Arrays.compareUnsigned(member, o.member);
        }
    }

    /** Per-thread random source, so threads do not contend on one generator. */
    @State(Scope.Thread)
    public static class Rnd {
        final SplittableRandom random = new SplittableRandom(42);
    }

    /** Fills the set. */
    @Setup(Level.Trial)
    public void fill() {
        store = MiniKv.open(KvOptions.defaults());
        members = new byte[size][];
        final SplittableRandom random = new SplittableRandom(1);
        final List<ScoredMember> batch = new ArrayList<>(1000);
        for (int i = 0; i < size; i++) {
            members[i] = String.format("member:%07d", i).getBytes(StandardCharsets.US_ASCII);
            batch.add(new ScoredMember(members[i], random.nextDouble() * 1e6));
            if (batch.size() == 1000) {
                store.zadd(KEY, ZAddArgs.PLAIN, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            store.zadd(KEY, ZAddArgs.PLAIN, batch);
        }
        jdkScores = new HashMap<>(size * 2);
        jdkOrder = new TreeSet<>();
        final SplittableRandom again = new SplittableRandom(1);
        for (int i = 0; i < size; i++) {
            final double score = again.nextDouble() * 1e6;
            jdkScores.put(ByteBuffer.wrap(members[i]), score);
            jdkOrder.add(new Entry(score, members[i]));
        }
    }

    /** Releases the store. */
    @TearDown(Level.Trial)
    public void close() {
        store.close();
    }

    /**
     * ZADD key score member on an existing member.
     *
     * @param rnd the thread's random source.
     * @return the reply, to keep it alive.
     */
    @Benchmark
    public long zadd(final Rnd rnd) {
        return store.zadd(KEY, rnd.random.nextDouble() * 1e6, members[rnd.random.nextInt(size)]);
    }

    /**
     * ZSCORE key member.
     *
     * @param rnd the thread's random source.
     * @return the score.
     */
    @Benchmark
    public Double zscore(final Rnd rnd) {
        return store.zscore(KEY, members[rnd.random.nextInt(size)]);
    }

    /**
     * ZRANK key member.
     *
     * @param rnd the thread's random source.
     * @return the rank.
     */
    @Benchmark
    public Long zrank(final Rnd rnd) {
        return store.zrank(KEY, members[rnd.random.nextInt(size)]);
    }

    /**
     * ZRANGE key start start+9 WITHSCORES at a random rank.
     *
     * @param rnd the thread's random source.
     * @return the members.
     */
    @Benchmark
    public List<ScoredMember> zrange10(final Rnd rnd) {
        final long start = rnd.random.nextInt(size - 10);
        return store.zrange(KEY, start, start + 9);
    }

    /**
     * Baseline ZADD on an existing member: map lookup, tree remove and insert.
     *
     * @param rnd the thread's random source.
     * @return 0, as ZADD of an existing member.
     */
    @Benchmark
    public long jdkZadd(final Rnd rnd) {
        final byte[] member = members[rnd.random.nextInt(size)];
        final double score = rnd.random.nextDouble() * 1e6;
        final Double old = jdkScores.put(ByteBuffer.wrap(member), score);
        jdkOrder.remove(new Entry(old, member));
        jdkOrder.add(new Entry(score, member));
        return 0;
    }

    /**
     * Baseline ZSCORE: a map lookup.
     *
     * @param rnd the thread's random source.
     * @return the score.
     */
    @Benchmark
    public Double jdkZscore(final Rnd rnd) {
        return jdkScores.get(ByteBuffer.wrap(members[rnd.random.nextInt(size)]));
    }
}
