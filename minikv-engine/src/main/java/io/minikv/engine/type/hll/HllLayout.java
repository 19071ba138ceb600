package io.minikv.engine.type.hll;

/**
 * The byte layout of a HyperLogLog string value, exactly Redis's ({@code hyperloglog.c}), so that values move between
 * Redis and mini-kv with GET, SET, DUMP-free copies and snapshots.
 * <pre>
 *   0        4   5         8                      16
 *   +--------+---+---------+----------------------+---------------------------------------+
 *   |  HYLL  | E | unused  | cached cardinality   | registers (dense) or opcodes (sparse) |
 *   +--------+---+---------+----------------------+---------------------------------------+
 *   E: 0 dense, 1 sparse. Cardinality: 64-bit little endian; bit 7 of byte 15 set means "stale, recompute".
 *
 *   dense: 16384 registers of 6 bits, 12288 bytes, each register from the low bits of its byte upwards:
 *   +--------+--------+--------+--
 *   |11000000|22221111|33333322|55444444 ...     (register 0 is the low 6 bits of the first byte)
 *   +--------+--------+--------+--
 *
 *   sparse opcodes, run-length over the registers in order, covering exactly 16384 of them:
 *   ZERO   00xxxxxx            xxxxxx + 1 registers (1..64) are 0
 *   XZERO  01xxxxxx yyyyyyyy   xxxxxxyyyyyyyy + 1 registers (1..16384) are 0
 *   VAL    1vvvvvxx            xx + 1 registers (1..4) hold vvvvv + 1 (1..32)
 * </pre>
 * Not instantiable: constants and offset functions only.
 */
public final class HllLayout {
    /** The magic bytes "HYLL". */
    public static final int MAGIC_OFFSET = 0;
    /** The encoding byte: {@link #DENSE} or {@link #SPARSE}. */
    public static final int ENCODING_OFFSET = MAGIC_OFFSET + 4;
    /** Three bytes Redis leaves unused (kept as found). */
    public static final int UNUSED_OFFSET = ENCODING_OFFSET + 1;
    /** The cached cardinality, little endian. */
    public static final int CARD_OFFSET = UNUSED_OFFSET + 3;
    /** The byte holding the cache's "invalid" bit (its bit 7). */
    public static final int CARD_MSB_OFFSET = CARD_OFFSET + 7;
    /** Where the registers or opcodes start: the header's size. */
    public static final int HEADER_SIZE = CARD_OFFSET + 8;

    /** Dense encoding. */
    public static final int DENSE = 0;
    /** Sparse encoding. */
    public static final int SPARSE = 1;

    /** log2 of the register count. */
    public static final int P = 14;
    /** The hash bits left for the zero-run length once the register index is taken. */
    public static final int Q = 64 - P;
    /** The number of registers. */
    public static final int REGISTERS = 1 << P;
    /** Bits per dense register. */
    public static final int BITS = 6;
    /** The largest dense register value. */
    public static final int REGISTER_MAX = (1 << BITS) - 1;
    /** The length of every dense value. */
    public static final int DENSE_SIZE = HEADER_SIZE + (REGISTERS * BITS + 7) / 8;

    /** The largest value a sparse VAL opcode holds; a larger register forces the dense encoding. */
    public static final int SPARSE_VAL_MAX_VALUE = 32;
    /** The longest run of one VAL opcode. */
    public static final int SPARSE_VAL_MAX_LEN = 4;
    /** The longest run of one ZERO opcode. */
    public static final int SPARSE_ZERO_MAX_LEN = 64;
    /** The longest run of one XZERO opcode. */
    public static final int SPARSE_XZERO_MAX_LEN = 16384;
    /** Redis's default for {@code hll-sparse-max-bytes}: the largest sparse value, header included. */
    public static final long DEFAULT_SPARSE_MAX_BYTES = 3000;

    private HllLayout() {
    }

    /**
     * Returns whether the opcode byte is ZERO.
     *
     * @param op the opcode byte.
     * @return true for 00xxxxxx.
     */
    public static boolean isZero(final int op) {
        return (op & 0xc0) == 0;
    }

    /**
     * Returns whether the opcode byte starts an XZERO.
     *
     * @param op the opcode byte.
     * @return true for 01xxxxxx.
     */
    public static boolean isXzero(final int op) {
        return (op & 0xc0) == 0x40;
    }

    /**
     * Returns whether the opcode byte is VAL.
     *
     * @param op the opcode byte.
     * @return true for 1vvvvvxx.
     */
    public static boolean isVal(final int op) {
        return (op & 0x80) != 0;
    }

    /**
     * Returns the run of a ZERO opcode.
     *
     * @param op the opcode byte.
     * @return 1 to 64.
     */
    public static int zeroLen(final int op) {
        return (op & 0x3f) + 1;
    }

    /**
     * Returns the run of an XZERO opcode.
     *
     * @param op the first byte.
     * @param next the second byte.
     * @return 1 to 16384.
     */
    public static int xzeroLen(final int op, final int next) {
        return ((op & 0x3f) << 8 | next & 0xff) + 1;
    }

    /**
     * Returns the register value of a VAL opcode.
     *
     * @param op the opcode byte.
     * @return 1 to 32.
     */
    public static int valValue(final int op) {
        return (op >> 2 & 0x1f) + 1;
    }

    /**
     * Returns the run of a VAL opcode.
     *
     * @param op the opcode byte.
     * @return 1 to 4.
     */
    public static int valLen(final int op) {
        return (op & 0x3) + 1;
    }

    /**
     * Encodes a VAL opcode.
     *
     * @param value 1 to 32.
     * @param len 1 to 4.
     * @return the opcode byte.
     */
    public static byte val(final int value, final int len) {
        return (byte) ((value - 1) << 2 | (len - 1) | 0x80);
    }

    /**
     * Encodes a ZERO opcode.
     *
     * @param len 1 to 64.
     * @return the opcode byte.
     */
    public static byte zero(final int len) {
        return (byte) (len - 1);
    }
}
