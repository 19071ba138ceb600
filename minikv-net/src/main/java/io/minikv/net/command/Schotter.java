package io.minikv.net.command;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * LOLWUT VERSION 5's drawing: Georg Nees's "Schotter" (1968), squares that rotate and drift more the lower their row,
 * drawn on a canvas of dots and printed as Unicode Braille characters (2x4 dots each), as Redis 5's
 * {@code lolwut5.c} draws it. The arithmetic follows Redis's C types (single-precision sizes and angles, truncating
 * conversions), so the first two rows, which never move, come out as Redis's; the later rows are random there and
 * here alike.
 * <p>
 * Stateless; each call draws on a canvas of its own.
 */
final class Schotter {
    private Schotter() {
    }

    /**
     * Draws the picture and its caption.
     *
     * @param cols the output width in characters (1 to 1000).
     * @param squaresPerRow squares per row (1 to 200).
     * @param squaresPerCol squares per column (1 to 200).
     * @param version the Redis version for the caption.
     * @return the text, UTF-8.
     */
    static byte[] draw(final int cols, final int squaresPerRow, final int squaresPerCol, final String version) {
        final int width = cols * 2;
        final int padding = width > 4 ? 2 : 0;
        final float side = (float) (width - padding * 2) / squaresPerRow;
        final int height = (int) (side * squaresPerCol + padding * 2);
        final boolean[] canvas = new boolean[width * height];
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int y = 0; y < squaresPerCol; y++) {
            for (int x = 0; x < squaresPerRow; x++) {
                int sx = (int) (x * side + side / 2 + padding);
                int sy = (int) (y * side + side / 2 + padding);
                float angle = 0;
                if (y > 1) {
                    float r1 = random.nextFloat() / squaresPerCol * y;
                    float r2 = random.nextFloat() / squaresPerCol * y;
                    float r3 = random.nextFloat() / squaresPerCol * y;
                    r1 = random.nextBoolean() ? -r1 : r1;
                    r2 = random.nextBoolean() ? -r2 : r2;
                    r3 = random.nextBoolean() ? -r3 : r3;
                    angle = r1;
                    sx = (int) (sx + r2 * side / 3);
                    sy = (int) (sy + r3 * side / 3);
                }
                square(canvas, width, height, sx, sy, side, angle);
            }
        }
        final StringBuilder text = new StringBuilder();
        for (int y = 0; y < height; y += 4) {
            for (int x = 0; x < width; x += 2) {
                int bits = 0;
                bits |= dot(canvas, width, height, x, y) ? 1 : 0;
                bits |= dot(canvas, width, height, x, y + 1) ? 1 << 1 : 0;
                bits |= dot(canvas, width, height, x, y + 2) ? 1 << 2 : 0;
                bits |= dot(canvas, width, height, x + 1, y) ? 1 << 3 : 0;
                bits |= dot(canvas, width, height, x + 1, y + 1) ? 1 << 4 : 0;
                bits |= dot(canvas, width, height, x + 1, y + 2) ? 1 << 5 : 0;
                bits |= dot(canvas, width, height, x, y + 3) ? 1 << 6 : 0;
                bits |= dot(canvas, width, height, x + 1, y + 3) ? 1 << 7 : 0;
                text.append((char) (0x2800 + bits));
            }
            if (y != height - 1) {
                text.append('\n');
            }
        }
        text.append("\nGeorg Nees - schotter, plotter on paper, 1968. Redis ver. ").append(version).append('\n');
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean dot(final boolean[] canvas, final int width, final int height, final int x, final int y) {
        return x >= 0 && x < width && y >= 0 && y < height && canvas[x + y * width];
    }

    private static void set(final boolean[] canvas, final int width, final int height, final int x, final int y) {
        if (x >= 0 && x < width && y >= 0 && y < height) {
            canvas[x + y * width] = true;
        }
    }

    /**
     * A square centred on (x, y), its corners on the circle through them, the first at 45 degrees plus the angle;
     * single-precision where Redis's variables are {@code float}.
     */
    private static void square(final boolean[] canvas, final int width, final int height, final int x, final int y,
        final float side, final float angle) {
        final float size = (float) round((float) (side / 1.4142135623));
        final int[] px = new int[4];
        final int[] py = new int[4];
        float k = (float) (Math.PI / 4 + angle);
        for (int j = 0; j < 4; j++) {
            px[j] = (int) round(Math.sin(k) * size + x);
            py[j] = (int) round(Math.cos(k) * size + y);
            k = (float) (k + Math.PI / 2);
        }
        for (int j = 0; j < 4; j++) {
            line(canvas, width, height, px[j], py[j], px[(j + 1) % 4], py[(j + 1) % 4]);
        }
    }

    /** C's {@code round}: halves away from zero. */
    private static double round(final double value) {
        return value < 0 ? -Math.floor(-value + 0.5) : Math.floor(value + 0.5);
    }

    /** Bresenham's line from (x1, y1) to (x2, y2). */
    private static void line(final boolean[] canvas, final int width, final int height, final int fromX,
        final int fromY, final int toX, final int toY) {
        final int dx = Math.abs(toX - fromX);
        final int dy = Math.abs(toY - fromY);
        final int sx = fromX < toX ? 1 : -1;
        final int sy = fromY < toY ? 1 : -1;
        int err = dx - dy;
        int x = fromX;
        int y = fromY;
        while (true) {
            set(canvas, width, height, x, y);
            if (x == toX && y == toY) {
                break;
            }
            final int e2 = err * 2;
            if (e2 > -dy) {
                err -= dy;
                x += sx;
            }
            if (e2 < dx) {
                err += dx;
                y += sy;
            }
        }
    }
}
