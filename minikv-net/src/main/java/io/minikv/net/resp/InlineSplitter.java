package io.minikv.net.resp;

import java.nio.ByteBuffer;

/**
 * Splits an inline command line into arguments as Redis's {@code sdssplitargs} does: spaces separate arguments,
 * {@code "..."} strings understand {@code \n \r \t \b \a \xHH} and {@code \\} escapes, {@code '...'} strings only
 * {@code \'}, and a closing quote must be followed by a space or the end of the line.
 * <p>
 * Stateless; the unescaped bytes go to a scratch buffer that the arguments then point into.
 */
final class InlineSplitter {
    private InlineSplitter() {
    }

    /**
     * Splits {@code line[from, to)} into {@code args}, writing the argument bytes into {@code out} from 0.
     *
     * @param line the buffer holding the line.
     * @param from the first byte of the line.
     * @param to the end of the line, CRLF excluded.
     * @param out the scratch buffer, at least {@code to - from} bytes.
     * @param args receives the arguments (already reset over {@code out}).
     * @return false on unbalanced quotes.
     */
    static boolean split(final ByteBuffer line, final int from, final int to, final ByteBuffer out,
        final CommandArgs args) {
        int p = from;
        int w = 0;
        while (true) {
            while (p < to && isSpace(line.get(p))) {
                p++;
            }
            if (p >= to) {
                return true;
            }
            final int start = w;
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                if (inDouble) {
                    if (p >= to) {
                        return false;
                    }
                    final byte c = line.get(p);
                    if (c == '\\' && p + 3 < to && line.get(p + 1) == 'x' && isHex(line.get(p + 2))
                        && isHex(line.get(p + 3))) {
                        out.put(w++, (byte) (hex(line.get(p + 2)) * 16 + hex(line.get(p + 3))));
                        p += 3;
                    } else if (c == '\\' && p + 1 < to) {
                        p++;
                        out.put(w++, unescape(line.get(p)));
                    } else if (c == '"') {
                        if (p + 1 < to && !isSpace(line.get(p + 1))) {
                            return false;
                        }
                        done = true;
                    } else {
                        out.put(w++, c);
                    }
                } else if (inSingle) {
                    if (p >= to) {
                        return false;
                    }
                    final byte c = line.get(p);
                    if (c == '\\' && p + 1 < to && line.get(p + 1) == '\'') {
                        p++;
                        out.put(w++, (byte) '\'');
                    } else if (c == '\'') {
                        if (p + 1 < to && !isSpace(line.get(p + 1))) {
                            return false;
                        }
                        done = true;
                    } else {
                        out.put(w++, c);
                    }
                } else {
                    if (p >= to) {
                        break;
                    }
                    final byte c = line.get(p);
                    // Unlike the skip between arguments, only these end an unquoted argument (sdssplitargs).
                    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0) {
                        done = true;
                    } else if (c == '"') {
                        inDouble = true;
                    } else if (c == '\'') {
                        inSingle = true;
                    } else {
                        out.put(w++, c);
                    }
                }
                if (p < to) {
                    p++;
                }
            }
            args.add(start, w - start);
        }
    }

    private static byte unescape(final byte c) {
        switch (c) {
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'b':
                return '\b';
            case 'a':
                return 7;
            default:
                return c;
        }
    }

    private static boolean isSpace(final byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0x0b || c == '\f';
    }

    private static boolean isHex(final byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int hex(final byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return (c | 0x20) - 'a' + 10;
    }
}
