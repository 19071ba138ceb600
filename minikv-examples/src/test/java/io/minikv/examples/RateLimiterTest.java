package io.minikv.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.minikv.examples.JedisTestDouble.RateLimiter;
import io.minikv.junit.MiniKvExtension;
import redis.clients.jedis.RedisClient;

/**
 * The test-double kit in use: {@link JedisTestDouble}'s rate limiter tested against an in-process mini-kv, with the
 * 60-second window driven by a test clock instead of a sleep.
 */
class RateLimiterTest {
    @RegisterExtension
    static final MiniKvExtension REDIS = MiniKvExtension.builder().testClock().build();

    @Test
    void shouldRefuseRequestsBeyondTheLimitWithinOneWindow() {
        try (RedisClient jedis = RedisClient.create(REDIS.host(), REDIS.port())) {
            final RateLimiter limiter = new RateLimiter(jedis, 3);
            assertThat(limiter.allow("bob")).isTrue();
            assertThat(limiter.allow("bob")).isTrue();
            assertThat(limiter.allow("bob")).isTrue();
            assertThat(limiter.allow("bob")).isFalse();
            assertThat(limiter.allow("alice")).isTrue();
        }
    }

    @Test
    void shouldOpenANewWindowOnceTheOldOneExpires() {
        try (RedisClient jedis = RedisClient.create(REDIS.host(), REDIS.port())) {
            final RateLimiter limiter = new RateLimiter(jedis, 1);
            assertThat(limiter.allow("bob")).isTrue();
            assertThat(limiter.allow("bob")).isFalse();
            REDIS.clock().advance(Duration.ofSeconds(60));
            assertThat(limiter.allow("bob")).as("still inside the window's last millisecond").isFalse();
            REDIS.clock().advance(Duration.ofSeconds(61));
            assertThat(REDIS.store().exists("rate:bob".getBytes(UTF_8))).isZero();
            assertThat(limiter.allow("bob")).isTrue();
        }
    }
}
