package io.minikv.engine.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.minikv.engine.memory.MemoryBudget;
import io.minikv.engine.memory.NativeBytes;
import io.minikv.engine.table.KeyHash;

/**
 * Lookups in crowded neighbourhoods: {@link Segment}'s find tries the lowest and highest key of a neighbourhood
 * first and scans the rest, so keys in the middle of a neighbourhood and keys whose 16-bit tags collide must be found
 * (and told apart) as reliably as a key alone at home.
 */
class SegmentLookupTest {
    private static final long BASE = NativeBytes.BYTE_ARRAY_BASE;
    private static final int CAPACITY = 64;
    private static final int MASK = CAPACITY - 1;

    private final Segment segment = new Segment(0, new MemoryBudget(0), CAPACITY);

    private static byte[] key(final int n) {
        return ("key:" + n).getBytes(StandardCharsets.US_ASCII);
    }

    private static long hash(final byte[] key) {
        return KeyHash.hash(key);
    }

    private void put(final byte[] key) {
        final long h = hash(key);
        segment.putString(h, key, BASE, key.length, segment.find(h, key, BASE, key.length), key, BASE, key.length, 0);
    }

    private boolean contains(final byte[] key) {
        final long h = hash(key);
        final int b = segment.find(h, key, BASE, key.length);
        return b >= 0 && java.util.Arrays.equals(segment.key(b), key);
    }

    private int readLength(final byte[] key) {
        return segment.readString(hash(key), key, BASE, key.length, java.time.Clock.systemUTC(), 0, null);
    }

    @Test
    void shouldFindEveryKeyOfACrowdedNeighbourhoodWhateverItsPosition() {
        final List<byte[]> sameHome = new ArrayList<>();
        for (int n = 0; sameHome.size() < 6; n++) {
            if ((hash(key(n)) & MASK) == 5) {
                sameHome.add(key(n));
            }
        }
        for (final byte[] k : sameHome) {
            put(k);
        }
        for (final byte[] k : sameHome) {
            assertThat(contains(k)).as(new String(k, StandardCharsets.US_ASCII)).isTrue();
            assertThat(readLength(k)).isEqualTo(k.length);
        }
        // Remove the middle keys one by one: the remaining ones stay reachable, the removed ones are gone.
        for (int i = 1; i < sameHome.size() - 1; i++) {
            final byte[] k = sameHome.get(i);
            segment.removeKey(hash(k), segment.find(hash(k), k, BASE, k.length));
            assertThat(contains(k)).isFalse();
            assertThat(readLength(k)).isEqualTo(Segment.MISSING);
            for (int j = 0; j < sameHome.size(); j++) {
                if (j == 0 || j > i) {
                    assertThat(contains(sameHome.get(j))).isTrue();
                }
            }
        }
    }

    @Test
    void shouldTellApartKeysWhoseHomeAndTagCollide() {
        // Search for two keys with one home and one tag: the lookup can only tell them apart by their bytes.
        final Map<Long, byte[]> firstBySlot = new HashMap<>();
        byte[][] collision = null;
        for (int n = 0; collision == null; n++) {
            final byte[] k = key(n);
            final long h = hash(k);
            final long slot = ((long) KeyHash.tag(h) << 8) | (h & MASK);
            final byte[] other = firstBySlot.putIfAbsent(slot, k);
            if (other != null) {
                collision = new byte[][] {other, k};
            }
        }
        final byte[] first = collision[0];
        final byte[] second = collision[1];
        put(first);
        assertThat(contains(second)).isFalse();
        put(second);
        assertThat(contains(first)).isTrue();
        assertThat(contains(second)).isTrue();
        segment.removeKey(hash(first), segment.find(hash(first), first, BASE, first.length));
        assertThat(contains(first)).isFalse();
        assertThat(contains(second)).isTrue();
    }

    @Test
    void shouldMissInAnEmptySegmentAndAnEmptyNeighbourhood() {
        assertThat(contains(key(1))).isFalse();
        put(key(1));
        int n = 2;
        while ((hash(key(n)) & MASK) == (hash(key(1)) & MASK)) {
            n++;
        }
        assertThat(contains(key(n))).isFalse();
        assertThat(readLength(key(n))).isEqualTo(Segment.MISSING);
    }
}
