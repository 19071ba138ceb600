package io.minikv.net.diff;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the differential case files ({@code src/test/resources/diff/*.txt}).
 * <p>
 * Format, one command per line:
 * <pre>
 * # a comment; blank lines are ignored
 * #! requires ZADD ZRANGE      (file directive: skip the file while the server under test lacks these commands)
 * SET k "a b" EX 10            (arguments split on spaces; "..." and '...' quote)
 * SET k "\x00\xff\r\n"          (escapes inside double quotes: \xNN \r \n \t \0 \" \\)
 * KEYS * !unordered            (markers start with an unquoted '!'; quote an argument that starts with '!' or '#')
 * TTL k !ttl                   (also !pttl, !approx=N, !shape, !scanall)
 * OBJECT ENCODING k !ignore    # known difference: why (a reason is required, on the line or just above it)
 * !raw "PING\r\n"              (bytes sent verbatim; !replies=N reads N replies, !closes expects a close)
 * ZQUERY k 1 a 0 2 !skip-redis !expect="*0\r\n"   (server under test only, with its exact reply)
 * </pre>
 * Stateless and thread-safe.
 */
final class CaseFileParser {

    /** A parsed case file. */
    record CaseFile(String name, List<CaseLine> lines, Set<String> requires) {
    }

    private CaseFileParser() {
    }

    /**
     * Parses a whole file.
     *
     * @throws IllegalArgumentException with file and line on any syntax error
     */
    static CaseFile parse(final String name, final String text) {
        final List<CaseLine> lines = new ArrayList<>();
        final Set<String> requires = new LinkedHashSet<>();
        final String[] rows = text.split("\r?\n", -1);
        final StringBuilder commentAbove = new StringBuilder();
        for (int i = 0; i < rows.length; i++) {
            final String row = rows[i].strip();
            if (row.startsWith("#!")) {
                final String[] words = row.substring(2).strip().split("\\s+");
                if (words.length < 2 || !words[0].equals("requires")) {
                    throw new IllegalArgumentException(name + ":" + (i + 1) + ": unknown directive: " + row);
                }
                for (int w = 1; w < words.length; w++) {
                    requires.add(words[w].toLowerCase(Locale.ROOT));
                }
                continue;
            }
            if (row.isEmpty()) {
                commentAbove.setLength(0);
                continue;
            }
            if (row.startsWith("#")) {
                commentAbove.append(row.substring(1).strip()).append(' ');
                continue;
            }
            try {
                lines.add(parseLine(name, i + 1, row, commentAbove.toString().strip()));
            } catch (final IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": " + e.getMessage() + ": " + row, e);
            }
        }
        return new CaseFile(name, List.copyOf(lines), Set.copyOf(requires));
    }

    /** One token: its bytes and whether it began with an unquoted character. */
    private record Token(byte[] bytes, boolean bareStart) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    static CaseLine parseLine(final String file, final int lineNo, final String line, final String commentAbove) {
        final List<Token> tokens = new ArrayList<>();
        final String comment = tokenize(line, tokens);
        final List<byte[]> args = new ArrayList<>();
        CompareRule rule = CompareRule.EXACT;
        int replies = 1;
        boolean raw = false;
        boolean closes = false;
        boolean skipRedis = false;
        byte[] expect = null;
        for (final Token t : tokens) {
            if (!(t.bareStart() && t.bytes().length > 0 && t.bytes()[0] == '!')) {
                args.add(t.bytes());
                continue;
            }
            final String marker = t.text();
            final int eq = marker.indexOf('=');
            final String key = eq < 0 ? marker : marker.substring(0, eq);
            final String value = eq < 0 ? null : marker.substring(eq + 1);
            switch (key) {
                case "!unordered" -> rule = CompareRule.UNORDERED;
                case "!ttl" -> rule = CompareRule.TTL;
                case "!pttl" -> rule = CompareRule.PTTL;
                case "!approx" -> rule = new CompareRule(CompareRule.Kind.TOLERANCE, Long.parseLong(need(value, key)));
                case "!shape" -> rule = CompareRule.SHAPE;
                case "!scanall" -> rule = CompareRule.SCAN_ALL;
                case "!ignore" -> rule = CompareRule.IGNORE;
                case "!raw" -> raw = true;
                case "!closes" -> closes = true;
                case "!replies" -> replies = Integer.parseInt(need(value, key));
                case "!skip-redis" -> skipRedis = true;
                case "!expect" -> expect = java.util.Arrays.copyOfRange(t.bytes(), "!expect=".length(),
                    t.bytes().length);
                default -> throw new IllegalArgumentException("unknown marker " + marker);
            }
        }
        if (args.isEmpty()) {
            throw new IllegalArgumentException("no command");
        }
        String reason = comment != null ? comment : commentAbove;
        if (rule.kind() == CompareRule.Kind.IGNORE && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("!ignore needs a comment saying why (# known difference: ...)");
        }
        if (replies < 0 || (replies != 1 && !raw)) {
            throw new IllegalArgumentException("!replies=N needs !raw and N >= 0");
        }
        byte[] rawBytes = null;
        if (raw) {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            args.forEach(out::writeBytes);
            rawBytes = out.toByteArray();
            args.clear();
        }
        return new CaseLine(file, lineNo, line, List.copyOf(args), rawBytes, rule, replies, closes, skipRedis,
            expect, reason);
    }

    /** Splits a line into tokens; returns the trailing comment (after an unquoted '#' token), if any. */
    private static String tokenize(final String line, final List<Token> tokens) {
        int i = 0;
        final int n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            if (line.charAt(i) == '#') {
                return line.substring(i + 1).strip();
            }
            final boolean bareStart = line.charAt(i) != '"' && line.charAt(i) != '\'';
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                final char c = line.charAt(i);
                if (c == '"') {
                    i = readDoubleQuoted(line, i + 1, out);
                } else if (c == '\'') {
                    i = readSingleQuoted(line, i + 1, out);
                } else {
                    final int cp = line.codePointAt(i);
                    out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                    i += Character.charCount(cp);
                }
            }
            tokens.add(new Token(out.toByteArray(), bareStart));
        }
        return null;
    }

    private static int readDoubleQuoted(final String line, final int from, final ByteArrayOutputStream out) {
        int i = from;
        while (i < line.length()) {
            final char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= line.length()) {
                    break;
                }
                final char e = line.charAt(i + 1);
                switch (e) {
                    case 'r' -> out.write('\r');
                    case 'n' -> out.write('\n');
                    case 't' -> out.write('\t');
                    case '0' -> out.write(0);
                    case '"', '\\', '\'' -> out.write(e);
                    case 'x' -> {
                        if (i + 4 > line.length()) {
                            throw new IllegalArgumentException("truncated \\x escape");
                        }
                        out.write(Integer.parseInt(line.substring(i + 2, i + 4), 16));
                        i += 2;
                    }
                    default -> throw new IllegalArgumentException("unknown escape \\" + e);
                }
                i += 2;
                continue;
            }
            final int cp = line.codePointAt(i);
            out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
            i += Character.charCount(cp);
        }
        throw new IllegalArgumentException("unterminated double quote");
    }

    private static int readSingleQuoted(final String line, final int from, final ByteArrayOutputStream out) {
        int i = from;
        while (i < line.length()) {
            final char c = line.charAt(i);
            if (c == '\'') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '\'') {
                out.write('\'');
                i += 2;
                continue;
            }
            final int cp = line.codePointAt(i);
            out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
            i += Character.charCount(cp);
        }
        throw new IllegalArgumentException("unterminated single quote");
    }

    private static String need(final String value, final String key) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(key + " needs =value");
        }
        return value;
    }
}
