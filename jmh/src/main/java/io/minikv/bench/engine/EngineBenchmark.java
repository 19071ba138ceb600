package io.minikv.bench.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
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
import io.minikv.api.SetArgs;
import io.minikv.api.ValueSink;
import io.minikv.engine.EngineStats;
import io.minikv.net.MiniKvServer;

/**
 * The engine's table against a {@code ConcurrentHashMap<ByteArrayKey, byte[]>} baseline in the same run: 1M keys of
 * 16 B with 100 B values; get-hit, get-miss, set-overwrite, set-insert and a 90/10 get/set mix.
 * <p>
 * Both sides do what a server does per command: the engine reads keys from a direct buffer and hands the value to a
 * sink that copies it into a direct output buffer (zero-copy path); the baseline looks up prebuilt key objects (which
 * favours it: a server would have to build one per command; they are equal to, not the same as, the map's own keys, so
 * a hit compares key bytes as the engine does) and copies the value into the same kind of output
 * buffer, and SET stores a fresh copy of the value (a map cannot keep the caller's buffer). {@code chm+parse} removes
 * that advantage from GET: it builds each key from the same buffer the engine reads (a copy, an object, a hash).
 * <p>
 * Run: {@code java -jar jmh/target/benchmarks.jar EngineBenchmark -prof gc}, with {@code -t 2} for two threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EngineBenchmark {
    /** 1M by default; {@code -jvmArgs -Dbench.keys=1000} measures the instructions of a lookup with every line cached. */
    static final int KEYS = Integer.getInteger("bench.keys", 1_000_000);
    static final int KEY_LENGTH = 16;
    static final int VALUE_LENGTH = 100;

    /**
     * Which store: the engine, the engine with a server running on it (its writes then pass the server's EXEC gate
     * and tell its WATCH registry), the JDK map, or the JDK map used as a server would use it ({@code chm+parse}: its
     * GETs start, like the engine's, from the key's bytes in a direct buffer and build the key object from them).
     */
    @Param({"minikv", "minikv+server", "chm", "chm+parse"})
    public String impl;

    boolean parseKeys;

    KvStore store;
    MiniKvServer server;
    ConcurrentHashMap<ByteArrayKey, byte[]> map;
    ByteArrayKey[] keyObjects;
    ByteArrayKey[] missObjects;
    ByteBuffer keyBuffer;
    ByteBuffer missBuffer;
    ByteBuffer valueBuffer;
    byte[] valueBytes;

    static void formatKey(final byte[] into, final String prefix, final long n) {
        final byte[] text = String.format("%s%015d", prefix, n).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, text.length - KEY_LENGTH, into, 0, KEY_LENGTH);
    }

    /** Fills the store with 1M keys. */
    @Setup(Level.Trial)
    public void setUp() {
        keyBuffer = ByteBuffer.allocateDirect(KEYS * KEY_LENGTH);
        missBuffer = ByteBuffer.allocateDirect(KEYS * KEY_LENGTH);
        valueBuffer = ByteBuffer.allocateDirect(VALUE_LENGTH);
        valueBytes = new byte[VALUE_LENGTH];
        for (int i = 0; i < VALUE_LENGTH; i++) {
            valueBytes[i] = (byte) ('a' + i % 26);
        }
        valueBuffer.put(0, valueBytes);
        keyObjects = new ByteArrayKey[KEYS];
        missObjects = new ByteArrayKey[KEYS];
        final byte[] key = new byte[KEY_LENGTH];
        for (int i = 0; i < KEYS; i++) {
            formatKey(key, "k", i);
            keyBuffer.put(i * KEY_LENGTH, key);
            keyObjects[i] = new ByteArrayKey(key.clone());
            formatKey(key, "m", i);
            key[0] = 'm';
            missBuffer.put(i * KEY_LENGTH, key);
            missObjects[i] = new ByteArrayKey(key.clone());
        }
        if (impl.startsWith("minikv")) {
            store = MiniKv.open(KvOptions.builder().initialCapacity(KEYS).activeExpiry(false).build());
            for (int i = 0; i < KEYS; i++) {
                store.set(keyBuffer, i * KEY_LENGTH, KEY_LENGTH, valueBuffer, 0, VALUE_LENGTH, SetArgs.PLAIN);
            }
            final EngineStats stats = EngineStats.of(store);
            System.out.printf("%n[footprint] keys=%d used=%d B (%.1f B/entry) allocated=%d B (%.1f B/entry)%n",
                store.dbsize(), stats.usedMemoryBytes(), stats.usedMemoryBytes() / (double) KEYS,
                stats.allocatedMemoryBytes(), stats.allocatedMemoryBytes() / (double) KEYS);
            if (impl.endsWith("+server")) {
                server = MiniKvServer.builder().port(0).workers(1).store(store).build().start();
            }
        } else {
            parseKeys = impl.endsWith("+parse");
            map = new ConcurrentHashMap<>(KEYS);
            for (int i = 0; i < KEYS; i++) {
                // The map holds its own key objects, equal to but not the ones the benchmarks look up: with the same
                // instances its lookups stop at `==` and never compare key bytes, which a server's parsed key must.
                formatKey(key, "k", i);
                map.put(new ByteArrayKey(key.clone()), valueBytes.clone());
            }
        }
    }

    /** Releases the store. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    /** Per-thread state: a random sequence, an output buffer, an insert counter. */
    @State(Scope.Thread)
    public static class ThreadState {
        private static final java.util.concurrent.atomic.AtomicInteger IDS =
            new java.util.concurrent.atomic.AtomicInteger();
        long seed;
        long inserted;
        long mixed;
        int carry;
        final int id = IDS.incrementAndGet();
        final ByteBuffer out = ByteBuffer.allocateDirect(256);
        final ByteBuffer insertKey = ByteBuffer.allocateDirect(KEY_LENGTH);
        final byte[] insertBytes = new byte[KEY_LENGTH];
        final ValueSink sink = (src, off, len) -> src.getBytes(off, out, 0, len);

        /** Seeds the sequence per thread. */
        @Setup(Level.Trial)
        public void setUp() {
            seed = 0x9E3779B97F4A7C15L * id;
        }

        int next() {
            long x = seed;
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            seed = x;
            return (int) ((x >>> 1) % KEYS);
        }

        /** Writes the next never-used key ("i<thread><counter>") into the insert buffer and its array. */
        void nextInsertKey() {
            final long n = inserted++;
            insertBytes[0] = 'i';
            insertBytes[1] = (byte) ('A' + id);
            long v = n;
            for (int i = KEY_LENGTH - 1; i >= 2; i--) {
                insertBytes[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            insertKey.put(0, insertBytes);
        }
    }

    private int get(final ThreadState t, final ByteBuffer keys, final ByteArrayKey[] objects) {
        final int i = t.next();
        if (store != null) {
            return store.get(keys, i * KEY_LENGTH, KEY_LENGTH, t.sink);
        }
        final ByteArrayKey key;
        if (parseKeys) {
            final byte[] bytes = new byte[KEY_LENGTH];
            keys.get(i * KEY_LENGTH, bytes);
            key = new ByteArrayKey(bytes);
        } else {
            key = objects[i];
        }
        final byte[] v = map.get(key);
        if (v == null) {
            return -1;
        }
        t.out.put(0, v);
        return v.length;
    }

    private boolean overwrite(final ThreadState t) {
        final int i = t.next();
        if (store != null) {
            return store.set(keyBuffer, i * KEY_LENGTH, KEY_LENGTH, valueBuffer, 0, VALUE_LENGTH, SetArgs.PLAIN);
        }
        map.put(keyObjects[i], valueBytes.clone());
        return true;
    }

    /**
     * GET of an existing key.
     *
     * @param t thread state.
     * @return the value length.
     */
    @Benchmark
    public int getHit(final ThreadState t) {
        return get(t, keyBuffer, keyObjects);
    }

    /**
     * GET of an existing key whose index depends on the previous GET's value, so lookups cannot overlap: the latency
     * of one lookup, where {@link #getHit} measures how many a core completes when consecutive ones may overlap.
     *
     * @param t thread state.
     * @return the value length.
     */
    @Benchmark
    public int getHitDependent(final ThreadState t) {
        final int i = (int) ((t.next() + t.carry) % KEYS);
        final int length;
        if (store != null) {
            length = store.get(keyBuffer, i * KEY_LENGTH, KEY_LENGTH, t.sink);
        } else {
            final byte[] v = map.get(keyObjects[i]);
            t.out.put(0, v);
            length = v.length;
        }
        t.carry = t.out.get(length - 1) & 1;
        return length;
    }

    /**
     * GET of a missing key.
     *
     * @param t thread state.
     * @return -1.
     */
    @Benchmark
    public int getMiss(final ThreadState t) {
        return get(t, missBuffer, missObjects);
    }

    /**
     * SET of an existing key.
     *
     * @param t thread state.
     * @return true.
     */
    @Benchmark
    public boolean setOverwrite(final ThreadState t) {
        return overwrite(t);
    }

    /**
     * SET of a new key (the table keeps growing).
     *
     * @param t thread state.
     * @return true.
     */
    @Benchmark
    public boolean setInsert(final ThreadState t) {
        t.nextInsertKey();
        if (store != null) {
            return store.set(t.insertKey, 0, KEY_LENGTH, valueBuffer, 0, VALUE_LENGTH, SetArgs.PLAIN);
        }
        map.put(new ByteArrayKey(t.insertBytes.clone()), valueBytes.clone());
        return true;
    }

    /**
     * 90 % GET hits, 10 % overwrites.
     *
     * @param t thread state.
     * @return a result to consume.
     */
    @Benchmark
    public int mix90get10set(final ThreadState t) {
        if (++t.mixed % 10 != 0) {
            return get(t, keyBuffer, keyObjects);
        }
        return overwrite(t) ? 1 : 0;
    }
}
