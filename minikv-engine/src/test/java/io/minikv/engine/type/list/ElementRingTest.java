package io.minikv.engine.type.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The ring buffer behind lists: both ends, indexes across the wrap point, growth and shrinking. */
class ElementRingTest {

    static byte[] b(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> content(final ElementRing ring) {
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < ring.size(); i++) {
            out.add(new String(ring.get(i), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A ring whose head sits in the middle of its array, so its elements wrap around the end. */
    private static ElementRing wrapped() {
        final ElementRing ring = new ElementRing();
        for (int i = 0; i < 5; i++) {
            ring.addLast(b("x"));
        }
        for (int i = 0; i < 5; i++) {
            ring.pollFirst();
        }
        for (int i = 0; i < 6; i++) {
            ring.addLast(b(Integer.toString(i)));
        }
        assertThat(ring.capacity()).isEqualTo(ElementRing.MIN_CAPACITY);
        return ring;
    }

    @Test
    void shouldPushAndPopAtBothEnds() {
        final ElementRing ring = new ElementRing();
        assertThat(ring.pollFirst()).isNull();
        assertThat(ring.pollLast()).isNull();
        ring.addLast(b("b"));
        ring.addFirst(b("a"));
        ring.addLast(b("c"));
        assertThat(content(ring)).containsExactly("a", "b", "c");
        assertThat(ring.pollFirst()).isEqualTo(b("a"));
        assertThat(ring.pollLast()).isEqualTo(b("c"));
        assertThat(ring.pollLast()).isEqualTo(b("b"));
        assertThat(ring.size()).isZero();
        assertThat(ring.pollFirst()).isNull();
    }

    @Test
    void shouldIndexAcrossTheWrapPoint() {
        final ElementRing ring = wrapped();
        assertThat(content(ring)).containsExactly("0", "1", "2", "3", "4", "5");
        assertThat(ring.set(4, b("four"))).isEqualTo(b("4"));
        assertThat(ring.get(4)).isEqualTo(b("four"));
        assertThatThrownBy(() -> ring.get(6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ring.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ring.set(6, b("x"))).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldGrowKeepingOrderFromAWrappedState() {
        final ElementRing ring = wrapped();
        for (int i = 6; i < 40; i++) {
            if (i % 2 == 0) {
                ring.addLast(b(Integer.toString(i)));
            } else {
                ring.addFirst(b(Integer.toString(i)));
            }
        }
        assertThat(ring.size()).isEqualTo(40);
        assertThat(ring.capacity()).isEqualTo(64);
        assertThat(ring.get(0)).isEqualTo(b("39"));
        assertThat(ring.get(39)).isEqualTo(b("38"));
        assertThat(ring.get(17)).isEqualTo(b("0"));
        assertThat(ring.get(22)).isEqualTo(b("5"));
    }

    @Test
    void shouldShrinkWhenMostlyEmpty() {
        final ElementRing ring = new ElementRing();
        for (int i = 0; i < 1000; i++) {
            ring.addLast(b(Integer.toString(i)));
        }
        assertThat(ring.capacity()).isEqualTo(1024);
        ring.removeFirst(990);
        assertThat(ring.capacity()).isEqualTo(32);
        assertThat(content(ring)).startsWith("990").endsWith("999").hasSize(10);
        while (ring.size() > 0) {
            ring.pollLast();
        }
        assertThat(ring.capacity()).isEqualTo(ElementRing.MIN_CAPACITY);
    }

    @Test
    void shouldInsertMovingTheShorterSide() {
        final ElementRing ring = wrapped();
        ring.insert(1, b("near-head"));
        ring.insert(6, b("near-tail"));
        ring.insert(0, b("head"));
        ring.insert(ring.size(), b("tail"));
        assertThat(content(ring)).containsExactly("head", "0", "near-head", "1", "2", "3", "4", "near-tail", "5",
            "tail");
        assertThatThrownBy(() -> ring.insert(11, b("x"))).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ring.insert(-1, b("x"))).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldRemoveByIndexFromEitherSide() {
        final ElementRing ring = wrapped();
        assertThat(ring.remove(1)).isEqualTo(b("1"));
        assertThat(ring.remove(3)).isEqualTo(b("4"));
        assertThat(ring.remove(0)).isEqualTo(b("0"));
        assertThat(ring.remove(ring.size() - 1)).isEqualTo(b("5"));
        assertThat(content(ring)).containsExactly("2", "3");
        assertThatThrownBy(() -> ring.remove(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldRemoveRangesAtTheEnds() {
        final ElementRing ring = wrapped();
        ring.removeFirst(2);
        ring.removeLast(1);
        assertThat(content(ring)).containsExactly("2", "3", "4");
        ring.removeFirst(0);
        ring.removeLast(0);
        assertThat(ring.size()).isEqualTo(3);
        assertThatThrownBy(() -> ring.removeLast(4)).isInstanceOf(IndexOutOfBoundsException.class);
        ring.removeLast(3);
        assertThat(ring.size()).isZero();
    }

    @Test
    void shouldRemoveMatchesFromTheHeadOrTheTail() {
        final String[] items = {"a", "b", "a", "c", "a", "b", "a"};
        final ElementRing ring = new ElementRing();
        for (final String s : items) {
            ring.addLast(b(s));
        }
        ring.pollFirst();
        ring.addFirst(b("a"));
        assertThat(ring.removeMatching(b("a"), 2, false)).isEqualTo(2);
        assertThat(content(ring)).containsExactly("b", "c", "a", "b", "a");
        assertThat(ring.removeMatching(b("b"), 1, true)).isEqualTo(1);
        assertThat(content(ring)).containsExactly("b", "c", "a", "a");
        assertThat(ring.removeMatching(b("a"), 0, true)).isEqualTo(2);
        assertThat(content(ring)).containsExactly("b", "c");
        assertThat(ring.removeMatching(b("zz"), 0, false)).isZero();
        assertThat(ring.removeMatching(b("c"), 5, false)).isEqualTo(1);
        assertThat(ring.removeMatching(b("b"), 0, false)).isEqualTo(1);
        assertThat(ring.size()).isZero();
    }

    @Test
    void shouldCopyIndependently() {
        final ElementRing ring = wrapped();
        final ElementRing copy = ring.copy();
        ring.pollFirst();
        copy.addLast(b("6"));
        assertThat(content(ring)).containsExactly("1", "2", "3", "4", "5");
        assertThat(content(copy)).containsExactly("0", "1", "2", "3", "4", "5", "6");
        assertThat(new ElementRing().copy().size()).isZero();
    }

    @Test
    void shouldClearSlotsItNoLongerUses() throws Exception {
        final ElementRing ring = wrapped();
        ring.pollFirst();
        ring.pollLast();
        ring.remove(1);
        ring.removeMatching(b("3"), 0, true);
        final java.lang.reflect.Field f = ElementRing.class.getDeclaredField("slots");
        f.setAccessible(true);
        int used = 0;
        for (final byte[] slot : (byte[][]) f.get(ring)) {
            if (slot != null) {
                used++;
            }
        }
        assertThat(used).isEqualTo(ring.size()).isEqualTo(2);
    }
}
