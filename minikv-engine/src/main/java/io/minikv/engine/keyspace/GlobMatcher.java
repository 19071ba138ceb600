package io.minikv.engine.keyspace;

/**
 * Redis's glob matching ({@code stringmatchlen} in {@code util.c}), byte for byte: {@code * ? [abc] [^a] [a-z] \x},
 * the same quirks included (an unterminated {@code [} matches as if closed, ranges may be reversed, bytes compare as
 * signed chars as in C). Used by KEYS, SCAN MATCH, ZSCAN MATCH and, case-insensitively, by the server's CONFIG GET and
 * COMMAND LIST FILTERBY PATTERN. Thread-safe (stateless).
 */
public final class GlobMatcher {
    private static final int MAX_NESTING = 1000;

    private GlobMatcher() {
    }

    /**
     * Matches a whole string against a pattern.
     *
     * @param pattern the glob.
     * @param string the candidate.
     * @return true when it matches.
     */
    public static boolean matches(final byte[] pattern, final byte[] string) {
        return match(pattern, 0, pattern.length, string, 0, string.length, new boolean[1], 0, false);
    }

    /**
     * Matches a whole string against a pattern, optionally ignoring ASCII case (Redis's {@code nocase} flag).
     *
     * @param pattern the glob.
     * @param string the candidate.
     * @param noCase true to compare ASCII letters case-insensitively.
     * @return true when it matches.
     */
    public static boolean matches(final byte[] pattern, final byte[] string, final boolean noCase) {
        return match(pattern, 0, pattern.length, string, 0, string.length, new boolean[1], 0, noCase);
    }

    /**
     * Returns whether a pattern contains glob syntax, i.e. may match more than the literal text.
     *
     * @param pattern the pattern.
     * @return true when it has {@code * ? [} or a backslash.
     */
    public static boolean hasWildcards(final byte[] pattern) {
        for (final byte b : pattern) {
            if (b == '*' || b == '?' || b == '[' || b == '\\') {
                return true;
            }
        }
        return false;
    }

    private static int fold(final int c, final boolean noCase) {
        return noCase && c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    /** C strings end in NUL; Redis's loop peeks one byte past the pattern, which reads as 0 here. */
    private static int at(final byte[] p, final int i, final int end) {
        return i < end ? p[i] : 0;
    }

    private static boolean match(final byte[] pat, final int pStart, final int pEnd, final byte[] str,
        final int sStart, final int sEnd, final boolean[] skipLonger, final int nesting, final boolean noCase) {
        if (nesting > MAX_NESTING) {
            return false;
        }
        int p = pStart;
        int s = sStart;
        while (p < pEnd && s < sEnd) {
            switch (pat[p]) {
                case '*':
                    while (p + 1 < pEnd && pat[p + 1] == '*') {
                        p++;
                    }
                    if (p + 1 == pEnd) {
                        return true;
                    }
                    while (s < sEnd) {
                        if (match(pat, p + 1, pEnd, str, s, sEnd, skipLonger, nesting + 1, noCase)) {
                            return true;
                        }
                        if (skipLonger[0]) {
                            return false;
                        }
                        s++;
                    }
                    skipLonger[0] = true;
                    return false;
                case '?':
                    s++;
                    break;
                case '[': {
                    p++;
                    final boolean not = at(pat, p, pEnd) == '^';
                    if (not) {
                        p++;
                    }
                    boolean matched = false;
                    while (true) {
                        if (at(pat, p, pEnd) == '\\' && pEnd - p >= 2) {
                            p++;
                            if (fold(pat[p], noCase) == fold(str[s], noCase)) {
                                matched = true;
                            }
                        } else if (at(pat, p, pEnd) == ']') {
                            break;
                        } else if (p >= pEnd) {
                            p--;
                            break;
                        } else if (pEnd - p >= 3 && pat[p + 1] == '-') {
                            int start = fold(pat[p], noCase);
                            int end = fold(pat[p + 2], noCase);
                            final int c = fold(str[s], noCase);
                            if (start > end) {
                                final int t = start;
                                start = end;
                                end = t;
                            }
                            p += 2;
                            if (c >= start && c <= end) {
                                matched = true;
                            }
                        } else if (fold(pat[p], noCase) == fold(str[s], noCase)) {
                            matched = true;
                        }
                        p++;
                    }
                    if (not) {
                        matched = !matched;
                    }
                    if (!matched) {
                        return false;
                    }
                    s++;
                    break;
                }
                case '\\':
                    if (pEnd - p >= 2) {
                        p++;
                    }
                    if (fold(pat[p], noCase) != fold(str[s], noCase)) {
                        return false;
                    }
                    s++;
                    break;
                default:
                    if (fold(pat[p], noCase) != fold(str[s], noCase)) {
                        return false;
                    }
                    s++;
                    break;
            }
            p++;
            if (s == sEnd) {
                while (at(pat, p, pEnd) == '*') {
                    p++;
                }
                break;
            }
        }
        return p == pEnd && s == sEnd;
    }
}
