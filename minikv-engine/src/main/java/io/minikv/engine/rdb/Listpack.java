package io.minikv.engine.rdb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis's packed encodings of small collections, as they travel inside RDB strings: the listpack
 * ({@code listpack.c}, Redis 7) and the ziplist ({@code ziplist.c}, RDB payloads of Redis 6 and before). Reading
 * yields every entry as bytes, integers as their decimal text; writing produces a listpack, integers in their
 * integer forms as {@code lpAppend} stores them.
 * <pre>
 * listpack := total:u32le count:u16le entry* 0xFF      entry := encoding data backlen
 * ziplist  := total:u32le tail:u32le count:u16le entry* 0xFF   entry := prevlen encoding data
 * </pre>
 * Stateless and thread-safe.
 */
public final class Listpack {
    private static final int HEADER = 6;
    private static final int EOF = 0xFF;

    private Listpack() {
    }

    /**
     * Reads every entry of a listpack, checking its header ({@code lpValidateIntegrity} without deep checks)
     * and each entry's bounds.
     *
     * @param lp the listpack.
     * @return the entries.
     * @throws RdbFormatException when malformed.
     */
    public static List<byte[]> read(final byte[] lp) throws RdbFormatException {
        if (lp.length < HEADER + 1 || (int) le(lp, 0, 4) != lp.length || (lp[lp.length - 1] & 0xff) != EOF) {
            throw new RdbFormatException("listpack header does not match its size");
        }
        final List<byte[]> entries = new ArrayList<>();
        int p = HEADER;
        final int end = lp.length - 1;
        while (p < end) {
            final int b = lp[p] & 0xff;
            final int start = p;
            byte[] value;
            if (b < 0x80) {
                value = text(b);
                p += 1;
            } else if (b < 0xC0) {
                value = slice(lp, p + 1, b & 0x3f, end);
                p += 1 + (b & 0x3f);
            } else if (b < 0xE0) {
                need(p + 2, end);
                final int u = (b & 0x1f) << 8 | lp[p + 1] & 0xff;
                value = text(u >= 1 << 12 ? u - (1 << 13) : u);
                p += 2;
            } else if (b < 0xF0) {
                need(p + 2, end);
                final int len = (b & 0x0f) << 8 | lp[p + 1] & 0xff;
                value = slice(lp, p + 2, len, end);
                p += 2 + len;
            } else if (b == 0xF0) {
                need(p + 5, end);
                final long len = le(lp, p + 1, 4);
                if (len > end - p - 5) {
                    throw new RdbFormatException("listpack string past the end");
                }
                value = slice(lp, p + 5, (int) len, end);
                p += 5 + (int) len;
            } else if (b >= 0xF1 && b <= 0xF4) {
                final int bytes = b == 0xF1 ? 2 : b == 0xF2 ? 3 : b == 0xF3 ? 4 : 8;
                need(p + 1 + bytes, end);
                final long raw = le(lp, p + 1, bytes);
                value = text(raw << (64 - 8 * bytes) >> (64 - 8 * bytes));
                p += 1 + bytes;
            } else {
                throw new RdbFormatException("unknown listpack encoding " + b);
            }
            p += backlenSize(p - start);
            if (p > end) {
                throw new RdbFormatException("listpack entry past the end");
            }
            entries.add(value);
        }
        final int count = (int) le(lp, 4, 2);
        if (count != 0xFFFF && count != entries.size()) {
            throw new RdbFormatException("listpack count does not match its entries");
        }
        return entries;
    }

