package io.minikv.engine.type;

import static io.minikv.engine.type.SortedSetOpsTest.b;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Strtod} against what redis-server 7.0.15 accepts for ZADD scores, ZCOUNT bounds and SORT's numbers. */
class StrtodTest {

    private static double strict(final String s) {
        final byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        return Strtod.parse(ByteBuffer.wrap(bytes), 0, bytes.length, Strtod.Mode.STRICT);
    }

    private static double lenient(final String s) {
        final byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        final ByteBuffer b = ByteBuffer.allocateDirect(bytes.length + 3);
        b.position(3);
        b.put(bytes);
        return Strtod.parse(b, 3, bytes.length, Strtod.Mode.LENIENT);
    }

    private static double sort(final String s) {
        return Strtod.parse(b(s), Strtod.Mode.SORT);
    }

    @Test
    void shouldAcceptWhatZaddAccepts() {
        assertThat(strict("0.1")).isEqualTo(0.1);
        assertThat(strict("3")).isEqualTo(3.0);
        assertThat(strict("-0")).isEqualTo(-0.0);
        assertThat(strict("+inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(strict("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(strict("INF")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(strict("1e-310")).isEqualTo(1e-310);
        assertThat(strict("0x10")).isEqualTo(16.0);
        assertThat(strict("0x1p3")).isEqualTo(8.0);
        assertThat(strict("1.")).isEqualTo(1.0);
        assertThat(strict(".5")).isEqualTo(0.5);
        assertThat(strict("123456789012345678")).isEqualTo(123456789012345678.0);
        assertThat(strict("-12345")).isEqualTo(-12345.0);
        assertThat(strict("0.0")).isEqualTo(0.0);
        assertThat(strict("0e500")).isEqualTo(0.0);
    }

    @Test
    void shouldRejectWhatZaddRejects() {
        for (final String s : new String[] {"", " 1", "1 ", "nan", "-nan", "NaN", "1e400", "-1e400", "1e-400", "1e",
            "1_0", "abc", ".", "-", "+", "1d", "1f", "0x", "0xg", "0x1p", "1e+", "--1", "1..2", "inf ", "infx", "1\u0000"}) {
            assertThat(strict(s)).as("[" + s + "]").isNaN();
        }
    }

    @Test
    void shouldReadReadOnlyBuffersToo() {
        final ByteBuffer b = ByteBuffer.wrap(b("x2.5")).asReadOnlyBuffer();
        assertThat(Strtod.parse(b, 1, 3, Strtod.Mode.STRICT)).isEqualTo(2.5);
    }

    @Test
    void shouldParseRangeBoundsAsZslParseRange() {
        assertThat(lenient("")).isEqualTo(0.0);
        assertThat(lenient(" 1")).isEqualTo(1.0);
        assertThat(lenient("\t 2.5")).isEqualTo(2.5);
        assertThat(lenient("1e400")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(lenient("-1e400")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(lenient("1e-400")).isEqualTo(0.0);
        assertThat(lenient("0x1")).isEqualTo(1.0);
        assertThat(lenient("1 ")).isNaN();
        assertThat(lenient("   ")).isNaN();
        assertThat(lenient("nan")).isNaN();
        assertThat(lenient("a")).isNaN();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1|1", "' 1'|1", "0x10|16", "0X1A|26", "1e2|100", "+.5|0.5", "5.|5", "-.5e1|-5", "1E1|10", "-0x1p-2|-0.25",
        "0x1.8|1.5", "inf|Infinity", "-INF|-Infinity", "infinity|Infinity", "-0|-0.0", "''|0"})
    void shouldParseWhatSortAccepts(final String text, final double expected) {
        assertThat(sort(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", " ", "1 ", "0x", "1e", ".", "infinit", "0x1p", "nan", "-nan", "1d", "1f", "1e309",
        "1e-310", "1e-400", "4.9e-324", "--1", "1..2"})
    void shouldRefuseWhatSortRefuses(final String text) {
        assertThat(sort(text)).isNaN();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"'2\u0000x'|2", "'\u00003'|0"})
    void shouldStopSortValuesAtTheFirstNulByte(final String text, final double expected) {
        assertThat(sort(text)).isEqualTo(expected);
    }

    @Test
    void shouldAcceptAnExactHexadecimalSubnormalInSort() {
        assertThat(sort("0x1p-1074")).isEqualTo(Double.MIN_VALUE);
    }
}
