package io.minikv.api;

/**
 * One operation of a {@code BITFIELD} call: GET, SET or INCRBY of a signed ({@code i1}..{@code i64}) or unsigned
 * ({@code u1}..{@code u63}) integer at a bit offset, with the overflow mode in force for it.
 * <p>
 * Offsets are bit offsets (Redis's {@code #N} form is {@code N * bits}, see {@link #typeOffset}); the first bit is
 * the most significant bit of the first byte. Values are validated when the call runs, as Redis does before it
 * touches the key: an invalid type is {@link KvError#BITFIELD_TYPE}, a negative or too large offset
 * {@link KvError#BIT_OFFSET_OUT_OF_RANGE}.
 *
 * @param kind GET, SET or INCRBY.
 * @param signed true for {@code iN}, false for {@code uN}.
 * @param bits the width, 1 to 64 signed, 1 to 63 unsigned.
 * @param offset the bit offset.
 * @param value the value to SET or the increment, ignored for GET.
 * @param overflow what SET and INCRBY do when the value does not fit (Redis's default is WRAP).
 */
public record BitfieldOp(Kind kind, boolean signed, int bits, long offset, long value, Overflow overflow) {

    /** The subcommand. */
    public enum Kind {
        /** Reads the field. */
        GET,
        /** Writes the field, replying with its old value. */
        SET,
        /** Adds to the field, replying with its new value. */
        INCRBY
    }

    /** Redis's {@code OVERFLOW} modes. */
    public enum Overflow {
        /** Wraps around, as C's integer arithmetic. */
        WRAP,
        /** Saturates at the type's minimum or maximum. */
        SAT,
        /** Writes nothing and replies nil. */
        FAIL
    }

    /**
     * Validates the record.
     *
     * @throws NullPointerException when kind or overflow is null.
     */
    public BitfieldOp {
        java.util.Objects.requireNonNull(kind, "kind");
        java.util.Objects.requireNonNull(overflow, "overflow");
    }

    /**
     * {@code GET type offset}.
     *
     * @param type {@code i1}..{@code i64} or {@code u1}..{@code u63}.
     * @param offset the bit offset.
     * @return the operation.
     * @throws KvException BITFIELD_TYPE for an invalid type.
     */
    public static BitfieldOp get(final String type, final long offset) {
        return of(Kind.GET, type, offset, 0, Overflow.WRAP);
    }

    /**
     * {@code SET type offset value} with OVERFLOW WRAP.
     *
     * @param type {@code i1}..{@code i64} or {@code u1}..{@code u63}.
     * @param offset the bit offset.
     * @param value the new value.
     * @return the operation.
     * @throws KvException BITFIELD_TYPE for an invalid type.
     */
    public static BitfieldOp set(final String type, final long offset, final long value) {
        return of(Kind.SET, type, offset, value, Overflow.WRAP);
    }

    /**
     * {@code INCRBY type offset increment} with OVERFLOW WRAP.
     *
     * @param type {@code i1}..{@code i64} or {@code u1}..{@code u63}.
     * @param offset the bit offset.
     * @param increment the amount.
     * @return the operation.
     * @throws KvException BITFIELD_TYPE for an invalid type.
     */
    public static BitfieldOp incrby(final String type, final long offset, final long increment) {
        return of(Kind.INCRBY, type, offset, increment, Overflow.WRAP);
    }

    /**
     * Returns this operation under another OVERFLOW mode (Redis's {@code OVERFLOW} before it).
     *
     * @param mode the mode.
     * @return a copy.
     */
    public BitfieldOp overflow(final Overflow mode) {
        return new BitfieldOp(kind, signed, bits, offset, value, mode);
    }

    /**
     * Returns the bit offset that Redis's {@code #index} form means for a type: {@code index * bits}, wrapping as
     * Redis's C arithmetic does.
     *
     * @param type the type, e.g. {@code u8}.
     * @param index the field index.
     * @return the bit offset.
     * @throws KvException BITFIELD_TYPE for an invalid type.
     */
    public static long typeOffset(final String type, final long index) {
        return index * typeBits(type);
    }

    private static BitfieldOp of(final Kind kind, final String type, final long offset, final long value,
        final Overflow overflow) {
        final int bits = typeBits(type);
        return new BitfieldOp(kind, type.charAt(0) == 'i', bits, offset, value, overflow);
    }

    /**
     * Parses a type as Redis does (lower-case {@code i} or {@code u}, then the width).
     *
     * @param type the type text.
     * @return the width in bits.
     * @throws KvException BITFIELD_TYPE when invalid.
     */
    public static int typeBits(final String type) {
        if (type == null || type.length() < 2 || type.length() > 21
            || type.charAt(0) != 'i' && type.charAt(0) != 'u') {
            throw KvError.BITFIELD_TYPE.exception();
        }
        final long bits;
        try {
            bits = Long.parseLong(type, 1, type.length(), 10);
        } catch (final NumberFormatException e) {
            throw KvError.BITFIELD_TYPE.exception();
        }
        final int max = type.charAt(0) == 'i' ? 64 : 63;
        // Redis's string2ll: no sign and no leading zero.
        if (bits > max || type.charAt(1) < '1' || type.charAt(1) > '9') {
            throw KvError.BITFIELD_TYPE.exception();
        }
        return (int) bits;
    }
}
