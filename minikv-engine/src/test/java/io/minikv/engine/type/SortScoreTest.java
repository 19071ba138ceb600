package io.minikv.engine.type;

import static io.minikv.engine.type.SortedSetOpsTest.b;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The numbers SORT reads, as glibc's strtod with Redis's checks (values checked against redis-server 7.0.15). */
class SortScoreTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1|1", "' 1'|1", "0x10|16", "0X1A|26", "1e2|100", "+.5|0.5", "5.|5", "-.5e1|-5", "1E1|10", "-0x1p-2|-0.25",
        "0x1.8|1.5", "inf|Infinity", "-INF|-Infinity", "infinity|Infinity", "-0|-0.0", "''|0"})
    void shouldParseWhatStrtodAccepts(final String text, final double expected) {
        assertThat(SortScore.parse(b(text))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", " ", "1 ", "0x", "1e", ".", "infinit", "0x1p", "nan", "-nan", "1d", "1f", "1e309",
        "1e-310", "1e-400", "4.9e-324", "--1", "1..2"})
    void shouldRefuseWhatSortRefuses(final String text) {
        assertThat(SortScore.parse(b(text))).isNaN();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"'2\u0000x'|2", "'\u00003'|0"})
    void shouldStopAtTheFirstNulByte(final String text, final double expected) {
        assertThat(SortScore.parse(b(text))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x1p-1074"})
    void shouldAcceptAnExactHexadecimalSubnormal(final String text) {
        assertThat(SortScore.parse(b(text))).isEqualTo(Double.MIN_VALUE);
    }
}
