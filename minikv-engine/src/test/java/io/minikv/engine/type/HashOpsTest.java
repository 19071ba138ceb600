package io.minikv.engine.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.FieldValue;
import io.minikv.api.HScanResult;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.ValueType;

/** Hash commands through the embedded store, with Redis 7's results and error texts. */
class HashOpsTest {
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    private final KvStore store = MiniKv.open(KvOptions.defaults());

    @AfterEach
    void close() {
        store.close();
    }

    static byte[] b(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(final byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    static List<String> strings(final List<byte[]> list) {
        final List<String> out = new ArrayList<>();
        list.forEach(x -> out.add(s(x)));
        return out;
    }

    /** Renders pairs as redis-cli's flat list, e.g. "a 1 b 2". */
    static String pairs(final List<FieldValue> list) {
        final StringBuilder out = new StringBuilder();
        for (final FieldValue p : list) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(s(p.field())).append(' ').append(s(p.value()));
        }
        return out.toString();
    }

    static List<FieldValue> fv(final String... fieldsAndValues) {
        final List<FieldValue> out = new ArrayList<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            out.add(new FieldValue(b(fieldsAndValues[i]), b(fieldsAndValues[i + 1])));
        }
        return out;
    }

    @Test
    void shouldSetAndCountAddedFieldsOnly() {
        assertThat(store.hset(b("h"), b("a"), b("1"))).isEqualTo(1);
        assertThat(store.hset(b("h"), fv("b", "2", "c", "3"))).isEqualTo(2);
        assertThat(store.hset(b("h"), fv("a", "10", "d", "4"))).isEqualTo(1);
        // A field named twice: counted once, its last value wins.
        assertThat(store.hset(b("h"), fv("e", "x", "e", "y"))).isEqualTo(1);
        assertThat(s(store.hget(b("h"), b("a")))).isEqualTo("10");
        assertThat(s(store.hget(b("h"), b("e")))).isEqualTo("y");
        assertThat(store.hlen(b("h"))).isEqualTo(5);
        assertThat(store.type(b("h"))).isEqualTo(ValueType.HASH);
        assertThatThrownBy(() -> store.hset(b("h"), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSetOnlyMissingFieldsWithHsetnx() {
        assertThat(store.hsetnx(b("h"), b("a"), b("1"))).isTrue();
        assertThat(store.hsetnx(b("h"), b("a"), b("2"))).isFalse();
        assertThat(s(store.hget(b("h"), b("a")))).isEqualTo("1");
        assertThat(store.hlen(b("h"))).isEqualTo(1);
    }

    @Test
    void shouldReadMissingKeysAndFieldsAsEmpty() {
        assertThat(store.hget(b("nokey"), b("a"))).isNull();
        assertThat(store.hmget(b("nokey"), b("a"), b("b"))).containsExactly(null, null);
        assertThat(store.hexists(b("nokey"), b("a"))).isFalse();
        assertThat(store.hlen(b("nokey"))).isZero();
        assertThat(store.hstrlen(b("nokey"), b("a"))).isZero();
        assertThat(store.hkeys(b("nokey"))).isEmpty();
        assertThat(store.hvals(b("nokey"))).isEmpty();
        assertThat(store.hgetall(b("nokey"))).isEmpty();
        assertThat(store.hdel(b("nokey"), b("a"))).isZero();
        assertThat(store.hrandfield(b("nokey"))).isNull();
        assertThat(store.hrandfield(b("nokey"), 3)).isEmpty();
        assertThat(store.hrandfieldWithValues(b("nokey"), -3)).isEmpty();
        final HScanResult scan = store.hscan(b("nokey"), 0, null, 10);
        assertThat(scan.cursor()).isZero();
        assertThat(scan.entries()).isEmpty();
        assertThat(store.exists(b("nokey"))).isZero();
    }

    @Test
    void shouldReadFields() {
        store.hset(b("h"), fv("a", "1", "b", "", "c", "three"));
        assertThat(store.hmget(b("h"), b("a"), b("nosuch"), b("b")).stream().map(HashOpsTest::s).toList())
            .containsExactly("1", null, "");
        assertThat(store.hexists(b("h"), b("b"))).isTrue();
        assertThat(store.hexists(b("h"), b("nosuch"))).isFalse();
        assertThat(store.hstrlen(b("h"), b("c"))).isEqualTo(5);
        assertThat(store.hstrlen(b("h"), b("b"))).isZero();
        assertThat(store.hstrlen(b("h"), b("nosuch"))).isZero();
    }

    @Test
    void shouldKeepInsertionOrderWhileSmall() {
        store.hset(b("h"), fv("z", "1", "y", "2", "x", "3", "w", "4"));
        store.hdel(b("h"), b("y"));
        store.hset(b("h"), fv("y", "5", "z", "6"));
        assertThat(pairs(store.hgetall(b("h")))).isEqualTo("z 6 x 3 w 4 y 5");
        assertThat(strings(store.hkeys(b("h")))).containsExactly("z", "x", "w", "y");
        assertThat(strings(store.hvals(b("h")))).containsExactly("6", "3", "4", "5");
        final HScanResult scan = store.hscan(b("h"), 0, null, 1);
        assertThat(scan.cursor()).isZero();
        assertThat(pairs(scan.entries())).isEqualTo("z 6 x 3 w 4 y 5");
    }

    @Test
    void shouldDeleteTheKeyWithItsLastField() {
        store.hset(b("h"), fv("a", "1", "b", "2"));
        store.pexpire(b("h"), 10_000, io.minikv.api.ExpireCondition.ALWAYS);
        assertThat(store.hdel(b("h"), b("a"), b("nosuch"), b("a"))).isEqualTo(1);
        assertThat(store.exists(b("h"))).isEqualTo(1);
        assertThat(store.hdel(b("h"), b("b"))).isEqualTo(1);
        assertThat(store.exists(b("h"))).isZero();
        assertThat(store.type(b("h"))).isEqualTo(ValueType.NONE);
        // A new hash at the same key starts without the old TTL.
        store.hset(b("h"), b("c"), b("3"));
        assertThat(store.pttl(b("h"))).isEqualTo(-1);
    }

    @Test
    void shouldIncrementIntegers() {
        assertThat(store.hincrby(b("n"), b("i"), 5)).isEqualTo(5);
        assertThat(store.hincrby(b("n"), b("i"), -10)).isEqualTo(-5);
        assertThat(s(store.hget(b("n"), b("i")))).isEqualTo("-5");
        store.hset(b("n"), fv("max", "9223372036854775807", "min", "-9223372036854775808", "s", "abc", "sp", " 1",
            "plus", "+1", "lead", "01", "neg0", "-0", "e", "", "f", "1.5", "big", "9223372036854775808"));
        assertThatThrownBy(() -> store.hincrby(b("n"), b("max"), 1))
            .hasMessage("ERR increment or decrement would overflow");
        assertThatThrownBy(() -> store.hincrby(b("n"), b("min"), -1))
            .hasMessage("ERR increment or decrement would overflow");
        assertThat(store.hincrby(b("n"), b("max"), Long.MIN_VALUE)).isEqualTo(-1);
        assertThat(store.hincrby(b("n"), b("min"), 0)).isEqualTo(Long.MIN_VALUE);
        for (final String bad : new String[] {"s", "sp", "plus", "lead", "neg0", "e", "f", "big"}) {
            assertThatThrownBy(() -> store.hincrby(b("n"), b(bad), 1)).as(bad)
                .hasMessage("ERR hash value is not an integer");
        }
        // Failed increments change nothing.
        assertThat(s(store.hget(b("n"), b("s")))).isEqualTo("abc");
        assertThat(s(store.hget(b("n"), b("max")))).isEqualTo("-1");
    }

    @Test
    void shouldIncrementFloatsAsIncrbyfloatDoes() {
        assertThat(store.hincrbyfloat(b("f"), b("x"), 10.5)).isEqualTo("10.5");
        assertThat(store.hincrbyfloat(b("f"), b("x"), 0.1)).isEqualTo("10.6");
        assertThat(store.hincrbyfloat(b("f"), b("x"), -10.6)).isEqualTo("0");
        assertThat(store.hincrbyfloat(b("f"), b("y"), 3)).isEqualTo("3");
        assertThat(store.hincrbyfloat(b("f"), b("y"), 1e2)).isEqualTo("103");
        assertThat(s(store.hget(b("f"), b("y")))).isEqualTo("103");
        store.hset(b("f"), fv("s", "abc", "sp", " 1", "pinf", "inf", "int", "7", "nan", "nan"));
        assertThat(store.hincrbyfloat(b("f"), b("int"), 0.5)).isEqualTo("7.5");
        assertThatThrownBy(() -> store.hincrbyfloat(b("f"), b("s"), 1)).hasMessage("ERR hash value is not a float");
        assertThatThrownBy(() -> store.hincrbyfloat(b("f"), b("sp"), 1)).hasMessage("ERR hash value is not a float");
        assertThatThrownBy(() -> store.hincrbyfloat(b("f"), b("nan"), 1))
            .hasMessage("ERR hash value is not a float");
        assertThatThrownBy(() -> store.hincrbyfloat(b("f"), b("pinf"), 1))
            .hasMessage("ERR increment would produce NaN or Infinity");
        assertThatThrownBy(() -> store.hincrbyfloat(b("f"), b("x"), Double.POSITIVE_INFINITY))
            .hasMessage("ERR value is NaN or Infinity");
        assertThatThrownBy(() -> store.hincrbyfloat(b("f"), b("x"), Double.NaN))
            .hasMessage("ERR value is not a valid float");
    }

    @Test
    void shouldCheckTheIncrementBeforeTheType() {
        store.set(b("str"), b("v"));
        assertThatThrownBy(() -> store.hincrbyfloat(b("str"), b("a"), Double.NEGATIVE_INFINITY))
            .hasMessage("ERR value is NaN or Infinity");
        assertThatThrownBy(() -> store.hincrbyfloat(b("str"), b("a"), 1)).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.hrandfieldWithValues(b("str"), Long.MAX_VALUE))
            .hasMessage("ERR value is out of range");
        assertThatThrownBy(() -> store.hrandfield(b("str"), Long.MIN_VALUE))
            .hasMessage("ERR value is out of range, value must between -9223372036854775807 and "
                + "9223372036854775807");
    }

    @Test
    void shouldAnswerWrongTypeForEveryCommand() {
        store.set(b("str"), b("v"));
        final byte[] k = b("str");
        final byte[] f = b("f");
        final List<Runnable> calls = List.of(
            () -> store.hset(k, f, f), () -> store.hset(k, fv("a", "b")), () -> store.hsetnx(k, f, f),
            () -> store.hget(k, f), () -> store.hmget(k, f), () -> store.hdel(k, f), () -> store.hexists(k, f),
            () -> store.hlen(k), () -> store.hstrlen(k, f), () -> store.hkeys(k), () -> store.hvals(k),
            () -> store.hgetall(k), () -> store.hincrby(k, f, 1), () -> store.hincrbyfloat(k, f, 1),
            () -> store.hrandfield(k), () -> store.hrandfield(k, 2), () -> store.hrandfieldWithValues(k, 2),
            () -> store.hscan(k, 0, null, 10));
        for (final Runnable call : calls) {
            assertThatThrownBy(call::run).hasMessage(WRONGTYPE);
        }
        assertThat(s(store.get(k))).isEqualTo("v");
        store.hset(b("h"), f, f);
        assertThatThrownBy(() -> store.get(b("h"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.incrby(b("h"), 1)).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.zadd(b("h"), 1, f)).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.zcard(b("h"))).hasMessage(WRONGTYPE);
    }

    @Test
    void shouldPickRandomFields() {
        store.hset(b("r"), fv("a", "1", "b", "2", "c", "3"));
        final Set<String> all = Set.of("a", "b", "c");
        assertThat(s(store.hrandfield(b("r")))).isIn(all);
        assertThat(store.hrandfield(b("r"), 0)).isEmpty();
        assertThat(store.hrandfieldWithValues(b("r"), 0)).isEmpty();
        // Count reaching the size: the whole hash, in order.
        assertThat(strings(store.hrandfield(b("r"), 3))).containsExactly("a", "b", "c");
        assertThat(pairs(store.hrandfieldWithValues(b("r"), 100))).isEqualTo("a 1 b 2 c 3");
        // Smaller positive counts: distinct fields.
        for (int i = 0; i < 20; i++) {
            final List<String> two = strings(store.hrandfield(b("r"), 2));
            assertThat(two).hasSize(2).doesNotHaveDuplicates();
            assertThat(all).containsAll(two);
        }
        // Negative counts: exactly -count fields, values matching.
        final List<FieldValue> repeats = store.hrandfieldWithValues(b("r"), -50);
        assertThat(repeats).hasSize(50);
        for (final FieldValue p : repeats) {
            assertThat(s(store.hget(b("r"), p.field()))).isEqualTo(s(p.value()));
        }
        assertThat(strings(store.hrandfield(b("r"), -7))).hasSize(7).allMatch(all::contains);
        assertThatThrownBy(() -> store.hrandfieldWithValues(b("r"), -Long.MAX_VALUE / 2 - 1))
            .hasMessage("ERR value is out of range");
        assertThat(store.hrandfieldWithValues(b("r"), Long.MAX_VALUE / 2)).hasSize(3);
        assertThat(store.hrandfield(b("r"), -100_000)).hasSize(100_000);
        assertThatThrownBy(() -> store.hrandfield(b("r"), -16_777_217)).hasMessage("ERR value is out of range");
        assertThatThrownBy(() -> store.hrandfieldWithValues(b("r"), -16_777_217))
            .hasMessage("ERR value is out of range");
    }

    @Test
    void shouldScanLargeHashesWithCursor() {
        final List<FieldValue> entries = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            entries.add(new FieldValue(b("f" + i), b("v" + i)));
        }
        store.hset(b("big"), entries);
        final Set<String> seen = new HashSet<>();
        long cursor = 0;
        int calls = 0;
        do {
            final HScanResult r = store.hscan(b("big"), cursor, null, 10);
            for (final FieldValue p : r.entries()) {
                assertThat(s(p.value())).isEqualTo("v" + s(p.field()).substring(1));
                seen.add(s(p.field()));
            }
            cursor = r.cursor();
            calls++;
        } while (cursor != 0);
        assertThat(seen).hasSize(1000);
        assertThat(calls).isGreaterThan(10);
        final Set<String> matched = new HashSet<>();
        cursor = 0;
        do {
            final HScanResult r = store.hscan(b("big"), cursor, b("f99*"), 50);
            r.entries().forEach(p -> matched.add(s(p.field())));
            cursor = r.cursor();
        } while (cursor != 0);
        assertThat(matched).containsExactlyInAnyOrder("f99", "f990", "f991", "f992", "f993", "f994", "f995", "f996",
            "f997", "f998", "f999");
        assertThatThrownBy(() -> store.hscan(b("big"), 0, null, 0)).hasMessage("ERR syntax error");
    }

    @Test
    void shouldMatchTheEmptyFieldOnlyWithTheStarPattern() {
        store.hset(b("h"), fv("", "empty", "a", "1"));
        assertThat(pairs(store.hscan(b("h"), 0, b("*"), 10).entries())).isEqualTo(" empty a 1");
        assertThat(pairs(store.hscan(b("h"), 0, b("**"), 10).entries())).isEqualTo("a 1");
        assertThat(pairs(store.hscan(b("h"), 0, b("?"), 10).entries())).isEqualTo("a 1");
    }

    @Test
    void shouldStoreBinaryFieldsAndValues() {
        final byte[] field = {0, (byte) 0xff, '\r', '\n'};
        final byte[] value = {(byte) 0x80, 0, 1};
        store.hset(b("bin"), field, value);
        assertThat(store.hget(b("bin"), field)).containsExactly(value);
        assertThat(store.hget(b("bin"), new byte[] {0, (byte) 0xff})).isNull();
        assertThat(store.hstrlen(b("bin"), field)).isEqualTo(3);
        assertThat(store.hkeys(b("bin")).get(0)).containsExactly(field);
        store.hset(b("bin"), new byte[0], new byte[0]);
        assertThat(store.hget(b("bin"), new byte[0])).isEmpty();
        assertThat(store.hlen(b("bin"))).isEqualTo(2);
    }
}
