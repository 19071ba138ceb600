package io.minikv.net.command;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import io.minikv.api.KvError;

/**
 * The FUNCTION DUMP payload, as Redis 7.0 writes it, so that a dump of either server restores in the other:
 * <pre>
 * payload := (FUNCTION2:u8 code:rdb-string)* rdbVersion:u16le crc:u64le   (crc = CRC-64/Jones of all before it)
 * </pre>
 * {@code rdb-string} is Redis's RDB string encoding: a length (6-bit, 14-bit, 32-bit or 64-bit form) and the bytes,
 * an integer form, or an LZF-compressed form. Dumps are written uncompressed (Redis reads that form as it reads
 * its own); every form is read.
 * <p>
 * Stateless and thread-safe.
 */
final class FunctionPayload {
    /** The RDB version Redis 7.0 writes; a payload of a later version is refused. */
    static final int RDB_VERSION = 10;
    /** The opcode before each library's code. */
    static final int OPCODE_FUNCTION2 = 245;
    /** The opcode of Redis 7.0's release candidates, whose format is not read. */
    static final int OPCODE_FUNCTION_PRE_GA = 246;
    private static final long[] CRC_TABLE = crcTable();

    private FunctionPayload() {
    }

    /**
     * FUNCTION DUMP: serialises libraries' code.
     *
     * @param libraries the libraries.
     * @return the payload.
     */
    static byte[] dump(final List<Functions.Library> libraries) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final Functions.Library library : libraries) {
            out.write(OPCODE_FUNCTION2);
            writeLength(out, library.code().length);
            out.writeBytes(library.code());
        }
        out.write(RDB_VERSION & 0xff);
        out.write(RDB_VERSION >>> 8);
        final byte[] body = out.toByteArray();
        final long crc = crc64(body, body.length);
        for (int i = 0; i < 8; i++) {
            out.write((int) (crc >>> (8 * i)));
        }
        return out.toByteArray();
    }

    /**
     * FUNCTION RESTORE: reads the libraries' code out of a payload.
     *
     * @param payload the payload.
     * @param error receives the error reply text when the payload is refused.
     * @return each library's code, in order, or null after an error.
     */
    static List<byte[]> parse(final byte[] payload, final String[] error) {
        final int n = payload.length;
        if (n < 10 || ((payload[n - 10] & 0xff) | (payload[n - 9] & 0xff) << 8) > RDB_VERSION
            || crc64(payload, n - 8) != readLongLe(payload, n - 8)) {
            error[0] = KvError.FUNCTION_BAD_PAYLOAD.text();
            return null;
        }
        final List<byte[]> codes = new ArrayList<>();
        final int[] at = {0};
        while (n - at[0] > 10) {
            final int type = payload[at[0]++] & 0xff;
            if (type == OPCODE_FUNCTION_PRE_GA) {
                error[0] = KvError.FUNCTION_PRE_GA.text();
                return null;
            }
            if (type != OPCODE_FUNCTION2) {
                error[0] = KvError.FUNCTION_NOT_A_FUNCTION.text();
                return null;
            }
            final byte[] code = readString(payload, at, n - 10);
            if (code == null) {
                error[0] = KvError.FUNCTION_BAD_LIBRARY_PAYLOAD.text();
                return null;
            }
            codes.add(code);
        }
        return codes;
    }

    /** RDB length encoding: 00 + 6 bits, 01 + 14 bits, 0x80 + u32 big-endian. */
    private static void writeLength(final ByteArrayOutputStream out, final int length) {
        if (length < 1 << 6) {
            out.write(length);
        } else if (length < 1 << 14) {
            out.write(0x40 | length >>> 8);
            out.write(length & 0xff);
        } else {
            out.write(0x80);
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write(length >>> shift);
            }
        }
    }

    /** An RDB string at {@code at[0]}, not reading past {@code end}; null when malformed. */
    private static byte[] readString(final byte[] in, final int[] at, final int end) {
        if (at[0] >= end) {
            return null;
        }
        final int first = in[at[0]] & 0xff;
        if ((first >>> 6) == 3) {
            at[0]++;
            return switch (first & 0x3f) {
                case 0 -> integer(in, at, end, 1);
                case 1 -> integer(in, at, end, 2);
                case 2 -> integer(in, at, end, 4);
                case 3 -> lzf(in, at, end);
                default -> null;
            };
        }
        final long length = readLength(in, at, end);
        if (length < 0 || length > end - at[0]) {
            return null;
        }
        final byte[] bytes = java.util.Arrays.copyOfRange(in, at[0], at[0] + (int) length);
        at[0] += (int) length;
        return bytes;
    }

    /** A length in any of the four forms; -1 when malformed or truncated. */
    private static long readLength(final byte[] in, final int[] at, final int end) {
        if (at[0] >= end) {
            return -1;
        }
        final int first = in[at[0]++] & 0xff;
        switch (first >>> 6) {
            case 0:
                return first & 0x3f;
            case 1:
                return at[0] < end ? (first & 0x3f) << 8 | in[at[0]++] & 0xff : -1;
            default:
                final int bytes = first == 0x80 ? 4 : first == 0x81 ? 8 : 0;
                if (bytes == 0 || end - at[0] < bytes) {
                    return -1;
                }
                long value = 0;
                for (int i = 0; i < bytes; i++) {
                    value = value << 8 | in[at[0]++] & 0xff;
                }
                return value < 0 ? -1 : value;
        }
    }

    /** An integer-encoded string: little-endian signed, written back as decimal text. */
    private static byte[] integer(final byte[] in, final int[] at, final int end, final int bytes) {
        if (end - at[0] < bytes) {
            return null;
        }
        long value = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            value = value << 8 | in[at[0] + i] & 0xff;
        }
        value = value << (64 - 8 * bytes) >> (64 - 8 * bytes);
        at[0] += bytes;
        return Long.toString(value).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** An LZF-compressed string: compressed length, original length, then LZF's literal runs and back references. */
    private static byte[] lzf(final byte[] in, final int[] at, final int end) {
        final long compressed = readLength(in, at, end);
        final long length = readLength(in, at, end);
        if (compressed < 0 || length < 0 || compressed > end - at[0] || length > Integer.MAX_VALUE - 8) {
            return null;
        }
        final byte[] out = new byte[(int) length];
        int ip = at[0];
        final int inEnd = at[0] + (int) compressed;
        int op = 0;
        while (ip < inEnd) {
            final int ctrl = in[ip++] & 0xff;
            if (ctrl < 32) {
                final int run = ctrl + 1;
                if (op + run > out.length || ip + run > inEnd) {
                    return null;
                }
                System.arraycopy(in, ip, out, op, run);
                ip += run;
                op += run;
                continue;
            }
            int len = ctrl >>> 5;
            if (len == 7) {
                if (ip >= inEnd) {
                    return null;
                }
                len += in[ip++] & 0xff;
            }
            if (ip >= inEnd) {
                return null;
            }
            final int ref = op - ((ctrl & 0x1f) << 8) - 1 - (in[ip++] & 0xff);
            len += 2;
            if (ref < 0 || op + len > out.length) {
                return null;
            }
            for (int i = 0; i < len; i++) {
                out[op++] = out[ref + i];
            }
        }
        if (op != out.length) {
            return null;
        }
        at[0] = inEnd;
        return out;
    }

    private static long readLongLe(final byte[] in, final int from) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | in[from + i] & 0xff;
        }
        return value;
    }

    /**
     * Redis's {@code crc64}: CRC-64/Jones (polynomial 0xad93d23594c935a9, reflected, initial value 0, no final
     * xor); {@code "123456789"} gives {@code 0xe9c6d914c4b8d9ca}.
     *
     * @param bytes the bytes.
     * @param length how many, from the first.
     * @return the checksum.
     */
    static long crc64(final byte[] bytes, final int length) {
        long crc = 0;
        for (int i = 0; i < length; i++) {
            crc = CRC_TABLE[(int) ((crc ^ bytes[i]) & 0xff)] ^ (crc >>> 8);
        }
        return crc;
    }

    private static long[] crcTable() {
        final long reflected = Long.reverse(0xad93d23594c935a9L);
        final long[] table = new long[256];
        for (int n = 0; n < 256; n++) {
            long c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? reflected ^ (c >>> 1) : c >>> 1;
            }
            table[n] = c;
        }
        return table;
    }
}
