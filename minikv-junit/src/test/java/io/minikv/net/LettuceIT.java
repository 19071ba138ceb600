package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.lettuce.core.RedisFuture;

import io.minikv.junit.MiniKvExtension;

/**
 * The server driven by Lettuce (Spring Boot's default client): its handshake sends {@code HELLO 3}, gets
 * {@code NOPROTO} and falls back to RESP2; then commands, pipelining through the async API, AUTH and SELECT.
 */
class LettuceIT {
    @RegisterExtension
    static final MiniKvExtension REDIS = MiniKvExtension.builder().workers(2).build();

    private static RedisClient client;

    @BeforeAll
    static void start() {
        client = RedisClient.create();
    }

    @AfterAll
    static void stop() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void shouldConnectThroughTheResp2FallbackAndRunCommands() {
        try (StatefulRedisConnection<String, String> connection = client.connect(
            RedisURI.builder().withHost(REDIS.host()).withPort(REDIS.port()).withClientName("lettuce-it").build())) {
            final RedisCommands<String, String> redis = connection.sync();
            assertThat(redis.ping()).isEqualTo("PONG");
            assertThat(redis.set("lk", "v", SetArgs.Builder.ex(100))).isEqualTo("OK");
            assertThat(redis.get("lk")).isEqualTo("v");
            assertThat(redis.ttl("lk")).isBetween(99L, 100L);
            assertThat(redis.incrby("counter", 5)).isEqualTo(5);
            assertThat(redis.clientGetname()).isEqualTo("lettuce-it");
            assertThat(redis.info("server")).contains("redis_version:7.0.15");
            assertThat(redis.del("lk", "counter")).isEqualTo(2);
        }
    }

    @Test
    void shouldPipelineThroughTheAsyncApi() throws Exception {
        try (StatefulRedisConnection<String, String> connection = client.connect(
            RedisURI.create(REDIS.host(), REDIS.port()))) {
            final RedisAsyncCommands<String, String> async = connection.async();
            connection.setAutoFlushCommands(false);
            final List<RedisFuture<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                futures.add(async.incr("lettuce:pipe"));
            }
            connection.flushCommands();
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i + 1L);
            }
            connection.setAutoFlushCommands(true);
            assertThat(async.del("lettuce:pipe").get(10, TimeUnit.SECONDS)).isEqualTo(1);
        }
    }

    @Test
    void shouldAuthenticateAndSelectADatabaseDuringTheHandshake() {
        try (MiniKvServer secured = MiniKvServer.builder().port(0).workers(1).requirePassword("pw")
            .store(REDIS.store()).build().start();
             StatefulRedisConnection<String, String> connection = client.connect(RedisURI.builder()
                 .withHost(secured.host()).withPort(secured.port()).withPassword("pw".toCharArray())
                 .withDatabase(3).build())) {
            final RedisCommands<String, String> redis = connection.sync();
            assertThat(redis.set("in3", "yes")).isEqualTo("OK");
            assertThat(redis.clientList()).contains("db=3");
            assertThat(REDIS.store().database(3).get("in3".getBytes())).isEqualTo("yes".getBytes());
            assertThat(redis.del("in3")).isEqualTo(1);
        }
    }
}
