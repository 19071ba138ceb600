package io.minikv.net.command;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * LOLWUT VERSION 6's drawing: a city skyline after the parallax backgrounds of 8-bit games (Plaguemon's), as Redis
 * 6's {@code lolwut6.c} draws it: two passes of window-less buildings in the two grays, then black buildings with
 * grey windows, on a white sky, printed with the terminal's four grey levels (each "pixel" a space with its
 * background colour set). Random, as in Redis, except where the picture is too low for any building.
 * <p>
 * Stateless; each call draws on a canvas of its own.
 */
final class Skyline {
    /** The escape sequence of each grey level, black to white. */
    private static final String[] COLORS = {"0;30;40m", "0;90;100m", "0;37;47m", "0;97;107m"};

    private Skyline() {
    }

    /**
     * Draws the picture and its caption.
     *
     * @param cols the width in characters (1 to 1000).
     * @param rows the height in lines (1 to 1000).
     * @param version the Redis version for the caption.
     * @return the text, UTF-8.
     */
    static byte[] draw(final int cols, final int rows, final String version) {
        final int[] canvas = new int[cols * rows];
        java.util.Arrays.fill(canvas, 3);
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        // The background, lighter grey first so that it stays behind.
        for (int color = 2; color >= 1; color--) {
            for (int offset = -10; offset < cols;) {
                offset += random.nextInt(8);
                final int width = 10 + random.nextInt(9);
                // As Redis's rand()%height/2: the remainder is halved (or thirded).
                final int height = rows / 2 + (color == 2 ? random.nextInt(rows) / 2 : random.nextInt(rows) / 3);
                building(canvas, cols, rows, offset, width, height, false, color, random);
                offset += color == 2 ? width / 2 : width + 1;
            }
        }
        for (int offset = -10; offset < cols;) {
            offset += random.nextInt(8);
            int width = 5 + random.nextInt(14);
            if (width % 4 != 0) {
                width += width % 3;
            }
            final int height = rows / 3 + random.nextInt(rows) / 2;
            building(canvas, cols, rows, offset, width, height, true, 0, random);
            offset += width + 5;
        }
        final StringBuilder text = new StringBuilder();
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                text.append("\033[").append(COLORS[canvas[x + y * cols]]).append(" \033[0m");
            }
            if (y != rows - 1) {
                text.append('\n');
            }
        }
        text.append("\nDedicated to the 8 bit game developers of past and present.\n"
            + "Original 8 bit image from Plaguemon by hikikomori. Redis ver. ").append(version).append('\n');
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One building standing on the bottom row; its roof is two pixels narrower on each side. */
    private static void building(final int[] canvas, final int cols, final int rows, final int xoff, final int width,
        final int height, final boolean windows, final int color, final ThreadLocalRandom random) {
        final int starty = rows - 1;
        final int endy = starty - height + 1;
        for (int y = starty; y >= endy; y--) {
            for (int x = xoff; x < xoff + width; x++) {
                if (y == endy && (x <= xoff + 1 || x >= xoff + width - 2)) {
                    continue;
                }
                int pixel = color;
                if (windows && x > xoff + 1 && x < xoff + width - 2 && y > endy + 1 && y < starty - 1) {
                    final int relx = x - (xoff + 1);
                    final int rely = y - (endy + 1);
                    // Windows are two pixels wide and one tall; both pixels of a window share its grey.
                    if (relx / 2 % 2 != 0 && rely % 2 != 0) {
                        do {
                            pixel = 1 + random.nextInt(2);
                        } while (pixel == color);
                        if (relx % 2 != 0) {
                            pixel = get(canvas, cols, rows, x - 1, y);
                        }
                    }
                }
                if (x >= 0 && x < cols && y >= 0 && y < rows) {
                    canvas[x + y * cols] = pixel;
                }
            }
        }
    }

    private static int get(final int[] canvas, final int cols, final int rows, final int x, final int y) {
        return x >= 0 && x < cols && y >= 0 && y < rows ? canvas[x + y * cols] : 0;
    }
}
