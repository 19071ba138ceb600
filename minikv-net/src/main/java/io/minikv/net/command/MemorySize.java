package io.minikv.net.command;

import java.util.Locale;

/**
 * Parses memory sizes as Redis's {@code memtoull}: a number with an optional unit, {@code b}, {@code k} (1000),
 * {@code kb} (1024), {@code m}, {@code mb}, {@code g}, {@code gb}, case-insensitive.
 */
public final class MemorySize {
    private MemorySize() {
    }

    /**
     * Parses a size.
     *
     * @param text e.g. {@code 100mb}, {@code 1gb}, {@code 4096}.
     * @return the bytes, or -1 when the text is not a size.
     */
    public static long parse(final String text) {
        final String t = text.trim().toLowerCase(Locale.ROOT);
        int end = t.length();
        while (end > 0 && !Character.isDigit(t.charAt(end - 1))) {
            end--;
        }
        final String unit = t.substring(end);
        final long multiplier;
        switch (unit) {
            case "":
            case "b":
                multiplier = 1;
                break;
            case "k":
                multiplier = 1000L;
                break;
            case "kb":
                multiplier = 1024L;
                break;
            case "m":
                multiplier = 1000L * 1000;
                break;
            case "mb":
                multiplier = 1024L * 1024;
                break;
            case "g":
                multiplier = 1000L * 1000 * 1000;
                break;
            case "gb":
                multiplier = 1024L * 1024 * 1024;
                break;
            default:
                return -1;
        }
        final String digits = t.substring(0, end);
        if (digits.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return -1;
            }
        }
        try {
            return Math.multiplyExact(Long.parseLong(digits), multiplier);
        } catch (final ArithmeticException | NumberFormatException e) {
            return -1;
        }
    }
}
