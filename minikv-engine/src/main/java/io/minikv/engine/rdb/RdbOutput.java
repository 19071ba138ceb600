package io.minikv.engine.rdb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes Redis's RDB encodings and the DUMP payload footer ({@code createDumpPayload}): the RDB version as two
 * little-endian bytes, then the CRC-64 of everything before the checksum as eight little-endian bytes.
 * <p>
 * Not thread-safe: one per payload.
 */
public final class RdbOutput {
    /** The RDB version Redis 7.0 writes; a payload of a later version is refused. */
    public static final int RDB_VERSION = 10;
    /** The bytes of the footer: version and checksum. */
    public static final int FOOTER_LENGTH = 10;
    /** Strings longer than this are LZF-compressed, as Redis does with {@code rdbcompression yes}. */
    private static final int COMPRESS_ABOVE = 20;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /**
     * Writes one byte (a type or an opcode).
     *
     * @param b the byte.
     * @return this.
     */
    public RdbOutput writeByte(final int b) {
        out.write(b);
        return this;
    }

    /**
     * Writes bytes as they are.
     *
     * @param bytes the bytes.
     * @return this.
     */
    public RdbOutput writeRaw(final byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /**
     * {@code rdbSaveLen}: 00 + 6 bits, 01 + 14 bits, 0x80 + u32 big-endian, 0x81 + u64 big-endian.
     *
     * @param length the length, unsigned (a negative value takes the 64-bit form, as Redis's {@code uint64_t}).
     * @return this.
     */
    public RdbOutput writeLength(final long length) {
        if (length >= 0 && length < 1 << 6) {
            out.write((int) length);
        } else if (length >= 0 && length < 1 << 14) {
            out.write(0x40 | (int) (length >>> 8));
            out.write((int) length & 0xff);
        } else if (length >= 0 && length <= 0xffffffffL) {
            out.write(0x80);
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift));
            }
        } else {
            out.write(0x81);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift));
            }
        }
        return this;
    }

    /**
     * {@code rdbSaveRawString} with compression on: an integer that fits 32 bits in its integer form, a string over
     * 20 bytes LZF-compressed when that saves more than 4 bytes, otherwise the length and the bytes.
     *
     * @param s the string.
     * @return this.
     */
    public RdbOutput writeString(final byte[] s) {
        if (s.length <= 11 && writeInteger(s)) {
            return this;
        }
        if (s.length > COMPRESS_ABOVE) {
            final byte[] compressed = new byte[s.length - 4 + 1];
            final int n = Lzf.compress(s, compressed, s.length - 4);
            if (n > 0) {
                out.write(0xC3);
                writeLength(n);
                writeLength(s.length);
                out.write(compressed, 0, n);
                return this;
            }
        }
        writeLength(s.length);
        out.writeBytes(s);
        return this;
    }

    /**
     * Writes a string without trying its integer or compressed forms (listpacks and other blobs, which Redis
     * compresses only when it would save space: the raw form is always valid).
     *
     * @param s the string.
     * @return this.
     */
    public RdbOutput writePlainString(final byte[] s) {
        writeLength(s.length);
        out.writeBytes(s);
        return this;
    }

    /** {@code rdbTryIntegerEncoding}: the canonical decimal text of a value in the int32 range. */
    private boolean writeInteger(final byte[] s) {
        final long value = canonicalLong(s);
        if (value == Long.MIN_VALUE) {
            return false;
        }
        if (value >= -(1 << 7) && value <= (1 << 7) - 1) {
            out.write(0xC0);
            out.write((int) value);
        } else if (value >= -(1 << 15) && value <= (1 << 15) - 1) {
            out.write(0xC1);
            out.write((int) value);
            out.write((int) (value >>> 8));
        } else if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            out.write(0xC2);
            for (int i = 0; i < 4; i++) {
                out.write((int) (value >>> (8 * i)));
            }
        } else {
            return false;
        }
        return true;
    }

    /**
     * Redis's {@code string2ll} followed by the round-trip check: the value of a string that is exactly the
     * canonical decimal text of a 64-bit integer (no sign but '-', no leading zero, no "-0").
     *
     * @param s the string.
     * @return the value, or {@link Long#MIN_VALUE} when the string is not canonical (that value itself included:
     *     callers only use it for narrower ranges).
     */
    public static long canonicalLong(final byte[] s) {
        if (s.length == 0 || s.length > 20) {
            return Long.MIN_VALUE;
        }
        final String text = new String(s, StandardCharsets.US_ASCII);
        try {
            final long value = Long.parseLong(text);
            return Long.toString(value).equals(text) ? value : Long.MIN_VALUE;
        } catch (final NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    /**
     * {@code rdbSaveBinaryDoubleValue}: 8 bytes, little-endian IEEE 754.
     *
     * @param value the value.
     * @return this.
     */
    public RdbOutput writeBinaryDouble(final double value) {
        return writeLongLe(Double.doubleToRawLongBits(value));
    }

    /**
     * {@code rdbSaveMillisecondTime}: 8 bytes, little-endian.
     *
     * @param value the value.
     * @return this.
     */
    public RdbOutput writeLongLe(final long value) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    /**
     * Appends the footer and returns the payload.
     *
     * @return the payload.
     */
    public byte[] finish() {
        out.write(RDB_VERSION & 0xff);
        out.write(RDB_VERSION >>> 8);
        final byte[] body = out.toByteArray();
        writeLongLe(Crc64.crc64(body, body.length));
        return out.toByteArray();
    }

    /**
     * {@code verifyDumpPayload}: at least the footer, a version this build reads, and the right checksum.
     *
     * @param payload the payload.
     * @return true when valid.
     */
    public static boolean verify(final byte[] payload) {
        final int n = payload.length;
        return n >= FOOTER_LENGTH && ((payload[n - 10] & 0xff) | (payload[n - 9] & 0xff) << 8) <= RDB_VERSION
            && Crc64.crc64(payload, n - 8) == RdbInput.longLe(payload, n - 8);
    }
}
