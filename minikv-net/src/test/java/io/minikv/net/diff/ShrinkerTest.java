package io.minikv.net.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ShrinkerTest {

    @Test
    void findsTheTwoCommandsThatTogetherFail() {
        final List<Integer> seq = IntStream.range(0, 200).boxed().toList();
        final List<Integer> shortest = Shrinker.shrink(seq, s -> s.contains(17) && s.contains(150), 10_000);
        assertThat(shortest).containsExactly(17, 150);
    }

    @Test
    void keepsOrderAndIsOneMinimal() {
        final List<Integer> seq = IntStream.range(0, 64).boxed().toList();
        // Fails when 3 precedes 40 precedes 41 (all present).
        final List<Integer> shortest = Shrinker.shrink(seq, s -> s.indexOf(3) >= 0 && s.indexOf(3) < s.indexOf(40)
            && s.indexOf(40) < s.indexOf(41), 10_000);
        assertThat(shortest).containsExactly(3, 40, 41);
    }

    @Test
    void stopsAfterTheTestBudget() {
        final List<Integer> seq = IntStream.range(0, 1000).boxed().toList();
        final int[] runs = {0};
        final List<Integer> shortest = Shrinker.shrink(seq, s -> {
            runs[0]++;
            return s.contains(999);
        }, 5);
        assertThat(runs[0]).isLessThanOrEqualTo(5);
        assertThat(shortest).contains(999);
    }
}
