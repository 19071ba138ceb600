package io.minikv.net.resp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

class CommandArgsTest {

    private static CommandArgs args(final String... values) {
        final CommandArgs args = new CommandArgs();
        final ByteBuffer buffer = ByteBuffer.allocate(1024);
        args.reset(buffer);
        for (final String value : values) {
            final int offset = buffer.position();
            buffer.put(value.getBytes(StandardCharsets.ISO_8859_1));
            args.add(offset, buffer.position() - offset);
        }
        return args;
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "-1", "9223372036854775807", "-9223372036854775808", "123"})
    void shouldAcceptCanonicalIntegers(final String text) {
        final CommandArgs args = args(text);
        assertThat(args.parseLong(0)).isTrue();
        assertThat(args.longValue()).isEqualTo(Long.parseLong(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+1", "01", "-0", " 1", "1 ", "9223372036854775808", "-9223372036854775809", "1a",
        "-", "0x10", "1.0", "99999999999999999999"})
    void shouldRejectWhatString2llRejects(final String text) {
        assertThat(args(text).parseLong(0)).isFalse();
    }

    @Test
    void shouldParseFloatsAsStrtod() {
        final CommandArgs args = args("1.5", "-inf", "+Infinity", "1e3", ".5", "5.", "0x1p3", "nan", "1.5d", " 1",
            "", "1e");
        assertThat(args.parseDouble(0)).isTrue();
        assertThat(args.doubleValue()).isEqualTo(1.5);
        assertThat(args.parseDouble(1)).isTrue();
        assertThat(args.doubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(args.parseDouble(2)).isTrue();
        assertThat(args.doubleValue()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(args.parseDouble(3)).isTrue();
        assertThat(args.doubleValue()).isEqualTo(1000.0);
        assertThat(args.parseDouble(4)).isTrue();
        assertThat(args.parseDouble(5)).isTrue();
        assertThat(args.parseDouble(6)).isTrue();
        assertThat(args.doubleValue()).isEqualTo(8.0);
        for (int i = 7; i < 12; i++) {
            assertThat(args.parseDouble(i)).as(args.string(i)).isFalse();
        }
    }

    @Test
    void shouldParseScanCursorsAsStrtoul() {
        final CommandArgs args = args("0", "18446744073709551615", "18446744073709551616", "", "-1", "x");
        assertThat(args.parseCursor(0)).isTrue();
        assertThat(args.parseCursor(1)).isTrue();
        assertThat(args.longValue()).isEqualTo(-1L);
        assertThat(args.parseCursor(2)).isFalse();
        assertThat(args.parseCursor(3)).isTrue();
        assertThat(args.longValue()).isZero();
        assertThat(args.parseCursor(4)).isTrue();
        assertThat(args.parseCursor(5)).isFalse();
    }

    @Test
    void shouldMatchKeywordsIgnoringCase() {
        final CommandArgs args = args("nX", "NXX", "client|setname");
        assertThat(args.is(0, "NX".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(args.is(1, "NX".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(args.is(0, "client|nx".getBytes(StandardCharsets.US_ASCII), 7)).isTrue();
    }
}
