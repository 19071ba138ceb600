package io.minikv.net.diff;

import java.nio.charset.StandardCharsets;

/**
 * Escapes bytes for failure messages and case files: printable ASCII as is, {@code \r \n \t \" \\} as C escapes,
 * every other byte as {@code \xNN}. The output is what {@link CaseFileParser} accepts inside double quotes, so a
 * reported reply can be pasted into a case file.
 */
final class RespEscape {

    private RespEscape() {
    }

    /** Escapes every byte of {@code bytes}. */
    static String escape(final byte[] bytes) {
        return escape(bytes, Integer.MAX_VALUE);
    }

    /** Escapes at most {@code max} bytes of {@code bytes}, then appends how many were left out. */
    static String escape(final byte[] bytes, final int max) {
        final StringBuilder sb = new StringBuilder(Math.min(bytes.length, max) + 16);
        final int n = Math.min(bytes.length, max);
        for (int i = 0; i < n; i++) {
            final int b = bytes[i] & 0xff;
            switch (b) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (b >= 0x20 && b < 0x7f) {
                        sb.append((char) b);
                    } else {
                        sb.append(String.format("\\x%02x", b));
                    }
                }
            }
        }
        if (n < bytes.length) {
            sb.append("...(").append(bytes.length - n).append(" more bytes)");
        }
        return sb.toString();
    }

    /** Escapes a string's ISO-8859-1 bytes. */
    static String escape(final String s) {
        return escape(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Formats a command for a message: each argument escaped, quoted when it is empty or has spaces or quotes. */
    static String command(final java.util.List<byte[]> args) {
        final StringBuilder sb = new StringBuilder();
        for (final byte[] arg : args) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            final String e = escape(arg, 200);
            final boolean quote = arg.length == 0 || !e.equals(new String(arg, StandardCharsets.ISO_8859_1))
                || e.indexOf(' ') >= 0 || e.startsWith("!") || e.startsWith("#");
            sb.append(quote ? '"' + e + '"' : e);
        }
        return sb.toString();
    }
}
