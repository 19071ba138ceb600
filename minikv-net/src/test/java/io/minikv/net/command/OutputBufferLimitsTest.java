package io.minikv.net.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The {@code client-output-buffer-limit} parameter: parsing and errors as Redis's CONFIG SET, and the pubsub class's
 * hard and soft limits as {@code checkClientOutputBufferLimits} applies them. Time is passed in, never waited for.
 */
class OutputBufferLimitsTest {

    @Test
    void shouldShowRedisDefaultsAndApplyClassesPartially() {
        assertThat(OutputBufferLimits.DEFAULT.toString())
            .isEqualTo("normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60");
        final String[] error = new String[1];
        final OutputBufferLimits l = OutputBufferLimits.DEFAULT.with("pubsub 1mb 512kb 10 replica 1 2 3", error);
        assertThat(l.toString()).isEqualTo("normal 0 0 0 slave 1 2 3 pubsub 1048576 524288 10");
        assertThat(l.pubsubHardBytes()).isEqualTo(1048576);
        assertThat(OutputBufferLimits.DEFAULT.with("  ", error)).isSameAs(OutputBufferLimits.DEFAULT);
    }

    @Test
    void shouldRejectWhatRedisRejects() {
        final String[] error = new String[1];
        assertThat(OutputBufferLimits.DEFAULT.with("pubsub 1mb 0", error)).isNull();
        assertThat(error[0]).isEqualTo("Wrong number of arguments in buffer limit configuration.");
        assertThat(OutputBufferLimits.DEFAULT.with("foo 1 2 3", error)).isNull();
        assertThat(error[0]).isEqualTo("Invalid client class specified in buffer limit configuration.");
        assertThat(OutputBufferLimits.DEFAULT.with("pubsub x 0 0", error)).isNull();
        assertThat(error[0]).isEqualTo("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
        assertThat(OutputBufferLimits.DEFAULT.with("pubsub 1 2 -1", error)).isNull();
    }

    @Test
    void shouldDisconnectOverTheHardLimitAtOnce() {
        final OutputBufferLimits l = OutputBufferLimits.DEFAULT.with("pubsub 100 0 0", new String[1]);
        assertThat(l.checkPubsub(100, 0, 1_000)).isZero();
        assertThat(l.checkPubsub(101, 0, 1_000)).isEqualTo(-1);
    }

    @Test
    void shouldDisconnectOverTheSoftLimitOnlyAfterItsSeconds() {
        final OutputBufferLimits l = OutputBufferLimits.DEFAULT.with("pubsub 1000 100 2", new String[1]);
        assertThat(l.checkPubsub(50, 0, 10_000)).isZero();
        final long since = l.checkPubsub(150, 0, 10_000);
        assertThat(since).isEqualTo(10_000);
        assertThat(l.checkPubsub(150, since, 12_000)).isEqualTo(since);
        assertThat(l.checkPubsub(150, since, 12_001)).isEqualTo(-1);
        // Back under the soft limit, the timer starts again.
        assertThat(l.checkPubsub(99, since, 12_001)).isZero();
        assertThat(l.checkPubsub(150, 0, 20_000)).isEqualTo(20_000);
    }

    @Test
    void shouldTreatZeroAsNoLimit() {
        final OutputBufferLimits l = OutputBufferLimits.DEFAULT.with("pubsub 0 0 0", new String[1]);
        assertThat(l.checkPubsub(Long.MAX_VALUE / 2, 0, 1)).isZero();
    }
}
