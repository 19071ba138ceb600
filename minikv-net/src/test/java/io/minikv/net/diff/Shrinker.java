package io.minikv.net.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Delta debugging (Zeller's ddmin) over a command sequence: finds a short subsequence for which a test still fails.
 * The result is 1-minimal: removing any single command makes the failure go away. Stateless.
 */
final class Shrinker {

    private Shrinker() {
    }

    /**
     * Shrinks {@code failing}, which must make {@code fails} return true.
     *
     * @param failing  the failing sequence
     * @param fails    runs a candidate sequence from a clean state and says whether it still fails
     * @param maxTests gives up refining (returning the best so far) after this many runs of {@code fails}
     * @return the shortest failing subsequence found, in the original order
     */
    static <T> List<T> shrink(final List<T> failing, final Predicate<List<T>> fails, final int maxTests) {
        List<T> current = new ArrayList<>(failing);
        int granularity = 2;
        int tests = 0;
        while (current.size() >= 2 && tests < maxTests) {
            final int chunk = (int) Math.ceil(current.size() / (double) granularity);
            boolean reduced = false;
            for (int start = 0; start < current.size() && tests < maxTests; start += chunk) {
                final List<T> complement = new ArrayList<>(current.subList(0, start));
                complement.addAll(current.subList(Math.min(current.size(), start + chunk), current.size()));
                tests++;
                if (!complement.isEmpty() && fails.test(complement)) {
                    current = complement;
                    granularity = Math.max(granularity - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (granularity >= current.size()) {
                    break;
                }
                granularity = Math.min(granularity * 2, current.size());
            }
        }
        return current;
    }
}
