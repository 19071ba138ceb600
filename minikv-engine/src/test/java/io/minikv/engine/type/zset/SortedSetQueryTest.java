package io.minikv.engine.type.zset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** ZQUERY's seek and offset moves, with the book's vectors (REFERENCE 1.1). */
class SortedSetQueryTest {

    private static byte[] b(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static SortedSet abcd() {
        final SortedSet set = new SortedSet(3);
        set.add(10, b("a"), 0);
        set.add(20, b("b"), 0);
        set.add(20, b("c"), 0);
        set.add(30, b("d"), 0);
        return set;
    }

    private static String at(final SortedSet set, final long rank) {
        return rank < 0 ? null : new String(set.byRank(rank).member(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldSeekAsTheBook() {
        final SortedSet set = abcd();
        assertThat(at(set, set.queryStart(15, b("a"), 0))).isEqualTo("b");
        assertThat(at(set, set.queryStart(20, b("b"), 0))).isEqualTo("b");
        assertThat(at(set, set.queryStart(20, b("bb"), 0))).isEqualTo("c");
        assertThat(set.queryStart(40, b("a"), 0)).isEqualTo(-1);
        assertThat(at(set, set.queryStart(20, b("c"), 0))).isEqualTo("c");
        assertThat(at(set, set.queryStart(10, b("a"), 1))).isEqualTo("b");
    }

    @Test
    void shouldMoveByOffsetAsTheBook() {
        final SortedSet set = new SortedSet(5);
        for (final String m : new String[] {"a", "b", "c", "d", "e"}) {
            set.add(1, b(m), 0);
        }
        // Rank 3 (1-based) is "c".
        assertThat(at(set, set.queryStart(1, b("c"), 2))).isEqualTo("e");
        assertThat(at(set, set.queryStart(1, b("c"), -1))).isEqualTo("b");
        assertThat(set.queryStart(1, b("c"), 3)).isEqualTo(-1);
        assertThat(set.queryStart(1, b("c"), -3)).isEqualTo(-1);
        assertThat(at(set, set.queryStart(1, b("c"), -2))).isEqualTo("a");
        assertThat(set.queryStart(1, b("c"), Long.MAX_VALUE)).isEqualTo(-1);
        assertThat(set.queryStart(1, b("c"), Long.MIN_VALUE)).isEqualTo(-1);
        assertThat(new SortedSet(1).queryStart(0, b(""), 0)).isEqualTo(-1);
    }
}
