package io.minikv.net.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** {@link Strtod} against what redis-server 7.0.15 accepts for ZADD scores and ZCOUNT bounds. */
class StrtodTest {

    private static double strict(final String s) {
        final byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        return Strtod.parse(ByteBuffer.wrap(bytes), 0, bytes.length, true);
    }

    private static double lenient(final String s) {
        final byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        final ByteBuffer b = ByteBuffer.allocateDirect(bytes.length + 3);
        b.position(3);
        b.put(bytes);
        return Strtod.parse(b, 3, bytes.length, false);
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
            "1_0", "abc", ".", "-", "+", "1d", "1f", "0x", "0xg", "0x1p", "1e+", "--1", "1..2", "inf ", "infx"}) {
            assertThat(strict(s)).as("[" + s + "]").isNaN();
        }
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
}
