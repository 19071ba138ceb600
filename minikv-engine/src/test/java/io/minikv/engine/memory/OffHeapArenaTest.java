package io.minikv.engine.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OffHeapArenaTest {
    @Test
    void shouldRoundSizesToClassesWithinOneEighth() {
        int previous = 0;
        for (int size = 1; size <= OffHeapArena.MAX_SMALL_BLOCK; size++) {
            final int cls = OffHeapArena.sizeClass(size);
            final int classSize = OffHeapArena.classSize(cls);
            assertThat(classSize).as("size %d", size).isGreaterThanOrEqualTo(size);
            assertThat(cls).isGreaterThanOrEqualTo(previous).isLessThan(OffHeapArena.CLASS_COUNT);
            if (cls > 0) {
                assertThat(OffHeapArena.classSize(cls - 1)).as("size %d", size).isLessThan(size);
            }
            assertThat(classSize - size).isLessThanOrEqualTo(Math.max(7, size / 8));
            previous = cls;
        }
        assertThat(OffHeapArena.classSize(OffHeapArena.sizeClass(133))).isEqualTo(136);
    }

    @Test
    void shouldReuseFreedBlocks() {
        final MemoryBudget budget = new MemoryBudget(0);
        final OffHeapArena arena = new OffHeapArena(budget);
        final long a = arena.allocate(100);
        final long b = arena.allocate(100);
        assertThat(a).isNotEqualTo(b).isNotZero();
        assertThat(arena.usedBytes()).isEqualTo(208);
        arena.free(a, 100);
        assertThat(arena.allocate(97)).isEqualTo(a);
        final long big = arena.allocate(1_000_000);
        assertThat(arena.allocatedBytes()).isEqualTo(OffHeapArena.MIN_CHUNK + 1_000_000);
        arena.free(big, 1_000_000);
        assertThat(arena.allocatedBytes()).isEqualTo(OffHeapArena.MIN_CHUNK);
        assertThat(budget.allocated()).isEqualTo(OffHeapArena.MIN_CHUNK);
        arena.clear();
        assertThat(budget.allocated()).isZero();
    }

    @Test
    void shouldResolveCarvedBlocksThroughSpansAndLeaveDedicatedBuffersToChunks() {
        final OffHeapArena arena = new OffHeapArena(new MemoryBudget(0));
        final long small = arena.allocate(100);
        final long big = arena.allocate(OffHeapArena.MAX_SMALL_BLOCK + 1);
        final long reused = arena.allocate(100);
        final long[] spans = arena.spans();
        assertThat(OffHeapArena.spanAddress(spans, small, 100)).isEqualTo(arena.nativeAddress(small));
        assertThat(OffHeapArena.spanAddress(spans, reused, 100)).isEqualTo(arena.nativeAddress(reused));
        assertThat(OffHeapArena.spanAddress(spans, big, 1)).as("dedicated buffer").isZero();
        assertThat(OffHeapArena.chunkOf(arena.chunks(), big).address).isEqualTo(arena.nativeAddress(big));
        assertThat(OffHeapArena.spanAddress(spans, small, OffHeapArena.MIN_CHUNK + 1)).as("beyond the chunk").isZero();
        assertThat(OffHeapArena.spanAddress(spans, 0, 1)).as("empty word").isZero();
        assertThat(OffHeapArena.spanAddress(spans, -1L, 1)).as("torn word").isZero();
        assertThat(OffHeapArena.spanAddress(spans, (long) 1000 << 32, 1)).as("unknown slot").isZero();
        assertThat(OffHeapArena.spanAddress(spans, small | 0x8000_0000L, 1)).as("negative offset").isZero();

        // A dedicated buffer's slot, freed and taken by a carved chunk, resolves through the spans from then on.
        arena.free(big, OffHeapArena.MAX_SMALL_BLOCK + 1);
        long carved = 0;
        while ((carved >>> 32) != (big >>> 32)) {
            carved = arena.allocate(4096);
        }
        assertThat(OffHeapArena.spanAddress(arena.spans(), carved, 4096)).isEqualTo(arena.nativeAddress(carved));

        arena.clear();
        assertThat(arena.spans()).isEmpty();
    }

    @Test
    void shouldKeepBlocksApartAcrossChunks() {
        final OffHeapArena arena = new OffHeapArena(new MemoryBudget(0));
        final long[] blocks = new long[20_000];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = arena.allocate(16 + i % 300);
            NativeBytes.putInt(arena.nativeAddress(blocks[i]), i);
        }
        for (int i = 0; i < blocks.length; i++) {
            assertThat(NativeBytes.getInt(arena.nativeAddress(blocks[i]))).isEqualTo(i);
        }
        assertThat(arena.allocatedBytes()).isLessThan(arena.usedBytes() + 2L * OffHeapArena.MAX_CHUNK);
    }

    @Test
    void shouldRefuseChunksBeyondTheBudget() {
        final OffHeapArena arena = new OffHeapArena(new MemoryBudget(OffHeapArena.MIN_CHUNK));
        arena.allocate(1000);
        assertThatThrownBy(() -> arena.allocate(OffHeapArena.MIN_CHUNK))
            .hasMessage("OOM command not allowed when used memory > 'maxmemory'.");
        assertThat(arena.allocate(1000)).isNotZero();
    }

    @Test
    void shouldCarveNewBlocksFromTheChunksItHadBeforeClear() {
        final MemoryBudget budget = new MemoryBudget(0);
        final OffHeapArena arena = new OffHeapArena(budget);
        for (int i = 0; i < 5_000; i++) {
            arena.allocate(1000);
        }
        arena.allocate(100_000);
        final long bumpBytes = arena.allocatedBytes() - 100_000;
        final Set<OffHeapArena.Chunk> before = chunks(arena);
        assertThat(before).hasSizeGreaterThan(3);

        arena.clear();
        assertThat(budget.allocated()).isZero();
        assertThat(arena.allocatedBytes()).isZero();
        assertThat(arena.spareBytes()).as("bump chunks kept, the dedicated buffer dropped").isEqualTo(bumpBytes);

        final long[] blocks = new long[5_000];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = arena.allocate(1000);
            NativeBytes.putInt(arena.nativeAddress(blocks[i]), i);
        }
        for (int i = 0; i < blocks.length; i++) {
            assertThat(NativeBytes.getInt(arena.nativeAddress(blocks[i]))).isEqualTo(i);
        }
        assertThat(arena.spareBytes()).isZero();
        assertThat(arena.allocatedBytes()).isEqualTo(bumpBytes);
        assertThat(budget.allocated()).isEqualTo(bumpBytes);
        assertThat(before).containsAll(chunks(arena));
    }

    @Test
    void shouldKeepSparesTooSmallForABlockForLaterBlocks() {
        final OffHeapArena arena = new OffHeapArena(new MemoryBudget(0));
        arena.allocate(100);
        arena.clear();
        assertThat(arena.spareBytes()).isEqualTo(OffHeapArena.MIN_CHUNK);
        arena.allocate(OffHeapArena.MAX_SMALL_BLOCK);
        assertThat(arena.spareBytes()).isEqualTo(OffHeapArena.MIN_CHUNK);
        arena.clear();
        assertThat(arena.spareBytes()).isEqualTo(OffHeapArena.MIN_CHUNK + (long) OffHeapArena.MAX_SMALL_BLOCK);
        arena.allocate(100);
        assertThat(arena.spareBytes()).isEqualTo(OffHeapArena.MAX_SMALL_BLOCK);
    }

    private static Set<OffHeapArena.Chunk> chunks(final OffHeapArena arena) {
        final Set<OffHeapArena.Chunk> set = Collections.newSetFromMap(new IdentityHashMap<>());
        for (final OffHeapArena.Chunk c : arena.chunks()) {
            if (Objects.nonNull(c)) {
                set.add(c);
            }
        }
        return set;
    }
}
