package io.minikv.api;

/**
 * The options of {@code ZADD}: condition (NX, XX), comparison (GT, LT) and CH. INCR is a separate method,
 * {@link KvSortedSets#zaddIncr}.
 *
 * @param nx only add new members, never update.
 * @param xx only update existing members, never add.
 * @param gt only update when the new score is greater than the current one; new members are still added.
 * @param lt only update when the new score is less than the current one; new members are still added.
 * @param ch count changed members (added plus updated) instead of only added ones.
 */
public record ZAddArgs(boolean nx, boolean xx, boolean gt, boolean lt, boolean ch) {
    /** Plain {@code ZADD}: add or update, count added members. */
    public static final ZAddArgs PLAIN = new ZAddArgs(false, false, false, false, false);

    /**
     * Validates the combination in Redis's order.
     *
     * @param nx only add.
     * @param xx only update.
     * @param gt only raise.
     * @param lt only lower.
     * @param ch count changes.
     * @throws KvException {@link KvError#ZADD_NX_XX} for NX with XX, {@link KvError#ZADD_GT_LT_NX} for GT with LT or
     *     either with NX.
     */
    public ZAddArgs {
        if (nx && xx) {
            throw KvError.ZADD_NX_XX.exception();
        }
        if ((gt && nx) || (lt && nx) || (gt && lt)) {
            throw KvError.ZADD_GT_LT_NX.exception();
        }
    }
}
