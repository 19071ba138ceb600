package io.minikv.api;

/**
 * One end of a score interval, as Redis writes it: {@code 1.5} (inclusive), {@code (1.5} (exclusive), {@code -inf}
 * and {@code +inf}.
 *
 * @param value the bound; may be infinite, never NaN.
 * @param exclusive whether the bound itself is excluded.
 */
public record ScoreBound(double value, boolean exclusive) {
    /** {@code -inf}: below every score. */
    public static final ScoreBound NEG_INF = new ScoreBound(Double.NEGATIVE_INFINITY, false);
    /** {@code +inf}: above every score. */
    public static final ScoreBound POS_INF = new ScoreBound(Double.POSITIVE_INFINITY, false);

    /**
     * Validates the value.
     *
     * @param value the bound.
     * @param exclusive whether the bound itself is excluded.
     * @throws KvException {@link KvError#MIN_MAX_NOT_FLOAT} when the value is NaN.
     */
    public ScoreBound {
        if (Double.isNaN(value)) {
            throw KvError.MIN_MAX_NOT_FLOAT.exception();
        }
    }

    /**
     * Returns an inclusive bound.
     *
     * @param value the bound.
     * @return {@code value} as Redis's {@code 1.5}.
     */
    public static ScoreBound inclusive(final double value) {
        return new ScoreBound(value, false);
    }

    /**
     * Returns an exclusive bound.
     *
     * @param value the bound.
     * @return {@code value} as Redis's {@code (1.5}.
     */
    public static ScoreBound exclusive(final double value) {
        return new ScoreBound(value, true);
    }
}
