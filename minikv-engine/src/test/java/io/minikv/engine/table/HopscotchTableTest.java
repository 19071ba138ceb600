package io.minikv.engine.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.minikv.engine.memory.NativeBytes;

class HopscotchTableTest {
    @Test
    void shouldKeepEveryKeyWithinItsNeighbourhood() {
        final HopscotchTable t = new HopscotchTable(1024);
        final Random random = new Random(1);
        int stored = 0;
        final long[] hashes = new long[1024];
        for (int i = 0; i < 1024; i++) {
            final long hash = random.nextLong();
            if (t.insert(t.home(hash), KeyHash.tag(hash), i + 1)) {
                hashes[stored++] = hash;
            }
        }
        assertThat(stored).isGreaterThan(950);
        assertThat(t.size()).isEqualTo(stored);
        for (int i = 0; i < stored; i++) {
            assertThat(find(t, hashes[i])).as("key %d", i).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void shouldRefuseInsteadOfLoopingWhenTheNeighbourhoodIsFull() {
        final HopscotchTable t = new HopscotchTable(128);
        for (int i = 0; i < TableLayout.NEIGHBOURHOOD; i++) {
            assertThat(t.insert(5, 0, i + 1)).isTrue();
        }
        assertThat(t.insert(5, 0, 99)).isFalse();
        assertThat(t.size()).isEqualTo(TableLayout.NEIGHBOURHOOD);
        t.remove(5, 5 + 3);
        assertThat(t.insert(5, 7, 99)).isTrue();
        assertThat(t.entry(8)).isEqualTo(99);
        assertThat(HopscotchTable.tagOf(t.word(8))).isEqualTo(7);
        assertThat(t.hop(5)).isEqualTo(-1L);
    }

    private static int find(final HopscotchTable t, final long hash) {
        final int home = t.home(hash);
        long hop = t.hop(home);
        while (hop != 0) {
            final int b = home + Long.numberOfTrailingZeros(hop);
            hop &= hop - 1;
            if (HopscotchTable.tagOf(t.word(b)) == KeyHash.tag(hash)) {
                return b;
            }
        }
        return -1;
    }

    @Test
    void shouldHashKeysIdenticallyWhereverTheyLive() {
        final byte[] key = "user:1234:profile-key".getBytes(StandardCharsets.US_ASCII);
        final long expected = KeyHash.hash(key);
        final ByteBuffer direct = ByteBuffer.allocateDirect(64);
        direct.put(7, key);
        final ByteBuffer heap = ByteBuffer.allocate(64);
        heap.put(3, key);
        final ByteBuffer sliced = ByteBuffer.wrap(new byte[80], 10, 60).slice();
        sliced.put(1, key);
        assertThat(KeyHash.hash(null, NativeBytes.address(direct) + 7, key.length)).isEqualTo(expected);
        assertThat(KeyHash.hash(heap.array(), NativeBytes.offset(heap, 3, key.length), key.length))
            .isEqualTo(expected);
        assertThat(KeyHash.hash(sliced.array(), NativeBytes.offset(sliced, 1, key.length), key.length))
            .isEqualTo(expected);
        assertThat(KeyHash.hash(new byte[0])).isEqualTo(KeyHash.hash(null, NativeBytes.address(direct), 0));
        // XXH3-64 reference value for the empty input with seed 0.
        assertThat(KeyHash.hash(new byte[0])).isEqualTo(0x2D06800538D394C2L);
    }
}
