package io.minikv.engine.persist;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.minikv.MiniKv;
import io.minikv.api.FieldValue;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saves while other threads write: every snapshot loads, and no entry in it is torn (each value is consistent with
 * itself: a string's bytes, a list's or hash's elements all come from one write).
 */
class SnapshotConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void shouldSaveLoadableUntornSnapshotsWhileOthersWrite() throws InterruptedException {
        final KvOptions options = KvOptions.builder().dataDirectory(dir).activeExpiry(false).build();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final List<Thread> writers = new ArrayList<>();
        final KvStore store = MiniKv.open(options);
        try {
            for (int t = 0; t < 2; t++) {
                final int id = t;
                final Thread w = new Thread(() -> {
                    try {
                        for (long i = 0; !stop.get(); i++) {
                            final int k = (int) (i % 500);
                            final byte[] round = Long.toString(i).getBytes(UTF_8);
                            // Each value repeats one round number, so a torn copy would mix two rounds.
                            store.set(("s" + id + ":" + k).getBytes(UTF_8), repeat(round, 1 + k % 50));
                            final byte[] list = ("l" + id + ":" + k % 50).getBytes(UTF_8);
                            store.del(list);
                            store.rpush(list, round, round, round);
                            store.hset(("h" + id + ":" + k % 50).getBytes(UTF_8),
                                List.of(new FieldValue("a".getBytes(UTF_8), round),
                                    new FieldValue("b".getBytes(UTF_8), round)));
                        }
                    } catch (final Throwable e) {
                        failure.set(e);
                    }
                });
                w.start();
                writers.add(w);
            }
            for (int i = 0; i < 10; i++) {
                store.save();
                try (KvStore loaded = MiniKv.open(options)) {
                    assertUntorn(loaded);
                }
            }
        } finally {
            stop.set(true);
            for (final Thread w : writers) {
                w.join();
            }
            store.close();
        }
        assertThat(failure.get()).isNull();
    }

    private static byte[] repeat(final byte[] unit, final int times) {
        final byte[] out = new byte[unit.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(unit, 0, out, i * unit.length, unit.length);
        }
        return out;
    }

    private static void assertUntorn(final KvStore store) {
        for (final byte[] key : store.keys("*".getBytes(UTF_8))) {
            final String name = new String(key, UTF_8);
            switch (name.charAt(0)) {
                case 's': {
                    final String value = new String(store.get(key), UTF_8);
                    final int k = Integer.parseInt(name.substring(name.indexOf(':') + 1));
                    assertThat(value.length() % (1 + k % 50)).isZero();
                    final String unit = value.substring(0, value.length() / (1 + k % 50));
                    assertThat(value).as(name).isEqualTo(unit.repeat(1 + k % 50));
                    break;
                }
                case 'l':
                    assertThat(store.lrange(key, 0, -1)).as(name).hasSize(3)
                        .allSatisfy(e -> assertThat(e).isEqualTo(store.lindex(key, 0)));
                    break;
                default:
                    assertThat(store.hget(key, "a".getBytes(UTF_8))).as(name)
                        .isEqualTo(store.hget(key, "b".getBytes(UTF_8)));
                    break;
            }
        }
    }
}
