package io.minikv.engine.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.KeyedElements;
import io.minikv.api.KvError;
import io.minikv.api.KvException;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.ListEnd;
import io.minikv.api.ValueType;

/** List commands through the embedded store, with Redis 7's results and error texts. */
class ListOpsTest {
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    private final KvStore store = MiniKv.open(KvOptions.defaults());

    @AfterEach
    void close() {
        store.close();
    }

    static byte[] b(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[][] bs(final String... items) {
        final byte[][] out = new byte[items.length][];
        for (int i = 0; i < items.length; i++) {
            out[i] = b(items[i]);
        }
        return out;
    }

    static List<String> strings(final List<byte[]> list) {
        if (list == null) {
            return null;
        }
        final List<String> out = new ArrayList<>();
        for (final byte[] e : list) {
            out.add(new String(e, StandardCharsets.UTF_8));
        }
        return out;
    }

    private List<String> all(final String key) {
        return strings(store.lrange(b(key), 0, -1));
    }

    private void abcde() {
        store.rpush(b("l"), bs("a", "b", "c", "d", "e"));
    }

    private void stringAt(final String key) {
        store.set(b(key), b("v"));
    }

    private static KvError error(final Runnable r) {
        try {
            r.run();
        } catch (final KvException e) {
            return e.error();
        }
        throw new AssertionError("no error");
    }

    // ------------------------------------------------------------------------------------------------ push

    @Test
    void shouldPushAtBothEndsInArgumentOrder() {
        assertThat(store.lpush(b("l"), bs("a", "b", "c"))).isEqualTo(3);
        assertThat(all("l")).containsExactly("c", "b", "a");
        assertThat(store.rpush(b("l"), bs("x", "y"))).isEqualTo(5);
        assertThat(all("l")).containsExactly("c", "b", "a", "x", "y");
        assertThat(store.type(b("l"))).isEqualTo(ValueType.LIST);
    }

    @Test
    void shouldPushxOnlyOntoExistingLists() {
        assertThat(store.lpushx(b("l"), bs("a"))).isZero();
        assertThat(store.rpushx(b("l"), bs("a"))).isZero();
        assertThat(store.exists(b("l"))).isZero();
        store.rpush(b("l"), bs("m"));
        assertThat(store.lpushx(b("l"), bs("a", "b"))).isEqualTo(3);
        assertThat(store.rpushx(b("l"), bs("z"))).isEqualTo(4);
        assertThat(all("l")).containsExactly("b", "a", "m", "z");
    }

    @Test
    void shouldKeepBinaryAndEmptyElements() {
        final byte[] bin = {0, (byte) 0xff, '\r', '\n'};
        store.rpush(b("l"), bin, new byte[0]);
        assertThat(store.lindex(b("l"), 0)).isEqualTo(bin);
        assertThat(store.lindex(b("l"), 1)).isEmpty();
        assertThat(store.lpos(b("l"), new byte[0], 1, 0)).isEqualTo(1L);
        assertThat(store.lrem(b("l"), 0, bin)).isEqualTo(1);
        assertThat(store.llen(b("l"))).isEqualTo(1);
    }

    @Test
    void shouldRejectPushWithoutElements() {
        assertThatThrownBy(() -> store.lpush(b("l"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.rpushx(b("l"))).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------------------------------------ pop

    @Test
    void shouldPopAndDeleteTheEmptiedKey() {
        store.rpush(b("l"), bs("a", "b", "c"));
        assertThat(store.lpop(b("l"))).isEqualTo(b("a"));
        assertThat(store.rpop(b("l"))).isEqualTo(b("c"));
        assertThat(store.lpop(b("l"))).isEqualTo(b("b"));
        assertThat(store.exists(b("l"))).isZero();
        assertThat(store.lpop(b("l"))).isNull();
        assertThat(store.rpop(b("l"))).isNull();
    }

    @Test
    void shouldPopWithCount() {
        abcde();
        assertThat(strings(store.lpop(b("l"), 2))).containsExactly("a", "b");
        assertThat(strings(store.rpop(b("l"), 2))).containsExactly("e", "d");
        assertThat(strings(store.lpop(b("l"), 0))).isEmpty();
        assertThat(strings(store.rpop(b("l"), 100))).containsExactly("c");
        assertThat(store.exists(b("l"))).isZero();
        assertThat(store.lpop(b("l"), 0)).isNull();
        assertThat(store.rpop(b("l"), 3)).isNull();
        assertThat(error(() -> store.lpop(b("l"), -1))).isEqualTo(KvError.COUNT_NOT_POSITIVE);
        assertThat(KvError.COUNT_NOT_POSITIVE.text()).isEqualTo("ERR value is out of range, must be positive");
        assertThat(strings(store.lpop(b("nokey"), Long.MAX_VALUE))).isNull();
    }

    @Test
    void shouldLmpopFromTheFirstExistingKey() {
        store.rpush(b("l2"), bs("a", "b", "c"));
        final KeyedElements popped = store.lmpop(ListEnd.RIGHT, 2, b("nokey"), b("l2"));
        assertThat(popped.key()).isEqualTo(b("l2"));
        assertThat(strings(popped.elements())).containsExactly("c", "b");
        assertThat(strings(store.lmpop(ListEnd.LEFT, 10, b("l2")).elements())).containsExactly("a");
        assertThat(store.exists(b("l2"))).isZero();
        assertThat(store.lmpop(ListEnd.LEFT, 1, b("l2"), b("nokey"))).isNull();
        assertThat(error(() -> store.lmpop(ListEnd.LEFT, 0, b("l2")))).isEqualTo(KvError.COUNT_SHOULD_BE_POSITIVE);
        assertThatThrownBy(() -> store.lmpop(ListEnd.LEFT, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldLmpopStopAtAKeyOfAnotherType() {
        stringAt("s");
        store.rpush(b("l"), bs("a"));
        assertThatThrownBy(() -> store.lmpop(ListEnd.LEFT, 1, b("nokey"), b("s"), b("l"))).hasMessage(WRONGTYPE);
        assertThat(strings(store.lmpop(ListEnd.LEFT, 1, b("l"), b("s")).elements())).containsExactly("a");
    }

    // ------------------------------------------------------------------------------------------------ reads

    @Test
    void shouldAnswerLlenAndLindex() {
        assertThat(store.llen(b("l"))).isZero();
        assertThat(store.lindex(b("l"), 0)).isNull();
        abcde();
        assertThat(store.llen(b("l"))).isEqualTo(5);
        assertThat(store.lindex(b("l"), 0)).isEqualTo(b("a"));
        assertThat(store.lindex(b("l"), 4)).isEqualTo(b("e"));
        assertThat(store.lindex(b("l"), -1)).isEqualTo(b("e"));
        assertThat(store.lindex(b("l"), -5)).isEqualTo(b("a"));
        assertThat(store.lindex(b("l"), -6)).isNull();
        assertThat(store.lindex(b("l"), 5)).isNull();
        assertThat(store.lindex(b("l"), Long.MAX_VALUE)).isNull();
        assertThat(store.lindex(b("l"), Long.MIN_VALUE)).isNull();
    }

    @Test
    void shouldClampLrangeAsRedis() {
        abcde();
        assertThat(strings(store.lrange(b("l"), 1, 3))).containsExactly("b", "c", "d");
        assertThat(strings(store.lrange(b("l"), -2, -1))).containsExactly("d", "e");
        assertThat(strings(store.lrange(b("l"), -100, 100))).containsExactly("a", "b", "c", "d", "e");
        assertThat(strings(store.lrange(b("l"), 3, 1))).isEmpty();
        assertThat(strings(store.lrange(b("l"), 5, 10))).isEmpty();
        assertThat(strings(store.lrange(b("l"), 0, -6))).isEmpty();
        assertThat(strings(store.lrange(b("l"), Long.MIN_VALUE, Long.MAX_VALUE))).hasSize(5);
        assertThat(strings(store.lrange(b("l"), Long.MAX_VALUE, Long.MIN_VALUE))).isEmpty();
        assertThat(strings(store.lrange(b("nokey"), 0, -1))).isEmpty();
    }

    @Test
    void shouldFindPositionsWithRankCountAndMaxlen() {
        store.rpush(b("l"), bs("a", "b", "c", "a", "b", "c", "a"));
        assertThat(store.lpos(b("l"), b("a"), 1, 0)).isEqualTo(0L);
        assertThat(store.lpos(b("l"), b("a"), 2, 0)).isEqualTo(3L);
        assertThat(store.lpos(b("l"), b("a"), -1, 0)).isEqualTo(6L);
        assertThat(store.lpos(b("l"), b("a"), -3, 0)).isEqualTo(0L);
        assertThat(store.lpos(b("l"), b("a"), 4, 0)).isNull();
        assertThat(store.lpos(b("l"), b("c"), 1, 2)).isNull();
        assertThat(store.lpos(b("l"), b("c"), 1, 3)).isEqualTo(2L);
        assertThat(store.lpos(b("l"), b("zz"), 1, 0)).isNull();
        assertThat(store.lpos(b("nokey"), b("a"), 1, 0)).isNull();
        assertThat(store.lpos(b("l"), b("a"), 1, 0, 0)).containsExactly(0L, 3L, 6L);
        assertThat(store.lpos(b("l"), b("a"), 2, 1, 0)).containsExactly(3L);
        assertThat(store.lpos(b("l"), b("a"), -1, 2, 0)).containsExactly(6L, 3L);
        assertThat(store.lpos(b("l"), b("a"), 1, 0, 4)).containsExactly(0L, 3L);
        assertThat(store.lpos(b("l"), b("a"), -2, 0, 4)).containsExactly(3L);
        assertThat(store.lpos(b("l"), b("zz"), 1, 0, 0)).isEmpty();
        assertThat(store.lpos(b("nokey"), b("a"), 1, 0, 0)).isEmpty();
        assertThat(store.lpos(b("l"), b("a"), Long.MAX_VALUE, 0, 0)).isEmpty();
    }

    @Test
    void shouldTreatTheSmallestRankAsRedis70Does() {
        store.rpush(b("l"), bs("a", "b", "a", "b", "a"));
        // -Long.MIN_VALUE wraps to itself: the first match from the tail, and with COUNT every match.
        assertThat(store.lpos(b("l"), b("a"), Long.MIN_VALUE, 0)).isEqualTo(4L);
        assertThat(store.lpos(b("l"), b("a"), Long.MIN_VALUE, 1, 0)).containsExactly(4L, 2L, 0L);
    }

    @Test
    void shouldRejectBadLposOptions() {
        store.rpush(b("l"), bs("a"));
        assertThat(error(() -> store.lpos(b("l"), b("a"), 0, 0))).isEqualTo(KvError.LPOS_RANK_ZERO);
        assertThat(error(() -> store.lpos(b("l"), b("a"), 1, -1, 0))).isEqualTo(KvError.LPOS_COUNT_NEGATIVE);
        assertThat(error(() -> store.lpos(b("l"), b("a"), 1, 0, -1))).isEqualTo(KvError.LPOS_MAXLEN_NEGATIVE);
        assertThat(error(() -> store.lpos(b("l"), b("a"), 1, -1))).isEqualTo(KvError.LPOS_MAXLEN_NEGATIVE);
        assertThat(KvError.LPOS_RANK_ZERO.text()).isEqualTo("ERR RANK can't be zero: use 1 to start from the first "
            + "match, 2 from the second ... or use negative to start from the end of the list");
        assertThat(KvError.LPOS_COUNT_NEGATIVE.text()).isEqualTo("ERR COUNT can't be negative");
        assertThat(KvError.LPOS_MAXLEN_NEGATIVE.text()).isEqualTo("ERR MAXLEN can't be negative");
    }

    // ------------------------------------------------------------------------------------------------ edits

    @Test
    void shouldSetByIndex() {
        abcde();
        store.lset(b("l"), 0, b("A"));
        store.lset(b("l"), -1, b("E"));
        assertThat(all("l")).containsExactly("A", "b", "c", "d", "E");
        assertThat(error(() -> store.lset(b("l"), 5, b("x")))).isEqualTo(KvError.INDEX_OUT_OF_RANGE);
        assertThat(error(() -> store.lset(b("l"), -6, b("x")))).isEqualTo(KvError.INDEX_OUT_OF_RANGE);
        assertThat(error(() -> store.lset(b("l"), Long.MIN_VALUE, b("x")))).isEqualTo(KvError.INDEX_OUT_OF_RANGE);
        assertThat(error(() -> store.lset(b("nokey"), 0, b("x")))).isEqualTo(KvError.NO_SUCH_KEY);
        assertThat(store.exists(b("nokey"))).isZero();
        assertThat(KvError.INDEX_OUT_OF_RANGE.text()).isEqualTo("ERR index out of range");
    }

    @Test
    void shouldInsertNextToTheFirstPivot() {
        store.rpush(b("l"), bs("a", "b", "a"));
        assertThat(store.linsert(b("l"), true, b("a"), b("x"))).isEqualTo(4);
        assertThat(store.linsert(b("l"), false, b("a"), b("y"))).isEqualTo(5);
        assertThat(all("l")).containsExactly("x", "a", "y", "b", "a");
        assertThat(store.linsert(b("l"), false, b("zz"), b("y"))).isEqualTo(-1);
        assertThat(store.linsert(b("nokey"), true, b("a"), b("y"))).isZero();
        assertThat(store.exists(b("nokey"))).isZero();
        assertThat(store.linsert(b("l"), false, b("a"), b("last"))).isEqualTo(6);
        assertThat(store.lindex(b("l"), 2)).isEqualTo(b("last"));
    }

    @Test
    void shouldRemoveByCountFromEitherEnd() {
        store.rpush(b("l"), bs("a", "b", "a", "c", "a", "b", "a"));
        assertThat(store.lrem(b("l"), 2, b("a"))).isEqualTo(2);
        assertThat(all("l")).containsExactly("b", "c", "a", "b", "a");
        assertThat(store.lrem(b("l"), -1, b("b"))).isEqualTo(1);
        assertThat(all("l")).containsExactly("b", "c", "a", "a");
        assertThat(store.lrem(b("l"), Long.MIN_VALUE, b("a"))).isEqualTo(2);
        assertThat(store.lrem(b("l"), 0, b("zz"))).isZero();
        assertThat(store.lrem(b("l"), 0, b("b"))).isEqualTo(1);
        assertThat(store.lrem(b("l"), Long.MAX_VALUE, b("c"))).isEqualTo(1);
        assertThat(store.exists(b("l"))).isZero();
        assertThat(store.lrem(b("l"), 0, b("c"))).isZero();
    }

    @Test
    void shouldTrimAndDeleteAnEmptyResult() {
        abcde();
        store.ltrim(b("l"), 1, -2);
        assertThat(all("l")).containsExactly("b", "c", "d");
        store.ltrim(b("l"), -100, 100);
        assertThat(all("l")).containsExactly("b", "c", "d");
        store.ltrim(b("l"), 1, 1);
        assertThat(all("l")).containsExactly("c");
        store.ltrim(b("l"), 2, 1);
        assertThat(store.exists(b("l"))).isZero();
        store.ltrim(b("nokey"), 0, -1);
        assertThat(store.exists(b("nokey"))).isZero();
        abcde();
        store.ltrim(b("l"), Long.MAX_VALUE, Long.MIN_VALUE);
        assertThat(store.exists(b("l"))).isZero();
    }

    // ------------------------------------------------------------------------------------------------ moves

    @Test
    void shouldMoveBetweenListsAtEveryEnd() {
        store.rpush(b("src"), bs("a", "b", "c"));
        assertThat(store.lmove(b("src"), b("dst"), ListEnd.LEFT, ListEnd.RIGHT)).isEqualTo(b("a"));
        assertThat(store.lmove(b("src"), b("dst"), ListEnd.RIGHT, ListEnd.LEFT)).isEqualTo(b("c"));
        assertThat(all("dst")).containsExactly("c", "a");
        assertThat(store.rpoplpush(b("src"), b("dst"))).isEqualTo(b("b"));
        assertThat(all("dst")).containsExactly("b", "c", "a");
        assertThat(store.exists(b("src"))).isZero();
        assertThat(store.lmove(b("src"), b("dst"), ListEnd.LEFT, ListEnd.LEFT)).isNull();
        assertThat(store.rpoplpush(b("src"), b("other"))).isNull();
        assertThat(store.exists(b("other"))).isZero();
    }

    @Test
    void shouldRotateWhenSourceIsDestination() {
        store.rpush(b("l"), bs("a", "b", "c"));
        assertThat(store.rpoplpush(b("l"), b("l"))).isEqualTo(b("c"));
        assertThat(all("l")).containsExactly("c", "a", "b");
        assertThat(store.lmove(b("l"), b("l"), ListEnd.LEFT, ListEnd.RIGHT)).isEqualTo(b("c"));
        assertThat(all("l")).containsExactly("a", "b", "c");
        store.del(b("one"));
        store.rpush(b("one"), bs("x"));
        assertThat(store.lmove(b("one"), b("one"), ListEnd.LEFT, ListEnd.LEFT)).isEqualTo(b("x"));
        assertThat(all("one")).containsExactly("x");
    }

    @Test
    void shouldMoveNothingWhenEitherKeyHasAnotherType() {
        stringAt("s");
        store.rpush(b("l"), bs("a"));
        assertThatThrownBy(() -> store.lmove(b("l"), b("s"), ListEnd.LEFT, ListEnd.LEFT)).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.rpoplpush(b("s"), b("l"))).hasMessage(WRONGTYPE);
        assertThat(all("l")).containsExactly("a");
        assertThat(store.get(b("s"))).isEqualTo(b("v"));
        // A missing source answers nil before the destination is looked at.
        assertThat(store.lmove(b("nokey"), b("s"), ListEnd.LEFT, ListEnd.LEFT)).isNull();
    }

    @Test
    void shouldMoveAcrossManyKeysWithoutLosingElements() {
        for (int i = 0; i < 200; i++) {
            store.rpush(b("k" + i), bs("e" + i));
        }
        for (int i = 0; i < 200; i++) {
            store.lmove(b("k" + i), b("k" + ((i * 7 + 3) % 200)), ListEnd.LEFT, ListEnd.RIGHT);
        }
        long total = 0;
        for (int i = 0; i < 200; i++) {
            total += store.llen(b("k" + i));
        }
        assertThat(total).isEqualTo(200);
    }

    // ------------------------------------------------------------------------------------------------ types

    @Test
    void shouldAnswerWrongTypeFromEveryCommand() {
        stringAt("s");
        final List<Runnable> calls = List.of(
            () -> store.lpush(b("s"), bs("a")), () -> store.rpush(b("s"), bs("a")),
            () -> store.lpushx(b("s"), bs("a")), () -> store.rpushx(b("s"), bs("a")),
            () -> store.lpop(b("s")), () -> store.rpop(b("s")), () -> store.lpop(b("s"), 0),
            () -> store.rpop(b("s"), 2), () -> store.llen(b("s")), () -> store.lrange(b("s"), 0, -1),
            () -> store.lindex(b("s"), 0), () -> store.lset(b("s"), 0, b("x")),
            () -> store.linsert(b("s"), true, b("a"), b("b")), () -> store.lrem(b("s"), 0, b("a")),
            () -> store.ltrim(b("s"), 0, 1), () -> store.lpos(b("s"), b("a"), 1, 0),
            () -> store.lpos(b("s"), b("a"), 1, 0, 0), () -> store.lmove(b("s"), b("d"), ListEnd.LEFT,
                ListEnd.LEFT), () -> store.lmpop(ListEnd.LEFT, 1, b("s")));
        for (final Runnable call : calls) {
            assertThat(error(call)).isEqualTo(KvError.WRONGTYPE);
        }
        assertThat(store.get(b("s"))).isEqualTo(b("v"));
        store.rpush(b("l"), bs("a"));
        assertThatThrownBy(() -> store.get(b("l"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.zcard(b("l"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.append(b("l"), b("x"))).hasMessage(WRONGTYPE);
    }
}
