package io.minikv.engine.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
            if (t.insert(t.home(hash), KeyHash.tag(hash), entry(i))) {
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
            assertThat(t.insert(5, 0, entry(i))).isTrue();
        }
        assertThat(t.insert(5, 0, entry(99))).isFalse();
        assertThat(t.size()).isEqualTo(TableLayout.NEIGHBOURHOOD);
        t.remove(5, 5 + 3);
        assertThat(t.insert(5, 7, entry(99))).isTrue();
        assertThat(t.entry(8)).isEqualTo(entry(99));
        assertThat(HopscotchTable.tagOf(t.word(8))).isEqualTo(7);
        assertThat(t.hop(5)).isEqualTo(TableLayout.HOP_MASK);
    }

    @Test
    void shouldKeepMostKeysInTheCacheLineOfTheirHomeUpToTheGrowthThreshold() {
        final int capacity = 1 << 16;
        final HopscotchTable t = new HopscotchTable(capacity);
        final Random random = new Random(7);
        final int keys = capacity * 3 / 4;
        for (int i = 0; i < keys; i++) {
            final long hash = random.nextLong();
            assertThat(t.insert(t.home(hash), KeyHash.tag(hash), entry(i))).as("insert %d", i).isTrue();
        }
        final int perLine = 64 / TableLayout.BUCKET_LENGTH;
        int sameLine = 0;
        for (int home = 0; home < capacity; home++) {
            long hop = t.hop(home);
            while (hop != 0) {
                final int b = home + Long.numberOfTrailingZeros(hop);
                hop &= hop - 1;
                assertThat(t.entry(b)).isNotZero();
                if (b / perLine == home / perLine) {
                    sameLine++;
                }
            }
        }
        // 0.86 with this seed; 16-byte buckets (4 to a line) at the old 98 % threshold left half the keys outside.
        assertThat(sameLine / (double) keys).isGreaterThan(0.8);
    }

    @Test
    void shouldKeepHopBitsAndTagsApartFromTheEntryTheyShareAWordWith() {
        final HopscotchTable t = new HopscotchTable(64);
        assertThat(t.insert(10, 3, entry(1))).isTrue();
        assertThat(t.insert(10, 4, entry(2))).isTrue();
        assertThat(t.insert(11, 5, entry(3))).isTrue();
        // Bucket 11 holds a key of home 10 and is itself the home of a key in bucket 12.
        assertThat(t.hop(10)).isEqualTo(0b11);
        assertThat(t.hop(11)).isEqualTo(0b10);
        t.replace(11, entry(9));
        assertThat(t.entry(11)).isEqualTo(entry(9));
        assertThat(HopscotchTable.tagOf(t.word(11))).isEqualTo(4);
        assertThat(t.hop(11)).isEqualTo(0b10);
        t.remove(10, 11);
        assertThat(t.entry(11)).isZero();
        assertThat(t.hop(11)).isEqualTo(0b10);
        assertThat(t.hop(10)).isEqualTo(0b1);
        assertThat(t.entry(12)).isEqualTo(entry(3));
    }

    @Test
    void shouldRejectEntriesItCannotAddress() {
        final HopscotchTable t = new HopscotchTable(64);
        for (final long bad : new long[] {0, 8, 1L << 32 | 4, 1L << 32 | TableLayout.MAX_ENTRY_OFFSET + 8,
            0x1_0000L << 32}) {
            assertThatThrownBy(() -> t.insert(0, 0, bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(t.size()).isZero();
        assertThat(t.insert(0, 1, 0xFFFFL << 32 | TableLayout.MAX_ENTRY_OFFSET)).isTrue();
        assertThat(t.entry(0)).isEqualTo(0xFFFFL << 32 | TableLayout.MAX_ENTRY_OFFSET);
    }

    /** A block address as the arena makes them: chunk slot + 1 in the high int, an 8-aligned offset in the low one. */
    private static long entry(final int i) {
        return (long) (1 + i % 7) << 32 | (long) i * 8 % (TableLayout.MAX_ENTRY_OFFSET + 8);
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
