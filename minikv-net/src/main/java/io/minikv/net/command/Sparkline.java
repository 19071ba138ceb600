package io.minikv.net.command;

/**
 * Redis's ASCII sparklines ({@code sparkline.c}), as LATENCY GRAPH draws them: each sample is a column whose height
 * is its value scaled between the sequence's minimum and maximum over {@code rows} rows of three steps each, filled
 * below its top ({@code _ o #} for the top step, {@code |} under it), with its label written downwards below the
 * graph after one blank line. Sequences longer than the width continue in further blocks.
 * <p>
 * Stateless.
 */
final class Sparkline {
    private static final char[] FILL = {'_', 'o', '#'};
    private static final int LABEL_MARGIN_TOP = 1;

    private Sparkline() {
    }

    /**
     * Appends the sparkline of a sequence.
     *
     * @param out where to append.
     * @param values the samples.
     * @param labels each sample's label, non-empty.
     * @param columns the width of a block.
     * @param rows the height of the graph.
     */
    static void render(final StringBuilder out, final double[] values, final String[] labels, final int columns,
        final int rows) {
        double min = 0;
        double max = 0;
        for (int i = 0; i < values.length; i++) {
            min = i == 0 ? values[i] : Math.min(min, values[i]);
            max = i == 0 ? values[i] : Math.max(max, values[i]);
        }
        for (int j = 0; j < values.length; j += columns) {
            if (j != 0) {
                out.append('\n');
            }
            renderRange(out, values, labels, min, max, rows, j, Math.min(columns, values.length - j));
        }
    }

    private static void renderRange(final StringBuilder out, final double[] values, final String[] labels,
        final double min, final double max, final int rows, final int offset, final int len) {
        final double relmax = max - min == 0 ? 1 : max - min;
        final int steps = FILL.length * rows;
        final char[] chars = new char[len];
        int row = 0;
        boolean loop = true;
        while (loop) {
            loop = false;
            java.util.Arrays.fill(chars, ' ');
            for (int j = 0; j < len; j++) {
                final double relval = values[j + offset] - min;
                // As Redis's (int) (relval*steps)/relmax: the product is truncated before the division.
                int step = (int) ((int) (relval * steps) / relmax);
                step = Math.max(0, Math.min(steps - 1, step));
                if (row < rows) {
                    final int charidx = step - (rows - row - 1) * FILL.length;
                    loop = true;
                    if (charidx >= 0 && charidx < FILL.length) {
                        chars[j] = FILL[charidx];
                    } else if (charidx >= FILL.length) {
                        chars[j] = '|';
                    }
                } else {
                    if (row - rows < LABEL_MARGIN_TOP) {
                        loop = true;
                        break;
                    }
                    final String label = labels[j + offset];
                    final int labelChar = row - rows - LABEL_MARGIN_TOP;
                    if (label.length() > labelChar) {
                        loop = true;
                        chars[j] = label.charAt(labelChar);
                    }
                }
            }
            if (loop) {
                row++;
                out.append(chars).append('\n');
            }
        }
    }
}
