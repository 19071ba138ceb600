package io.minikv.bench.engine;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

import io.minikv.MiniKv;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.SetArgs;

/**
 * {@link EngineBenchmark#getHit}'s work as a plain loop, for counting the instructions of one GET under
 * {@code valgrind --tool=callgrind} ({@code bench/get-instructions.sh}): a count that, unlike a throughput, does not
 * depend on what else the machine is doing.
 * <p>
 * It warms the loop up, prints {@code ready}, waits for the file {@code <dir>/go}, runs the measured GETs, prints
 * {@code measured}, and waits for {@code <dir>/stop}, so the script can switch callgrind's instrumentation on and off
 * around exactly the measured loop. Arguments: {@code minikv|chm}, the number of measured GETs, the handshake
 * directory; the number of keys is {@link EngineBenchmark#KEYS} ({@code -Dbench.keys}).
 */
public final class GetLoop {
    private static final int WARM_ROUNDS = 40;
    private static final int WARM_GETS = 100_000;

    private final ByteBuffer keyBuffer;
    private final ByteArrayKey[] keyObjects;
    /** The benchmark's per-thread state: the same key sequence, output buffer and sink. */
    private final EngineBenchmark.ThreadState thread = new EngineBenchmark.ThreadState();
    private KvStore store;
    private ConcurrentHashMap<ByteArrayKey, byte[]> map;

    private GetLoop(final String impl) {
        final int keys = EngineBenchmark.KEYS;
        thread.setUp();
        keyBuffer = ByteBuffer.allocateDirect(keys * EngineBenchmark.KEY_LENGTH);
        keyObjects = new ByteArrayKey[keys];
        final byte[] key = new byte[EngineBenchmark.KEY_LENGTH];
        final byte[] value = new byte[EngineBenchmark.VALUE_LENGTH];
        final ByteBuffer valueBuffer = ByteBuffer.allocateDirect(value.length);
        if ("minikv".equals(impl)) {
            store = MiniKv.open(KvOptions.builder().initialCapacity(keys).activeExpiry(false).build());
        } else if ("chm".equals(impl)) {
            map = new ConcurrentHashMap<>(keys);
        } else {
            throw new IllegalArgumentException("impl: minikv or chm, not " + impl);
        }
        for (int i = 0; i < keys; i++) {
            EngineBenchmark.formatKey(key, "k", i);
            keyBuffer.put(i * EngineBenchmark.KEY_LENGTH, key);
            keyObjects[i] = new ByteArrayKey(key.clone());
            if (store != null) {
                store.set(keyBuffer, i * EngineBenchmark.KEY_LENGTH, key.length, valueBuffer, 0, value.length,
                    SetArgs.PLAIN);
            } else {
                map.put(new ByteArrayKey(key.clone()), value.clone());
            }
        }
    }

    private long run(final int gets) {
        long sum = 0;
        if (store != null) {
            for (int i = 0; i < gets; i++) {
                sum += store.get(keyBuffer, thread.next() * EngineBenchmark.KEY_LENGTH, EngineBenchmark.KEY_LENGTH,
                    thread.sink);
            }
        } else {
            for (int i = 0; i < gets; i++) {
                final byte[] v = map.get(keyObjects[thread.next()]);
                thread.out.put(0, v);
                sum += v.length;
            }
        }
        return sum;
    }

    private static void await(final Path file) throws InterruptedException {
        while (!Files.exists(file)) {
            Thread.sleep(20);
        }
    }

    /**
     * Runs the loop.
     *
     * @param args impl, measured GETs, handshake directory.
     * @throws Exception on a failed handshake.
     */
    public static void main(final String[] args) throws Exception {
        final GetLoop loop = new GetLoop(args[0]);
        final int gets = Integer.parseInt(args[1]);
        final Path dir = Path.of(args[2]);
        long sum = 0;
        for (int r = 0; r < WARM_ROUNDS; r++) {
            sum += loop.run(WARM_GETS);
        }
        System.out.println("ready " + sum);
        await(dir.resolve("go"));
        sum += loop.run(gets);
        System.out.println("measured " + sum);
        await(dir.resolve("stop"));
        if (loop.store != null) {
            loop.store.close();
        }
    }
}
