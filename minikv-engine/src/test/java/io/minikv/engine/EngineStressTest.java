package io.minikv.engine;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.ExpireCondition;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.ValueSink;

/**
 * Several threads doing mixed set/get/del/expire on overlapping keys while segments grow: every value carries a
 * checksum (no torn reads), each thread checks its own private keys (no lost writes), and no operation may throw.
 * Bounded to a couple of seconds; {@code -Dminikv.stress.seconds=60} runs longer.
 */
@Tag("stress")
class EngineStressTest {
    private static final int THREADS = 4;
    private static final int SHARED_KEYS = 2000;

    static byte[] checksummed(final Random random, final int length) {
        final byte[] v = new byte[8 + length];
        for (int i = 8; i < v.length; i++) {
            v[i] = (byte) random.nextInt();
        }
        final CRC32 crc = new CRC32();
        crc.update(v, 8, length);
        ByteBuffer.wrap(v).putLong(0, crc.getValue() ^ length);
        return v;
    }

    static boolean valid(final byte[] v, final int length) {
        if (length < 8) {
            return false;
        }
        final CRC32 crc = new CRC32();
        crc.update(v, 8, length - 8);
        return ByteBuffer.wrap(v).getLong(0) == (crc.getValue() ^ (length - 8));
    }

    @Test
    void shouldNeverTearLoseOrThrowUnderConcurrency() throws InterruptedException {
        final long seconds = Long.getLong("minikv.stress.seconds", 2);
        final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        try (KvStore store = MiniKv.open(KvOptions.builder().initialCapacity(1).build())) {
            final long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            final CountDownLatch done = new CountDownLatch(THREADS);
            final List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int id = t;
                final Thread thread = new Thread(() -> {
                    try {
                        work(store, id, deadline);
                    } catch (final Throwable e) {
                        failures.add(e);
                    } finally {
                        done.countDown();
                    }
                }, "stress-" + t);
                threads.add(thread);
                thread.start();
            }
            done.await();
            assertThat(failures).isEmpty();
        }
    }

    private static void work(final KvStore store, final int id, final long deadline) {
        final Random random = new Random(id * 7919L);
        final Map<String, byte[]> mine = new HashMap<>();
        final byte[] out = new byte[16 * 1024];
        final int[] outLength = new int[1];
        final ValueSink sink = (src, off, len) -> {
            if (len <= out.length) {
                src.getBytes(off, out, 0, len);
            }
            outLength[0] = len;
        };
        final ByteBuffer keyBuffer = ByteBuffer.allocateDirect(64);
        long ops = 0;
        int privateCount = 0;
        while (System.nanoTime() < deadline || ops < 20_000) {
            ops++;
            final int op = random.nextInt(100);
            final byte[] shared = ("s" + random.nextInt(SHARED_KEYS)).getBytes(ISO_8859_1);
            if (op < 25) {
                store.set(shared, checksummed(random, random.nextInt(random.nextInt(10) == 0 ? 3000 : 60)));
            } else if (op < 55) {
                final byte[] v = store.get(shared);
                if (v != null && !valid(v, v.length)) {
                    throw new AssertionError("torn value at " + new String(shared, ISO_8859_1));
                }
            } else if (op < 70) {
                keyBuffer.clear();
                keyBuffer.put(shared);
                final int len = store.get(keyBuffer, 0, shared.length, sink);
                if (len >= 0 && (len != outLength[0] || (len <= out.length && !valid(out, len)))) {
                    throw new AssertionError("torn zero-copy value at " + new String(shared, ISO_8859_1));
                }
            } else if (op < 75) {
                store.del(shared);
            } else if (op < 80) {
                store.pexpire(shared, random.nextInt(5), ExpireCondition.ALWAYS);
            } else if (op < 95) {
                final String key = "p" + id + ":" + (random.nextInt(4) == 0 && privateCount > 0
                    ? random.nextInt(privateCount) : privateCount++);
                final byte[] v = checksummed(random, random.nextInt(100));
                store.set(key.getBytes(ISO_8859_1), v);
                mine.put(key, v);
            } else {
                if (privateCount > 0) {
                    final String key = "p" + id + ":" + random.nextInt(privateCount);
                    assertThat(store.get(key.getBytes(ISO_8859_1))).as(key).isEqualTo(mine.get(key));
                }
            }
        }
        for (final Map.Entry<String, byte[]> e : mine.entrySet()) {
            assertThat(store.get(e.getKey().getBytes(ISO_8859_1))).as(e.getKey()).isEqualTo(e.getValue());
        }
    }
}
