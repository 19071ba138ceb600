package io.minikv.api;

/**
 * The commands of Redis's {@code hyperloglog} group: PFADD, PFCOUNT and PFMERGE.
 * <p>
 * A HyperLogLog is a string value in Redis 7's exact format: a 16-byte header ({@code HYLL}, the encoding, a
 * cached cardinality) and 16384 six-bit registers, stored sparse (run-length opcodes) while small and dense (12 KB)
 * past {@code hll-sparse-max-bytes} (3000 by default). GET returns the same bytes Redis would, a value SET from a
 * Redis HyperLogLog works here, and every estimate is the one Redis answers for the same elements: a standard error
 * of 0.81 %. Elements are hashed with MurmurHash64A, so only their bytes matter.
 * <p>
 * One of the command groups {@link KvStore} is made of; concurrency, nulls and errors are as {@link KvStore}
 * describes them. Every method throws {@link KvException} WRONGTYPE for a key holding a non-string,
 * {@link KvError#HLL_WRONGTYPE} for a string that is not a HyperLogLog, and {@link KvError#HLL_CORRUPTED} for a
 * HyperLogLog whose sparse opcodes do not cover exactly 16384 registers.
 */
public interface KvHyperLogLogs {

    /**
     * {@code PFADD key [element ...]}: adds the elements, creating the key (sparse) when missing; keeps the TTL. O(1)
     * per element (O(N) in the sparse size while sparse). The key counts as modified (WATCH) only when this returns 1.
     *
     * @param key the key.
     * @param elements the elements, possibly none (then only creates the key).
     * @return 1 when the key was created or an internal register changed (the estimate may have changed), else 0.
     * @throws KvException WRONGTYPE, HLL_WRONGTYPE, HLL_CORRUPTED.
     */
    long pfadd(byte[] key, byte[]... elements);

    /**
     * {@code PFCOUNT key [key ...]}: the estimated number of distinct elements added to the key, or, for several
     * keys, to their union (computed aside, from the keys as of one instant; they are not changed). With one key the
     * estimate is cached in the value's header until the next change, which writes the key (and counts as a
     * modification for WATCH) as in Redis. O(1) with a valid cache, else O(N) in the number of keys.
     *
     * @param keys one or more keys; missing ones count as empty.
     * @return the estimate, 0 when every key is missing.
     * @throws KvException WRONGTYPE, HLL_WRONGTYPE, HLL_CORRUPTED, for the first bad key in order.
     * @throws IllegalArgumentException when no key is given.
     */
    long pfcount(byte[]... keys);

    /**
     * {@code PFMERGE destkey [sourcekey ...]}: stores the union of the destination (if it exists) and the sources
     * in the destination, creating it when missing; it is dense when any input is. Keeps the destination's TTL.
     * O(N) in the number of keys. Atomic: the keys are read and the destination written as of one instant.
     *
     * @param destkey the destination.
     * @param sourcekeys the sources; missing ones count as empty.
     * @throws KvException WRONGTYPE, HLL_WRONGTYPE, HLL_CORRUPTED; the destination is then unchanged.
     */
    void pfmerge(byte[] destkey, byte[]... sourcekeys);
}
