package io.minikv.net.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * {@link DoubleFormat} against ZSCORE replies recorded from redis-server 7.0.15 ({@code zset/double-format.txt}: the
 * ZADD input, then what ZSCORE returned).
 */
class DoubleFormatTest {

    private static double parse(final String s) {
        return switch (s) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    @Test
    void shouldFormatAsRedis() throws IOException {
        try (InputStream in = DoubleFormatTest.class.getResourceAsStream("/zset/double-format.txt")) {
            final String[] lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n");
            assertThat(lines.length).isGreaterThan(20);
            for (final String line : lines) {
                final String[] parts = line.trim().split(" ");
                assertThat(DoubleFormat.formatString(parse(parts[0]))).as(parts[0]).isEqualTo(parts[1]);
            }
        }
    }

    @Test
    void shouldFormatZeroesAndIntegers() {
        assertThat(DoubleFormat.formatString(0.0)).isEqualTo("0");
        assertThat(DoubleFormat.formatString(-0.0)).isEqualTo("-0");
        assertThat(DoubleFormat.formatString(-7)).isEqualTo("-7");
        assertThat(DoubleFormat.formatString(99999999999999984.0)).isEqualTo("99999999999999984");
        assertThat(DoubleFormat.formatString(1e300)).isEqualTo("1.0000000000000001e+300");
        assertThat(DoubleFormat.isPlainInteger(1e16)).isTrue();
        assertThat(DoubleFormat.isPlainInteger(1e17)).isFalse();
        assertThat(DoubleFormat.isPlainInteger(0.5)).isFalse();
    }
}
