package io.minikv.engine.persist;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.minikv.MiniKv;
import io.minikv.api.ExpireCondition;
import io.minikv.api.FieldValue;
import io.minikv.api.KvException;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.engine.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random writes of every type over several databases, then save, reopen and compare everything readable (values,
 * types, deadlines), over several generations with the clock moving between them so that some keys expire while the
 * store is down. Seeded: {@code -Dminikv.snapshot.seed=...} replays a failure.
 */
class SnapshotModelTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void shouldReloadWhatWasSaved() {
        final long seed = Long.getLong("minikv.snapshot.seed", System.nanoTime());
        final Random random = new Random(seed);
        final ManualClock clock = new ManualClock(T0);
        final KvOptions options = KvOptions.builder().dataDirectory(dir).clock(clock).activeExpiry(false)
            .databases(4).build();
        KvStore store = MiniKv.open(options);
        try {
            for (int generation = 0; generation < 6; generation++) {
                for (int i = 0; i < 3_000; i++) {
                    write(store.database(random.nextInt(4)), random, clock.millis());
                }
                clock.advance(random.nextInt(2_000));
                final Map<String, String> saved = StoreDump.of(store);
                store.save();
                store.close();
                clock.advance(random.nextInt(3_000));
                store = MiniKv.open(options);
                assertThat(StoreDump.of(store)).as("seed %d, generation %d", seed, generation)
                    .isEqualTo(withoutExpired(saved, clock.millis()));
            }
        } finally {
            store.close();
        }
    }

    /** What a dump taken earlier shows at {@code now}: keys whose deadline passed are gone. */
    private static Map<String, String> withoutExpired(final Map<String, String> dump, final long now) {
        final Map<String, String> out = new TreeMap<>();
        dump.forEach((key, value) -> {
            final int at = value.indexOf(" at=") + 4;
            final long deadline = Long.parseLong(value.substring(at, value.indexOf(' ', at)));
            if (deadline < 0 || now <= deadline) {
                out.put(key, value);
            }
        });
        return out;
    }

    private static byte[] bytes(final Random random, final int max) {
        final byte[] b = new byte[random.nextInt(max + 1)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 'a' + random.nextInt(4));
        }
        return b;
    }

    private static void write(final KvStore db, final Random random, final long now) {
        final byte[] key = ("k" + random.nextInt(300)).getBytes(UTF_8);
        try {
            switch (random.nextInt(10)) {
                case 0:
                case 1:
                    db.set(key, bytes(random, random.nextInt(50) == 0 ? 40_000 : 20));
                    break;
                case 2:
                    db.rpush(key, bytes(random, 8), bytes(random, 8));
                    break;
                case 3:
                    db.sadd(key, bytes(random, 3));
                    break;
                case 4:
                    db.zadd(key, random.nextInt(20) - 10 + (random.nextBoolean() ? 0.5 : 0), bytes(random, 3));
                    break;
                case 5:
                    db.hset(key, List.of(new FieldValue(bytes(random, 3), bytes(random, 100))));
                    break;
                case 6:
                    db.pexpireat(key, now + 1 + random.nextInt(5_000), ExpireCondition.ALWAYS);
                    break;
                case 7:
                    db.persist(key);
                    break;
                case 8:
                    db.del(key);
                    break;
                default:
                    db.lpop(key);
                    break;
            }
        } catch (final KvException wrongType) {
            // A write against a key of another type is refused; the model is the store itself.
        }
    }
}
