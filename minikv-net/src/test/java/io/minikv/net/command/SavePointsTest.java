package io.minikv.net.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Save-point parsing and formatting, as Redis 7.0.15's {@code setConfigSaveOption} (checked on redis-server). */
class SavePointsTest {
    @Test
    void shouldParseSavePointsAsRedis() {
        assertThat(SavePoints.parse("")).isEmpty();
        assertThat(SavePoints.parse("3600 1 300 100")).containsExactly(3600, 1, 300, 100);
        assertThat(SavePoints.parse("1 0")).containsExactly(1, 0);
        assertThat(SavePoints.parse("+5 -0")).containsExactly(5, 0);
        assertThat(SavePoints.parse("99999999999999999999 1")).containsExactly(Long.MAX_VALUE, 1);
        assertThat(SavePoints.parse("5 ")).as("an empty token reads as 0, valid for changes").containsExactly(5, 0);
        for (final String bad : new String[] {"0 0", "10", "10 x", "-1 5", "5 -1", "5  6", " 5 6", "abc", "1 2 3",
            "1.5 2", "5 6x"}) {
            assertThat(SavePoints.parse(bad)).as(bad).isNull();
        }
    }

    @Test
    void shouldFormatSavePointsAsConfigGet() {
        assertThat(SavePoints.format(new long[0])).isEmpty();
        assertThat(SavePoints.format(SavePoints.REDIS_DEFAULTS)).isEqualTo("3600 1 300 100 60 10000");
    }
}
