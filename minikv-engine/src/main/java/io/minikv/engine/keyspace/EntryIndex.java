package io.minikv.engine.keyspace;

import static io.minikv.engine.memory.EntryLayout.HEADER_LENGTH;
import static io.minikv.engine.memory.EntryLayout.KEY_LENGTH_OFFSET;
import static io.minikv.engine.memory.EntryLayout.KEY_OFFSET;
import static io.minikv.engine.table.TableLayout.NEIGHBOURHOOD;

import java.lang.ref.Reference;

import io.minikv.engine.memory.NativeBytes;
import io.minikv.engine.memory.OffHeapArena;
import io.minikv.engine.memory.OffHeapArena.Chunk;
import io.minikv.engine.table.HopscotchTable;
import io.minikv.engine.table.KeyHash;

/**
 * A {@link HopscotchTable} read as an index of arena entries: its bucket words hold a tag and an
 * {@link OffHeapArena} block address, and the key itself is only in the block. Finding a key therefore reads the
 * arena, and growing the table rehashes every key from it.
 * <p>
 * <b>Threads.</b> Stateless. {@link #find} is safe for optimistic readers (it never faults on torn or reused
 * memory, at worst it returns a wrong bucket that the caller's validation discards); {@link #rehash} runs under the
 * segment's write lock.
 */
final class EntryIndex {
    private EntryIndex() {
    }

    /**
     * Finds a key's bucket; safe on torn memory (every bucket index is bounded, every arena access checked).
     *
     * @param t the table.
     * @param spans the arena's spans, read with the same stamp as {@code t}.
     * @param chunks the arena's chunks, read with the same stamp as {@code t}.
     * @param hash the key hash.
     * @param kb key base.
     * @param ko key offset.
     * @param kl key length.
     * @return the bucket, or -1.
     */
    static int find(final HopscotchTable t, final long[] spans, final Chunk[] chunks, final long hash,
        final Object kb, final long ko, final int kl) {
        return (int) probe(t, spans, chunks, hash, kb, ko, kl, true);
    }

    /**
     * Finds a key's entry, as {@link #find} does, for a reader that needs only the entry: it saves reading the
     * bucket's word again.
     *
     * @param t the table.
     * @param spans the arena's spans, read with the same stamp as {@code t}.
     * @param chunks the arena's chunks, read with the same stamp as {@code t}.
     * @param hash the key hash.
     * @param kb key base.
     * @param ko key offset.
     * @param kl key length.
     * @return the entry's arena address, or 0.
     */
    static long findEntry(final HopscotchTable t, final long[] spans, final Chunk[] chunks, final long hash,
        final Object kb, final long ko, final int kl) {
        return HopscotchTable.addressOf(probe(t, spans, chunks, hash, kb, ko, kl, false));
    }

    /**
     * The lookup behind {@link #find} and {@link #findEntry}.
     * <p>
     * A lookup waits on two cache misses (the bucket, then the entry), and the CPU can only overlap them with the next
     * lookup's if it never has to guess wrong about a branch that depends on them. So the lowest and the highest key
     * of the neighbourhood (all of it for the most common one- and two-key neighbourhoods) are tried first with a
     * branch-free choice between them; only a key in between, or a tag collision, goes on to the other buckets.
     *
     * @param bucket a constant at each call site, folded away once this is inlined: return the bucket (or -1), or
     *     return the bucket's word (or 0), from which the reader takes the entry address already computed here.
     */
    private static long probe(final HopscotchTable t, final long[] spans, final Chunk[] chunks, final long hash,
        final Object kb, final long ko, final int kl, final boolean bucket) {
        final int home = t.home(hash);
        final int tag = KeyHash.tag(hash);
        final long hop = t.hop(home);
        // With an empty neighbourhood both stay at home, so no other cache line is touched; the word there then holds
        // no key of this home, so the tag or the key comparison turns it down (no branch on the bitmap itself).
        final int low = home + (Long.numberOfTrailingZeros(hop) & (NEIGHBOURHOOD - 1));
        final int high = home + (Long.SIZE - 1 - Long.numberOfLeadingZeros(hop | 1));
        final long lowWord = t.word(low);
        final long highWord = t.word(high);
        final long lowMatches = (long) ((HopscotchTable.tagOf(lowWord) ^ tag) - 1) >> Long.SIZE - 1;
        int b = (int) ((low & lowMatches) | (high & ~lowMatches));
        long word = (lowWord & lowMatches) | (highWord & ~lowMatches);
        long rest = hop & ~(1L << (b - home));
        // One comparison site for the first pick and the rest of the neighbourhood keeps the compiled method small
        // enough to be inlined into its callers.
        while (true) {
            if (HopscotchTable.tagOf(word) == tag && holdsKey(spans, chunks, word, kb, ko, kl)) {
                return bucket ? b : word;
            }
            if (rest == 0) {
                return bucket ? -1 : 0;
            }
            b = home + Long.numberOfTrailingZeros(rest);
            rest &= rest - 1;
            word = t.word(b);
        }
    }

    private static boolean holdsKey(final long[] spans, final Chunk[] chunks, final long word, final Object kb,
        final long ko, final int kl) {
        final long e = HopscotchTable.addressOf(word);
        final long na = OffHeapArena.spanAddress(spans, e, HEADER_LENGTH + kl);
        return na != 0 ? keyAt(na, kb, ko, kl) : holdsKeyInBuffer(chunks, e, kb, ko, kl);
    }

    /** The key of an entry in a dedicated buffer, read while {@code c} keeps that buffer from being freed. */
    private static boolean holdsKeyInBuffer(final Chunk[] chunks, final long e, final Object kb, final long ko,
        final int kl) {
        final Chunk c = OffHeapArena.chunkOf(chunks, e);
        final int off = (int) e;
        if (c == null || off < 0 || off > c.capacity - HEADER_LENGTH - kl) {
            return false;
        }
        final boolean holds = keyAt(c.address + off, kb, ko, kl);
        Reference.reachabilityFence(c);
        return holds;
    }

    private static boolean keyAt(final long na, final Object kb, final long ko, final int kl) {
        return NativeBytes.getInt(na + KEY_LENGTH_OFFSET) == kl && NativeBytes.equals(null, na + KEY_OFFSET, kb, ko, kl);
    }

    /**
     * Re-homes every entry of a table into a bigger one (write lock held), rehashing each key from the arena.
     *
     * @param arena the arena the entries live in.
     * @param from the current table.
     * @param to the new, empty table.
     * @return false when some key found no place in {@code to} (try a bigger one).
     */
    static boolean rehash(final OffHeapArena arena, final HopscotchTable from, final HopscotchTable to) {
        final int capacity = from.capacity();
        for (int home = 0; home < capacity; home++) {
            long hop = from.hop(home);
            while (hop != 0) {
                final int b = home + Long.numberOfTrailingZeros(hop);
                hop &= hop - 1;
                final long e = from.entry(b);
                final long na = arena.nativeAddress(e);
                final long hash = KeyHash.hash(null, na + KEY_OFFSET, NativeBytes.getInt(na + KEY_LENGTH_OFFSET));
                if (!to.insert(to.home(hash), KeyHash.tag(hash), e)) {
                    return false;
                }
            }
        }
        return true;
    }
}
