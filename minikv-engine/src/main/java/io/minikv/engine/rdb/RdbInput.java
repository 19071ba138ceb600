package io.minikv.engine.rdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads Redis's RDB encodings out of a byte array: lengths (6-bit, 14-bit, 32-bit and 64-bit forms), strings (raw,
 * integer and LZF-compressed forms), doubles and millisecond times. Every read checks the bounds and throws
 * {@link RdbFormatException} on truncated or malformed input.
 * <p>
 * Not thread-safe: one cursor per payload.
 */
public final class RdbInput {
    private final byte[] in;
    private final int end;
    private int at;

    /**
     * Creates a cursor over {@code in[from, end)}.
     *
     * @param in the bytes.
     * @param from the first byte to read.
     * @param end the index after the last byte that may be read.
     */
    public RdbInput(final byte[] in, final int from, final int end) {
        this.in = in;
        this.at = from;
        this.end = end;
    }

    /**
     * @return the bytes left to read.
     */
    public int remaining() {
        return end - at;
    }

    /**
     * Reads one unsigned byte.
     *
     * @return the byte, 0 to 255.
     * @throws RdbFormatException at the end.
     */
    public int readByte() throws RdbFormatException {
        need(1);
        return in[at++] & 0xff;
    }

    /**
     * Returns the next byte without consuming it.
     *
     * @return the byte, 0 to 255, or -1 at the end.
     */
    public int peekByte() {
        return at < end ? in[at] & 0xff : -1;
    }

    /**
     * Reads bytes as they are ({@code rdbLoadRaw}).
     *
     * @param n how many.
     * @return a copy.
     * @throws RdbFormatException when fewer are left.
     */
    public byte[] readRaw(final int n) throws RdbFormatException {
        need(n);
        final byte[] b = Arrays.copyOfRange(in, at, at + n);
        at += n;
        return b;
    }

    /**
     * Reads a length ({@code rdbLoadLen}); the encoded-value form is refused.
     *
     * @return the length, not negative.
     * @throws RdbFormatException when malformed.
     */
    public long readLength() throws RdbFormatException {
        final int first = readByte();
        if (first >>> 6 == 3) {
            throw new RdbFormatException("an encoded value where a length was expected");
        }
        final long length = lengthAfter(first);
        if (length < 0) {
            throw new RdbFormatException("length above 2^63");
        }
        return length;
    }

    /**
     * Reads a length as the unsigned 64-bit value Redis wrote (a stream group's {@code entries_read} of -1).
     *
     * @return the value, two's complement.
     * @throws RdbFormatException when malformed.
     */
    public long readUnsignedLength() throws RdbFormatException {
        final int first = readByte();
        if (first >>> 6 == 3) {
            throw new RdbFormatException("an encoded value where a length was expected");
        }
        return lengthAfter(first);
    }

    /**
     * Reads a length that must fit an array or a count.
     *
     * @return the length.
     * @throws RdbFormatException when malformed or above {@link Integer#MAX_VALUE}.
     */
    public int readCount() throws RdbFormatException {
        final long n = readLength();
        if (n > Integer.MAX_VALUE - 8) {
            throw new RdbFormatException("length " + n + " is too large");
        }
        return (int) n;
    }

    private long lengthAfter(final int first) throws RdbFormatException {
        switch (first >>> 6) {
            case 0:
                return first & 0x3f;
            case 1:
                return (first & 0x3f) << 8 | readByte();
            default:
                final int bytes = first == 0x80 ? 4 : first == 0x81 ? 8 : 0;
                if (bytes == 0) {
                    throw new RdbFormatException("unknown length encoding " + first);
                }
                need(bytes);
                long value = 0;
                for (int i = 0; i < bytes; i++) {
                    value = value << 8 | in[at++] & 0xff;
                }
                return value;
        }
    }

    /**
     * Reads a string ({@code rdbGenericLoadStringObject}): raw, an 8/16/32-bit integer written back as decimal text,
     * or LZF-compressed.
     *
     * @return the bytes.
     * @throws RdbFormatException when malformed.
     */
    public byte[] readString() throws RdbFormatException {
        final int first = readByte();
        if (first >>> 6 != 3) {
            final long length = lengthAfter(first);
            if (length > end - at) {
                throw new RdbFormatException("a string of " + length + " bytes with " + (end - at) + " left");
            }
            return readRaw((int) length);
        }
        switch (first & 0x3f) {
            case 0:
                return integer(1);
            case 1:
                return integer(2);
            case 2:
                return integer(4);
            case 3:
                return lzf();
            default:
                throw new RdbFormatException("unknown string encoding " + (first & 0x3f));
        }
    }

    private byte[] integer(final int bytes) throws RdbFormatException {
        need(bytes);
        long value = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            value = value << 8 | in[at + i] & 0xff;
        }
        value = value << (64 - 8 * bytes) >> (64 - 8 * bytes);
        at += bytes;
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] lzf() throws RdbFormatException {
        final long compressed = readLength();
        final long length = readLength();
        if (compressed > end - at || length > Integer.MAX_VALUE - 8) {
            throw new RdbFormatException("impossible LZF lengths");
        }
        final byte[] out = Lzf.decompress(in, at, at + (int) compressed, (int) length);
        if (out == null) {
            throw new RdbFormatException("malformed LZF stream");
        }
        at += (int) compressed;
        return out;
    }

    /**
     * Reads a double as RDB_TYPE_ZSET writes it ({@code rdbLoadDoubleValue}): a length byte and its decimal text,
     * or 253 (NaN), 254 (+inf), 255 (-inf).
     *
     * @return the value.
     * @throws RdbFormatException when malformed.
     */
    public double readTextDouble() throws RdbFormatException {
        final int length = readByte();
        switch (length) {
            case 253:
                return Double.NaN;
            case 254:
                return Double.POSITIVE_INFINITY;
            case 255:
                return Double.NEGATIVE_INFINITY;
            default:
                return parseDouble(readRaw(length));
        }
    }

    /**
     * Parses the decimal text of a double as Redis's {@code strtod} reads a score.
     *
     * @param text the text.
     * @return the value.
     * @throws RdbFormatException when it is not a number.
     */
    static double parseDouble(final byte[] text) throws RdbFormatException {
        final String s = new String(text, StandardCharsets.US_ASCII);
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "inf":
            case "+inf":
            case "infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf":
            case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (final NumberFormatException e) {
                    throw new RdbFormatException("not a double: " + s);
                }
        }
    }

    /**
     * Reads a double as RDB_TYPE_ZSET_2 writes it: 8 bytes, little-endian IEEE 754.
     *
     * @return the value.
     * @throws RdbFormatException at the end.
     */
    public double readBinaryDouble() throws RdbFormatException {
        return Double.longBitsToDouble(readLongLe());
    }

    /**
     * Reads a 64-bit little-endian integer ({@code rdbLoadMillisecondTime}).
     *
     * @return the value.
     * @throws RdbFormatException at the end.
     */
    public long readLongLe() throws RdbFormatException {
        need(8);
        final long value = longLe(in, at);
        at += 8;
        return value;
    }

    /**
     * Reads a 64-bit little-endian integer at an index.
     *
     * @param in the bytes.
     * @param from the first byte.
     * @return the value.
     */
    static long longLe(final byte[] in, final int from) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | in[from + i] & 0xff;
        }
        return value;
    }

    private void need(final int n) throws RdbFormatException {
        if (n < 0 || end - at < n) {
            throw new RdbFormatException("truncated: " + n + " bytes needed, " + (end - at) + " left");
        }
    }
}
