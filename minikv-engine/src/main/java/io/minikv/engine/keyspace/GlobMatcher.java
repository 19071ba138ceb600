package io.minikv.engine.keyspace;

/**
 * Redis's glob matching ({@code stringmatchlen} in {@code util.c}), byte for byte: {@code * ? [abc] [^a] [a-z] \x},
 * the same quirks included (an unterminated {@code [} matches as if closed, ranges may be reversed, bytes compare as
 * signed chars as in C). Used by KEYS and SCAN MATCH. Thread-safe (stateless).
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
        return match(pattern, 0, pattern.length, string, 0, string.length, new boolean[1], 0);
    }

    /** C strings end in NUL; Redis's loop peeks one byte past the pattern, which reads as 0 here. */
    private static int at(final byte[] p, final int i, final int end) {
        return i < end ? p[i] : 0;
    }

    private static boolean match(final byte[] pat, final int pStart, final int pEnd, final byte[] str,
        final int sStart, final int sEnd, final boolean[] skipLonger, final int nesting) {
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
                        if (match(pat, p + 1, pEnd, str, s, sEnd, skipLonger, nesting + 1)) {
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
                            if (pat[p] == str[s]) {
                                matched = true;
                            }
                        } else if (at(pat, p, pEnd) == ']') {
                            break;
                        } else if (p >= pEnd) {
                            p--;
                            break;
                        } else if (pEnd - p >= 3 && pat[p + 1] == '-') {
                            int start = pat[p];
                            int end = pat[p + 2];
                            final int c = str[s];
                            if (start > end) {
                                final int t = start;
                                start = end;
                                end = t;
                            }
                            p += 2;
                            if (c >= start && c <= end) {
                                matched = true;
                            }
                        } else if (pat[p] == str[s]) {
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
                    if (pat[p] != str[s]) {
                        return false;
                    }
                    s++;
                    break;
                default:
                    if (pat[p] != str[s]) {
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
