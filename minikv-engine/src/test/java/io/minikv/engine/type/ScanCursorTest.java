package io.minikv.engine.type;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Redis's reverse-binary cursor step: every bucket once per iteration, high bits first, in 64 and 32 bits. */
class ScanCursorTest {

    @Test
    void shouldVisitEveryBucketOnceHighBitsFirst() {
        final List<Long> order = new ArrayList<>();
        long cursor = 0;
        do {
            order.add(cursor);
            cursor = ScanCursor.next(cursor, 7L);
        } while (cursor != 0);
        assertThat(order).containsExactly(0L, 4L, 2L, 6L, 1L, 5L, 3L, 7L);
        for (final int mask : new int[] {0, 1, 15, 1023}) {
            final Set<Integer> seen = new HashSet<>();
            int c = 0;
            do {
                assertThat(seen.add(c)).isTrue();
                c = ScanCursor.next(c, mask);
            } while (c != 0);
            assertThat(seen).hasSize(mask + 1);
        }
    }

    @Test
    void shouldContinueOnADoubledTableWithoutSkippingVisitedBuckets() {
        // After buckets 0 and 4 of 8 the cursor is 2; in a table of 16 the buckets left are exactly those whose low
        // three bits were not visited yet (0/8 and 4/12 are done).
        final Set<Long> rest = new HashSet<>();
        long cursor = 2;
        do {
            rest.add(cursor);
            cursor = ScanCursor.next(cursor, 15L);
        } while (cursor != 0);
        assertThat(rest).containsExactlyInAnyOrder(2L, 10L, 6L, 14L, 1L, 9L, 5L, 13L, 3L, 11L, 7L, 15L);
    }
}
