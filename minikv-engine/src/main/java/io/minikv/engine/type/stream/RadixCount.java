package io.minikv.engine.type.stream;

import io.minikv.api.StreamId;

/**
 * Counts the nodes of Redis's radix tree ({@code rax.c}) over a set of stream node keys, for XINFO STREAM's
 * {@code radix-tree-nodes}. A rax of equal-length keys inserted one by one takes the shape of the canonical
 * compressed trie: a compressed node for each run of bytes all keys below it share, a branching node where they
 * differ, and an empty node where each key ends. Thread-safe (stateless).
 */
final class RadixCount {
    private static final int KEY_LENGTH = 16;

    private RadixCount() {
    }

    /** Returns an ID as Redis's rax key: ms then seq, big-endian. */
    static byte[] key(final StreamId id) {
        final byte[] k = new byte[KEY_LENGTH];
        for (int i = 0; i < 8; i++) {
            k[i] = (byte) (id.ms() >>> (56 - 8 * i));
            k[8 + i] = (byte) (id.seq() >>> (56 - 8 * i));
        }
        return k;
    }

    /**
     * Counts the nodes below depth {@code depth} of the sorted, distinct keys {@code [from, to)}.
     *
     * @return the node count, the node at this depth included.
     */
    static long nodes(final byte[][] keys, final int from, final int to, final int depth) {
        if (depth == KEY_LENGTH) {
            return 1;
        }
        // Sorted keys: the shared run of all of them is the shared run of the first and the last.
        int common = depth;
        while (common < KEY_LENGTH && keys[from][common] == keys[to - 1][common]) {
            common++;
        }
        if (common > depth) {
            return 1 + nodes(keys, from, to, common);
        }
        long count = 1;
        int start = from;
        while (start < to) {
            int end = start + 1;
            while (end < to && keys[end][depth] == keys[start][depth]) {
                end++;
            }
            count += nodes(keys, start, end, depth + 1);
            start = end;
        }
        return count;
    }
}
