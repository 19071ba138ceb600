package io.minikv.engine;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.ScanResult;

/** SCAN returns every key present for the whole iteration, also while the tables grow between calls. */
class ScanGuaranteeTest {
    @Test
    void shouldReturnEveryStableKeyAcrossGrowth() {
        try (KvStore store = MiniKv.open(KvOptions.builder().initialCapacity(1).activeExpiry(false).build())) {
            final Set<String> stable = new HashSet<>();
            for (int i = 0; i < 3000; i++) {
                store.set(("stable" + i).getBytes(ISO_8859_1), new byte[1]);
                stable.add("stable" + i);
            }
            final Set<String> seen = new HashSet<>();
            long cursor = 0;
            int round = 0;
            do {
                final ScanResult r = store.scan(cursor, null, 20, null);
                for (final byte[] k : r.keys()) {
                    seen.add(new String(k, ISO_8859_1));
                }
                cursor = r.cursor();
                // Grow the tables between calls: many doublings happen during one iteration.
                for (int i = 0; i < 200 && round < 100; i++) {
                    store.set(("grow" + round + ":" + i).getBytes(ISO_8859_1), new byte[1]);
                }
                round++;
            } while (cursor != 0);
            assertThat(seen).containsAll(stable);
            assertThat(store.dbsize()).isEqualTo(3000 + 100 * 200);
        }
    }

    @Test
    void shouldReturnEveryStableKeyWhileOtherKeysAreDeleted() {
        try (KvStore store = MiniKv.open(KvOptions.builder().activeExpiry(false).build())) {
            for (int i = 0; i < 5000; i++) {
                store.set(("k" + i).getBytes(ISO_8859_1), new byte[1]);
            }
            final Set<String> seen = new HashSet<>();
            long cursor = 0;
            int next = 0;
            do {
                final ScanResult r = store.scan(cursor, null, 7, null);
                r.keys().forEach(k -> seen.add(new String(k, ISO_8859_1)));
                cursor = r.cursor();
                if (next < 2500) {
                    store.del(("k" + (2 * next + 1)).getBytes(ISO_8859_1));
                    next++;
                }
            } while (cursor != 0);
            for (int i = 0; i < 5000; i += 2) {
                assertThat(seen).contains("k" + i);
            }
        }
    }
}
