package io.minikv.engine.rdb;

/**
 * LZF as Redis ships it ({@code lzf_c.c}/{@code lzf_d.c}, liblzf 3.6 with {@code HLOG 16} and {@code VERY_FAST}):
 * the compressor is a faithful port, so a string compresses to the very bytes Redis writes in its DUMP payloads.
 * <p>
 * A compressed stream is a sequence of literal runs (control byte {@code 000LLLLL}, then {@code L + 1} bytes) and
 * back references (control byte {@code LLLooooo}, an extra length byte when {@code LLL} is 7, then the low offset
 * byte; copies {@code len + 2} bytes from {@code offset + 1} bytes back).
 * <p>
 * Stateless and thread-safe.
 */
public final class Lzf {
    private static final int HLOG = 16;
    private static final int HSIZE = 1 << HLOG;
    private static final int MAX_LIT = 1 << 5;
    private static final int MAX_OFF = 1 << 13;
    private static final int MAX_REF = (1 << 8) + (1 << 3);

    private Lzf() {
    }

    /**
     * {@code lzf_compress}: compresses into at most {@code outLength} bytes.
     *
     * @param in the input.
     * @param out the output, at least {@code outLength} long.
     * @param outLength the most bytes to produce.
     * @return the compressed length, 0 when it would not fit.
     */
    public static int compress(final byte[] in, final byte[] out, final int outLength) {
        // Hash slots hold input offsets; 0 stands for "empty", which Redis's "ref > in_data" test never matches.
        final int[] htab = new int[HSIZE];
        final int inEnd = in.length;
        final int outEnd = outLength;
        int ip = 0;
        int op = 0;
        if (inEnd == 0) {
            return 0;
        }
        int lit = 0;
        op++;
        int hval = first(in, ip);
        while (ip < inEnd - 2) {
            hval = next(hval, in, ip);
            final int slot = idx(hval);
            final int ref = htab[slot];
            htab[slot] = ip;
            final int off = ip - ref - 1;
            if (ref < ip && off < MAX_OFF && ref > 0 && in[ref + 2] == in[ip + 2] && in[ref] == in[ip]
                && in[ref + 1] == in[ip + 1]) {
                int len = 2;
                int maxlen = inEnd - ip - len;
                maxlen = Math.min(maxlen, MAX_REF);
                if (op + 3 + 1 >= outEnd && op - (lit == 0 ? 1 : 0) + 3 + 1 >= outEnd) {
                    return 0;
                }
                out[op - lit - 1] = (byte) (lit - 1);
                op -= lit == 0 ? 1 : 0;
                len = matchLength(in, ref, ip, len, maxlen);
                len -= 2;
                ip++;
                if (len < 7) {
                    out[op++] = (byte) ((off >>> 8) + (len << 5));
                } else {
                    out[op++] = (byte) ((off >>> 8) + (7 << 5));
                    out[op++] = (byte) (len - 7);
                }
                out[op++] = (byte) off;
                lit = 0;
                op++;
                ip += len + 1;
                if (ip >= inEnd - 2) {
                    break;
                }
                ip -= 2;
                hval = first(in, ip);
                hval = next(hval, in, ip);
                htab[idx(hval)] = ip;
                ip++;
                hval = next(hval, in, ip);
                htab[idx(hval)] = ip;
                ip++;
            } else {
                if (op >= outEnd) {
                    return 0;
                }
                lit++;
                out[op++] = in[ip++];
                if (lit == MAX_LIT) {
                    out[op - lit - 1] = (byte) (lit - 1);
                    lit = 0;
                    op++;
                }
            }
        }
        if (op + 3 > outEnd) {
            return 0;
        }
        while (ip < inEnd) {
            lit++;
            out[op++] = in[ip++];
            if (lit == MAX_LIT) {
                out[op - lit - 1] = (byte) (lit - 1);
                lit = 0;
                op++;
            }
        }
        out[op - lit - 1] = (byte) (lit - 1);
        op -= lit == 0 ? 1 : 0;
        return op;
    }

    /** The match loop of {@code lzf_compress}, its 16-fold unrolling included (it can run past {@code maxlen}). */
    private static int matchLength(final byte[] in, final int ref, final int ip, final int start, final int maxlen) {
        int len = start;
        if (maxlen > 16) {
            for (int k = 0; k < 16; k++) {
                len++;
                if (in[ref + len] != in[ip + len]) {
                    return len;
                }
            }
        }
        do {
            len++;
        } while (len < maxlen && in[ref + len] == in[ip + len]);
        return len;
    }

    private static int first(final byte[] in, final int ip) {
        return (in[ip] & 0xff) << 8 | in[ip + 1] & 0xff;
    }

    private static int next(final int hval, final byte[] in, final int ip) {
        return hval << 8 | in[ip + 2] & 0xff;
    }

    private static int idx(final int h) {
        return ((h >>> (3 * 8 - HLOG)) - h * 5) & (HSIZE - 1);
    }

    /**
     * {@code lzf_decompress}: expands a compressed stream that must produce exactly {@code length} bytes.
     *
     * @param in the array holding the stream.
     * @param from the stream's first byte.
     * @param to the index after its last byte.
     * @param length the uncompressed length.
     * @return the bytes, or null when the stream is malformed or does not produce {@code length} bytes.
     */
    public static byte[] decompress(final byte[] in, final int from, final int to, final int length) {
        final byte[] out = new byte[length];
        int ip = from;
        int op = 0;
        while (ip < to) {
            final int ctrl = in[ip++] & 0xff;
            if (ctrl < 32) {
                final int run = ctrl + 1;
                if (op + run > out.length || ip + run > to) {
                    return null;
                }
                System.arraycopy(in, ip, out, op, run);
                ip += run;
                op += run;
                continue;
            }
            int len = ctrl >>> 5;
            if (len == 7) {
                if (ip >= to) {
                    return null;
                }
                len += in[ip++] & 0xff;
            }
            if (ip >= to) {
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
        return op == out.length ? out : null;
    }
}
