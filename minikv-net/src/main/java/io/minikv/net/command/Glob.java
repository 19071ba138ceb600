package io.minikv.net.command;

/**
 * Redis's {@code stringmatchlen} over text, for CONFIG GET and COMMAND LIST FILTERBY PATTERN: {@code * ? [abc]
 * [^a] [a-z] \x}. Keys are matched by the store, not here.
 */
final class Glob {
    private Glob() {
    }

    /**
     * Matches text against a glob.
     *
     * @param pattern the glob.
     * @param text the text.
     * @param noCase whether to ignore ASCII case.
     * @return true when the whole text matches.
     */
    static boolean matches(final String pattern, final String text, final boolean noCase) {
        return match(pattern, 0, text, 0, noCase, 0);
    }

    /**
     * Returns whether a pattern contains glob syntax.
     *
     * @param pattern the pattern.
     * @return true when it has {@code * ? [} or a backslash.
     */
    static boolean isGlob(final String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            final char ch = pattern.charAt(i);
            if (ch == '*' || ch == '?' || ch == '[' || ch == '\\') {
                return true;
            }
        }
        return false;
    }

    private static boolean match(final String p, final int pi, final String s, final int si, final boolean noCase,
        final int depth) {
        if (depth > 1000) {
            return false;
        }
        int i = pi;
        int j = si;
        while (i < p.length()) {
            final char pc = p.charAt(i);
            switch (pc) {
                case '*':
                    while (i + 1 < p.length() && p.charAt(i + 1) == '*') {
                        i++;
                    }
                    if (i + 1 == p.length()) {
                        return true;
                    }
                    for (int k = j; k <= s.length(); k++) {
                        if (match(p, i + 1, s, k, noCase, depth + 1)) {
                            return true;
                        }
                    }
                    return false;
                case '?':
                    if (j >= s.length()) {
                        return false;
                    }
                    j++;
                    break;
                case '[': {
                    if (j >= s.length()) {
                        return false;
                    }
                    i++;
                    final boolean not = i < p.length() && p.charAt(i) == '^';
                    if (not) {
                        i++;
                    }
                    boolean found = false;
                    final char c = fold(s.charAt(j), noCase);
                    while (i < p.length() && p.charAt(i) != ']') {
                        if (p.charAt(i) == '\\' && i + 1 < p.length()) {
                            i++;
                            found |= fold(p.charAt(i), noCase) == c;
                        } else if (i + 2 < p.length() && p.charAt(i + 1) == '-') {
                            char lo = fold(p.charAt(i), noCase);
                            char hi = fold(p.charAt(i + 2), noCase);
                            if (lo > hi) {
                                final char t = lo;
                                lo = hi;
                                hi = t;
                            }
                            found |= c >= lo && c <= hi;
                            i += 2;
                        } else {
                            found |= fold(p.charAt(i), noCase) == c;
                        }
                        i++;
                    }
                    if (not == found) {
                        return false;
                    }
                    j++;
                    break;
                }
                case '\\':
                    if (i + 1 < p.length()) {
                        i++;
                    }
                    if (j >= s.length() || fold(p.charAt(i), noCase) != fold(s.charAt(j), noCase)) {
                        return false;
                    }
                    j++;
                    break;
                default:
                    if (j >= s.length() || fold(pc, noCase) != fold(s.charAt(j), noCase)) {
                        return false;
                    }
                    j++;
                    break;
            }
            i++;
        }
        return j == s.length();
    }

    private static char fold(final char c, final boolean noCase) {
        return noCase && c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
