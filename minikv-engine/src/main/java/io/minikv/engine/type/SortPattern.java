package io.minikv.engine.type;

/**
 * SORT's BY and GET patterns, as Redis's {@code lookupKeyByPattern}: {@code #} is the element itself; otherwise the
 * first {@code *} is replaced by the element to name a key, and a {@code ->field} after the {@code *} reads that hash
 * field instead of a string value. Redis searches the pattern with C string functions, so a NUL byte ends the search
 * for {@code #}, {@code *} and {@code ->}, while the key's suffix and the field are taken up to the pattern's real end.
 * A pattern without {@code *} names no key (nil). Stateless.
 */
final class SortPattern {

    private SortPattern() {
    }

    /** Whether the pattern is {@code #} as Redis tests it: {@code #} followed by the end or a NUL byte. */
    static boolean isElement(final byte[] pattern) {
        return pattern.length > 0 && pattern[0] == '#' && (pattern.length == 1 || pattern[1] == 0);
    }

    /** The position of the first {@code *} before any NUL byte, or -1. */
    static int star(final byte[] pattern) {
        for (int i = 0; i < pattern.length && pattern[i] != 0; i++) {
            if (pattern[i] == '*') {
                return i;
            }
        }
        return -1;
    }

    /** Whether looking the pattern up reads a key. */
    static boolean namesKeys(final byte[] pattern) {
        return !isElement(pattern) && star(pattern) >= 0;
    }

    /** The position of the {@code ->} starting a hash field (C's strstr after the star, a non-empty field), or -1. */
    private static int arrow(final byte[] pattern, final int star) {
        for (int i = star + 1; i + 1 < pattern.length && pattern[i] != 0; i++) {
            if (pattern[i] == '-' && pattern[i + 1] == '>') {
                return i + 2 < pattern.length && pattern[i + 2] != 0 ? i : -1;
            }
        }
        return -1;
    }

    /**
     * Looks a pattern up for one element.
     *
     * @param locked the command's locks; the whole database is locked when the pattern names keys.
     * @param pattern the BY or GET pattern.
     * @param element the element substituted for {@code *}.
     * @return the element for {@code #}, the string value or hash field value, or null.
     */
    static byte[] lookup(final LockedObjects locked, final byte[] pattern, final byte[] element) {
        if (isElement(pattern)) {
            return element;
        }
        final int star = star(pattern);
        if (star < 0) {
            return null;
        }
        final int arrow = arrow(pattern, star);
        final int suffixEnd = arrow < 0 ? pattern.length : arrow;
        final int suffix = suffixEnd - star - 1;
        final byte[] key = new byte[star + element.length + suffix];
        System.arraycopy(pattern, 0, key, 0, star);
        System.arraycopy(element, 0, key, star, element.length);
        System.arraycopy(pattern, star + 1, key, star + element.length, suffix);
        final byte[] field = arrow < 0 ? null : java.util.Arrays.copyOfRange(pattern, arrow + 2, pattern.length);
        return locked.lookup(key, field);
    }
}