    /**
     * Reads every entry of a ziplist.
     *
     * @param zl the ziplist.
     * @return the entries.
     * @throws RdbFormatException when malformed.
     */
    public static List<byte[]> readZiplist(final byte[] zl) throws RdbFormatException {
        if (zl.length < 11 || (int) le(zl, 0, 4) != zl.length || (zl[zl.length - 1] & 0xff) != EOF) {
            throw new RdbFormatException("ziplist header does not match its size");
        }
        final List<byte[]> entries = new ArrayList<>();
        int p = 10;
        final int end = zl.length - 1;
        while (p < end) {
            p += (zl[p] & 0xff) == 0xFE ? 5 : 1;
            need(p + 1, end);
            final int b = zl[p] & 0xff;
            switch (b >>> 6) {
                case 0:
                    entries.add(slice(zl, p + 1, b & 0x3f, end));
                    p += 1 + (b & 0x3f);
                    continue;
                case 1:
                    need(p + 2, end);
                    final int len14 = (b & 0x3f) << 8 | zl[p + 1] & 0xff;
                    entries.add(slice(zl, p + 2, len14, end));
                    p += 2 + len14;
                    continue;
                case 2:
                    need(p + 5, end);
                    long len32 = 0;
                    for (int i = 1; i <= 4; i++) {
                        len32 = len32 << 8 | zl[p + i] & 0xff;
                    }
                    if (len32 > end - p - 5) {
                        throw new RdbFormatException("ziplist string past the end");
                    }
                    entries.add(slice(zl, p + 5, (int) len32, end));
                    p += 5 + (int) len32;
                    continue;
                default:
                    break;
            }
            final int bytes;
            switch (b) {
                case 0xC0:
                    bytes = 2;
                    break;
                case 0xD0:
                    bytes = 4;
                    break;
                case 0xE0:
                    bytes = 8;
                    break;
                case 0xF0:
                    bytes = 3;
                    break;
                case 0xFE:
                    bytes = 1;
                    break;
                default:
                    if (b >= 0xF1 && b <= 0xFD) {
                        entries.add(text((b & 0x0f) - 1));
                        p += 1;
                        continue;
                    }
                    throw new RdbFormatException("unknown ziplist encoding " + b);
            }
            need(p + 1 + bytes, end);
            final long raw = le(zl, p + 1, bytes);
            entries.add(text(raw << (64 - 8 * bytes) >> (64 - 8 * bytes)));
            p += 1 + bytes;
        }
        return entries;
    }

    /**
     * Builds a listpack, each entry as {@code lpAppend} encodes it (canonical integers in their integer forms).
     *
     * @param entries the entries.
     * @return the listpack.
     */
    public static byte[] write(final List<byte[]> entries) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[HEADER]);
        for (final byte[] e : entries) {
            final int before = out.size();
            final long v = RdbOutput.canonicalLong(e);
            if (v != Long.MIN_VALUE || e.length == 20 && "-9223372036854775808".equals(ascii(e))) {
                writeInteger(out, v);
            } else if (e.length < 64) {
                out.write(0x80 | e.length);
                out.writeBytes(e);
            } else if (e.length < 4096) {
                out.write(0xE0 | e.length >>> 8);
                out.write(e.length & 0xff);
                out.writeBytes(e);
            } else {
                out.write(0xF0);
                writeLe(out, e.length, 4);
                out.writeBytes(e);
            }
            writeBacklen(out, out.size() - before);
        }
        out.write(EOF);
        final byte[] lp = out.toByteArray();
        putLe(lp, 0, lp.length, 4);
        putLe(lp, 4, Math.min(entries.size(), 0xFFFF), 2);
        return lp;
    }

    private static void writeInteger(final ByteArrayOutputStream out, final long v) {
        if (v >= 0 && v <= 127) {
            out.write((int) v);
        } else if (v >= -4096 && v <= 4095) {
            final int u = v < 0 ? (int) ((1 << 13) + v) : (int) v;
            out.write(u >>> 8 | 0xC0);
            out.write(u & 0xff);
        } else if (v >= -32768 && v <= 32767) {
            out.write(0xF1);
            writeLe(out, v, 2);
        } else if (v >= -(1 << 23) && v <= (1 << 23) - 1) {
            out.write(0xF2);
            writeLe(out, v, 3);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write(0xF3);
            writeLe(out, v, 4);
        } else {
            out.write(0xF4);
            writeLe(out, v, 8);
        }
    }

    /** {@code lpEncodeBacklen}: the entry's length, 7 bits a byte, most significant first. */
    private static void writeBacklen(final ByteArrayOutputStream out, final int l) {
        final int n = backlenSize(l);
        for (int i = n - 1; i >= 0; i--) {
            final int bits = (l >>> (7 * i)) & 127;
            out.write(i == n - 1 ? bits : bits | 128);
        }
    }

    private static int backlenSize(final int l) {
        return l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
    }

    private static void writeLe(final ByteArrayOutputStream out, final long v, final int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    private static void putLe(final byte[] b, final int at, final long v, final int bytes) {
        for (int i = 0; i < bytes; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static long le(final byte[] b, final int at, final int bytes) {
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            v = v << 8 | b[at + i] & 0xff;
        }
        return v;
    }

    private static byte[] slice(final byte[] b, final int from, final int length, final int end)
        throws RdbFormatException {
        need(from + length, end);
        return java.util.Arrays.copyOfRange(b, from, from + length);
    }

    private static void need(final long upTo, final int end) throws RdbFormatException {
        if (upTo > end) {
            throw new RdbFormatException("entry past the end");
        }
    }

    private static byte[] text(final long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    private static String ascii(final byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
