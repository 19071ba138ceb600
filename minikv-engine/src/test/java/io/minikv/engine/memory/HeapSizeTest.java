package io.minikv.engine.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.vm.VM;

import io.minikv.engine.keyspace.ObjectValue;
import io.minikv.engine.type.hash.FieldMap;
import io.minikv.engine.type.list.ListValue;
import io.minikv.engine.type.set.MemberSet;
import io.minikv.engine.type.zset.SortedSet;

/**
 * The collection values' footprint estimates against JOL's walk of their real object graphs on this JVM: the
 * constants of {@link HeapSize} and of each structure must describe the actual layouts, through growth, updates and
 * shrinking.
 */
class HeapSizeTest {
    private final SplittableRandom random = new SplittableRandom(7);

    @BeforeAll
    static void requireTheModelledLayout() {
        // The estimates model compressed oops and class pointers (heaps below 32 GB, the default).
        Assumptions.assumeTrue(VM.current().arrayIndexScale("java.lang.Object") == HeapSize.REFERENCE
            && VM.current().objectHeaderSize() == HeapSize.OBJECT_HEADER
            && VM.current().arrayHeaderSize() == HeapSize.ARRAY_HEADER, "compressed oops and class pointers");
    }

    private static long measured(final Object root) {
        return GraphLayout.parseInstance(root).totalSize();
    }

    private byte[] bytes(final int max) {
        final byte[] b = new byte[random.nextInt(max)];
        random.nextBytes(b);
        return b;
    }

    private static void assertEstimate(final ObjectValue value, final long sharedBytes) {
        assertThat(value.memoryBytes()).as(value.type() + " estimate").isEqualTo(measured(value) - sharedBytes);
    }

    @Test
    void shouldMatchTheHelpers() {
        assertThat(HeapSize.byteArray(0)).isEqualTo(VM.current().sizeOf(new byte[0]));
        assertThat(HeapSize.byteArray(1)).isEqualTo(VM.current().sizeOf(new byte[1]));
        assertThat(HeapSize.byteArray(9)).isEqualTo(VM.current().sizeOf(new byte[9]));
        assertThat(HeapSize.referenceArray(3)).isEqualTo(VM.current().sizeOf(new Object[3]));
        assertThat(HeapSize.referenceArray(3)).isEqualTo(VM.current().sizeOf(new int[3]));
        assertThat(HeapSize.longArray(5)).isEqualTo(VM.current().sizeOf(new long[5]));
    }

    @Test
    void shouldEstimateSetsExactly() {
        final MemberSet set = new MemberSet();
        set.add(new byte[] {1});
        assertEstimate(set, 0);
        for (int i = 0; i < 3000; i++) {
            set.add(bytes(40));
        }
        assertEstimate(set, 0);
        for (int i = 0; i < 2900; i++) {
            set.pop(random);
        }
        assertEstimate(set, 0);
        assertEstimate(set.copy(), 0);
    }

    @Test
    void shouldEstimateHashesExactly() {
        final FieldMap map = new FieldMap();
        for (int i = 0; i < 2000; i++) {
            map.put(("f" + i).getBytes(), bytes(100));
        }
        assertEstimate(map, 0);
        for (int i = 0; i < 2000; i += 3) {
            map.put(("f" + i).getBytes(), bytes(10));
            map.remove(("f" + (i + 1)).getBytes());
        }
        assertEstimate(map, 0);
        map.replace(map.at(0), new byte[500]);
        assertEstimate(map, 0);
    }

    @Test
    void shouldEstimateListsExactly() {
        final ListValue list = new ListValue();
        for (int i = 0; i < 1000; i++) {
            list.ring().addLast(bytes(60));
            list.ring().addFirst(bytes(5));
        }
        list.ring().insert(500, new byte[70]);
        list.ring().set(3, new byte[33]);
        assertEstimate(list, 0);
        list.ring().removeFirst(300);
        list.ring().removeLast(300);
        list.ring().remove(10);
        list.ring().removeMatching(new byte[0], 0, false);
        list.ring().pollFirst();
        list.ring().pollLast();
        assertEstimate(list, 0);
        assertEstimate(list.copy(), 0);
    }

    @Test
    void shouldEstimateSortedSetsToWithinTheSharedEmptyArrays() {
        // Single-level nodes point at two shared empty arrays, which JOL counts once and the estimate not at all.
        final long shared = 2L * HeapSize.ARRAY_HEADER;
        final SortedSet zset = new SortedSet(11);
        for (int i = 0; i < 3000; i++) {
            zset.add(random.nextInt(100), bytes(30), 0);
        }
        assertEstimate(zset, shared);
        for (int i = 0; i < 1000; i++) {
            zset.delete(zset.first());
        }
        zset.removeRankRange(0, 500);
        zset.add(1, new byte[] {1, 2}, SortedSet.IN_INCR);
        assertEstimate(zset, shared);
        assertEstimate(zset.copy(), shared);
    }
}
