package io.minikv.api;

/**
 * One end of a member interval for the BYLEX commands, as Redis writes it: {@code [a} (inclusive), {@code (a}
 * (exclusive), {@code -} (below every member) and {@code +} (above every member). Members compare as unsigned
 * bytes, a prefix before its extensions.
 */
public final class LexBound {
    /** {@code -}: below every member. */
    public static final LexBound MIN = new LexBound(null, false, -1);
    /** {@code +}: above every member. */
    public static final LexBound MAX = new LexBound(null, false, 1);

    private final byte[] value;
    private final boolean exclusive;
    private final int infinity;

    private LexBound(final byte[] value, final boolean exclusive, final int infinity) {
        this.value = value;
        this.exclusive = exclusive;
        this.infinity = infinity;
    }

    /**
     * Returns an inclusive bound, Redis's {@code [value}.
     *
     * @param value the member bytes; kept, not copied.
     * @return the bound.
     */
    public static LexBound inclusive(final byte[] value) {
        return new LexBound(value, false, 0);
    }

    /**
     * Returns an exclusive bound, Redis's {@code (value}.
     *
     * @param value the member bytes; kept, not copied.
     * @return the bound.
     */
    public static LexBound exclusive(final byte[] value) {
        return new LexBound(value, true, 0);
    }

    /**
     * Returns the bound's member bytes.
     *
     * @return the bytes, or null for {@link #MIN} and {@link #MAX}.
     */
    public byte[] value() {
        return value;
    }

    /**
     * Returns whether the bound itself is excluded.
     *
     * @return true for {@code (value}.
     */
    public boolean exclusive() {
        return exclusive;
    }

    /**
     * Returns which infinity the bound is.
     *
     * @return -1 for {@link #MIN}, 1 for {@link #MAX}, 0 for a member bound.
     */
    public int infinity() {
        return infinity;
    }

    @Override
    public String toString() {
        if (infinity != 0) {
            return infinity < 0 ? "-" : "+";
        }
        return (exclusive ? "(" : "[") + new String(value, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
