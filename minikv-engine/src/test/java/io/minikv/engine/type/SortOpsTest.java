package io.minikv.engine.type;

import static io.minikv.engine.type.SortedSetOpsTest.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.SortArgs;
import io.minikv.api.ValueType;

/** SORT and SORT ... STORE, embedded, with Redis 7.0's ordering rules, patterns, LIMIT arithmetic and errors. */
class SortOpsTest {
    private static final String NOT_DOUBLE = "ERR One or more scores can't be converted into double";
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    private final KvStore store = MiniKv.open(KvOptions.defaults());

    @AfterEach
    void close() {
        store.close();
    }

    private static List<String> strings(final List<byte[]> values) {
        final List<String> out = new ArrayList<>();
        for (final byte[] v : values) {
            out.add(v == null ? null : new String(v, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    private List<String> sort(final String key, final SortArgs.Builder args) {
        return strings(store.sort(b(key), args.build()));
    }

    private static SortArgs.Builder args() {
        return SortArgs.builder();
    }

    private void rpush(final String key, final String... elements) {
        for (final String e : elements) {
            store.rpush(b(key), b(e));
        }
    }

    @Test
    void shouldSortNumericallyWithTiesByBytes() {
        rpush("l", "3", "1", "2", "10", "-1", "1.5", "01", "+1", "1");
        assertThat(sort("l", args())).containsExactly("-1", "+1", "01", "1", "1", "1.5", "2", "3", "10");
        assertThat(sort("l", args().desc())).containsExactly("10", "3", "2", "1.5", "1", "1", "01", "+1", "-1");
        assertThat(sort("l", args().alpha())).containsExactly("+1", "-1", "01", "1", "1", "1.5", "10", "2", "3");
    }

    @Test
    void shouldApplyLimitAsRedis() {
        rpush("l", "5", "4", "3", "2", "1");
        assertThat(sort("l", args().limit(1, 2))).containsExactly("2", "3");
        assertThat(sort("l", args().limit(-3, 2))).containsExactly("1", "2");
        assertThat(sort("l", args().limit(3, -1))).containsExactly("4", "5");
        assertThat(sort("l", args().limit(3, 100))).containsExactly("4", "5");
        assertThat(sort("l", args().limit(5, 1))).isEmpty();
        assertThat(sort("l", args().limit(1, 0))).isEmpty();
        assertThat(sort("l", args().limit(2, Long.MAX_VALUE))).containsExactly("3", "4", "5");
        assertThat(sort("l", args().limit(1, 2).desc())).containsExactly("4", "3");
    }

    @Test
    void shouldRefuseValuesThatAreNotNumbersEvenOutsideTheLimit() {
        rpush("l", "1", "abc", "2");
        assertThatThrownBy(() -> sort("l", args())).hasMessage(NOT_DOUBLE);
        assertThatThrownBy(() -> sort("l", args().limit(10, 1))).hasMessage(NOT_DOUBLE);
        assertThatThrownBy(() -> store.sortStore(b("l"), SortArgs.DEFAULT, b("dst"))).hasMessage(NOT_DOUBLE);
        assertThat(store.exists(b("dst"))).isZero();
        assertThat(sort("l", args().alpha())).containsExactly("1", "2", "abc");
        assertThat(sort("l", args().noSort())).containsExactly("1", "abc", "2");
    }

    @Test
    void shouldKeepTheOrderOfListsAndSortedSetsUnderNoSort() {
        rpush("l", "b", "c", "a", "d");
        assertThat(sort("l", args().noSort())).containsExactly("b", "c", "a", "d");
        assertThat(sort("l", args().noSort().desc())).containsExactly("d", "a", "c", "b");
        assertThat(sort("l", args().noSort().desc().limit(1, 2))).containsExactly("a", "c");
        assertThat(sort("l", args().noSort().limit(3, 9))).containsExactly("d");
        store.zadd(b("z"), 3, b("x"));
        store.zadd(b("z"), 1, b("y"));
        store.zadd(b("z"), 2, b("w"));
        assertThat(sort("z", args().noSort())).containsExactly("y", "w", "x");
        assertThat(sort("z", args().noSort().desc().limit(1, 5))).containsExactly("w", "y");
        assertThat(sort("z", args().alpha())).containsExactly("w", "x", "y");
        // A star-less BY given first keeps sorting off whatever follows, as Redis's parser.
        assertThat(sort("l", args().noSort().by(b("w_*")))).containsExactly("b", "c", "a", "d");
    }

    @Test
    void shouldSortByStringsAndHashFields() {
        rpush("u", "1", "2", "3", "4");
        store.set(b("w_1"), b("30"));
        store.set(b("w_2"), b("10"));
        store.set(b("w_3"), b("20"));
        store.lpush(b("w_4"), b("1"));
        assertThat(sort("u", args().by(b("w_*")))).containsExactly("4", "2", "3", "1");
        store.hset(b("h_1"), b("f"), b("3"));
        store.hset(b("h_2"), b("f"), b("1"));
        store.hset(b("h_3"), b("f"), b("2"));
        store.hset(b("h_3"), b("g"), b("G3"));
        assertThat(sort("u", args().by(b("h_*->f")))).containsExactly("4", "2", "3", "1");
        assertThat(sort("u", args().by(b("h_*->f")).get(b("h_*->g")).get(b("#")).get(b("w_*"))))
            .containsExactly(null, "4", null, null, "2", "10", "G3", "3", "20", null, "1", "30");
        assertThat(sort("u", args().get(b("nostar")))).containsExactly(null, null, null, null);
        assertThat(sort("u", args().get(b("h_*")))).containsExactly(null, null, null, null);
    }

    @Test
    void shouldPutMissingAlphaValuesFirstAndKeepTies() {
        rpush("u", "1", "2", "3", "4");
        store.set(b("a_1"), b("b"));
        store.set(b("a_2"), b("a"));
        store.set(b("a_3"), b("b"));
        assertThat(sort("u", args().by(b("a_*")).alpha())).containsExactly("4", "2", "1", "3");
        assertThat(sort("u", args().by(b("a_*")).alpha().desc())).containsExactly("1", "3", "2", "4");
    }

    @Test
    void shouldCompareCStringsWithoutStoreAndWholeValuesWithIt() {
        rpush("l", "b\0z", "b", "\0x", "", "b\0a", "a");
        assertThat(sort("l", args().alpha())).containsExactly("\0x", "", "a", "b\0z", "b", "b\0a");
        store.sortStore(b("l"), SortArgs.builder().alpha().build(), b("dst"));
        assertThat(strings(store.lrange(b("dst"), 0, -1))).containsExactly("", "\0x", "a", "b", "b\0a", "b\0z");
    }

    @Test
    void shouldReadPatternsAsCStrings() {
        rpush("u", "1");
        store.set(b("k1"), b("v"));
        store.set(b("k1\0x"), b("nul"));
        assertThat(strings(store.sort(b("u"), SortArgs.builder().get(b("k*\0x")).get(b("#\0zz")).build())))
            .containsExactly("nul", "1");
        assertThat(strings(store.sort(b("u"), SortArgs.builder().get(b("\0k*")).build())))
            .containsExactly((String) null);
        store.hset(b("h->1"), b("f"), b("F"));
        assertThat(sort("u", args().get(b("h->*->f")))).containsExactly("F");
        store.set(b("z1->"), b("Z"));
        assertThat(sort("u", args().get(b("z*->")))).containsExactly("Z");
    }

    @Test
    void shouldStoreAList() {
        rpush("l", "3", "1", "2");
        store.set(b("dst"), b("str"));
        store.expire(b("dst"), 100, io.minikv.api.ExpireCondition.ALWAYS);
        assertThat(store.sortStore(b("l"), SortArgs.builder().get(b("#")).get(b("missing_*")).build(), b("dst")))
            .isEqualTo(6);
        assertThat(store.type(b("dst"))).isEqualTo(ValueType.LIST);
        assertThat(store.ttl(b("dst"))).isEqualTo(-1);
        assertThat(strings(store.lrange(b("dst"), 0, -1))).containsExactly("1", "", "2", "", "3", "");
        assertThat(store.sortStore(b("l"), SortArgs.builder().limit(5, 1).build(), b("dst"))).isZero();
        assertThat(store.exists(b("dst"))).isZero();
        assertThat(store.sortStore(b("missing"), SortArgs.DEFAULT, b("dst"))).isZero();
        assertThat(store.sortStore(b("l"), SortArgs.DEFAULT, b("l"))).isEqualTo(3);
        assertThat(strings(store.lrange(b("l"), 0, -1))).containsExactly("1", "2", "3");
    }

    @Test
    void shouldSortASetUnderNoSortWhenStoring() {
        store.sadd(b("s"), b("b"), b("10"), b("a"), b("2"));
        assertThat(sort("s", args().noSort())).containsExactlyInAnyOrder("b", "10", "a", "2");
        assertThat(store.sortStore(b("s"), SortArgs.builder().noSort().desc().build(), b("dst"))).isEqualTo(4);
        assertThat(strings(store.lrange(b("dst"), 0, -1))).containsExactly("b", "a", "2", "10");
    }

    @Test
    void shouldCheckTheSourceType() {
        store.set(b("str"), b("1"));
        store.hset(b("h"), b("f"), b("1"));
        assertThatThrownBy(() -> sort("str", args())).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> sort("h", args())).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.sortStore(b("str"), SortArgs.DEFAULT, b("dst"))).hasMessage(WRONGTYPE);
        assertThat(sort("missing", args())).isEmpty();
    }

    @Test
    void shouldNotDeadlockWhenPatternsLockTheWholeDatabase() throws InterruptedException {
        // SORT with patterns locks every segment while SMOVE and SUNIONSTORE lock several: all go by one lock order.
        for (int i = 0; i < 50; i++) {
            rpush("u", Integer.toString(i));
            store.set(b("w_" + i), b(Integer.toString(50 - i)));
            store.sadd(b("s" + i), b("m"));
        }
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread writer = new Thread(() -> {
            try {
                for (int i = 0; !stop.get(); i++) {
                    store.smove(b("s" + (i % 50)), b("s" + ((i + 7) % 50)), b("m"));
                    store.sunionstore(b("s" + ((i + 3) % 50)), b("s" + ((i + 11) % 50)), b("s" + (i % 50)));
                    store.set(b("w_" + (i % 50)), b(Integer.toString(i)));
                }
            } catch (final Throwable t) {
                failure.set(t);
            }
        });
        writer.start();
        try {
            for (int i = 0; i < 300; i++) {
                assertThat(store.sort(b("u"), SortArgs.builder().by(b("w_*")).get(b("w_*")).build())).hasSize(50);
                store.sortStore(b("u"), SortArgs.builder().by(b("w_*")).build(), b("out"));
            }
        } finally {
            stop.set(true);
            writer.join(10_000);
        }
        assertThat(writer.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
    }
}
