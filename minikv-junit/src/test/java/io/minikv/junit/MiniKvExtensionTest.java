package io.minikv.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.minikv.api.KvStore;
import io.minikv.net.MiniKvServer;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/** A class-wide server with a test clock, used the way a test suite would use it: through Jedis and the store. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MiniKvExtensionTest {
    @RegisterExtension
    static final MiniKvExtension REDIS = MiniKvExtension.builder().testClock().build();

    private static byte[] bytes(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void shouldServeRedisClientsAndShareTheirDataWithTheStore() {
        try (RedisClient redis = RedisClient.create(REDIS.host(), REDIS.port())) {
            redis.set("greeting", "hello");
            assertThat(REDIS.store().get(bytes("greeting"))).isEqualTo(bytes("hello"));
            REDIS.store().set(bytes("seeded"), bytes("by the test"));
            assertThat(redis.get("seeded")).isEqualTo("by the test");
        }
    }

    @Test
    @Order(2)
    void shouldStartEachTestWithEmptyDatabases() {
        assertThat(REDIS.store().dbsize()).isZero();
        try (RedisClient redis = RedisClient.create(REDIS.host(), REDIS.port())) {
            assertThat(redis.get("greeting")).isNull();
        }
    }

    @Test
    @Order(3)
    void shouldExpireKeysWhenTheTestClockMovesPastTheirTtl() {
        try (RedisClient redis = RedisClient.create(REDIS.host(), REDIS.port())) {
            redis.set("session", "abc", SetParams.setParams().ex(60));
            REDIS.clock().advance(Duration.ofSeconds(59));
            assertThat(redis.ttl("session")).isEqualTo(1);
            assertThat(redis.get("session")).isEqualTo("abc");
            REDIS.clock().advance(Duration.ofMillis(1001));
            assertThat(redis.get("session")).isNull();
            assertThat(redis.ttl("session")).isEqualTo(-2);
        }
    }

    @Test
    @Order(4)
    void shouldInjectTheServerTheStoreAndTheClock(final MiniKvServer server, final KvStore store,
        final TestClock clock) {
        assertThat(server.port()).isEqualTo(REDIS.port());
        assertThat(store).isSameAs(REDIS.store());
        assertThat(clock).isSameAs(REDIS.clock());
        assertThat(REDIS.uri()).isEqualTo("redis://127.0.0.1:" + REDIS.port());
    }

    @Nested
    class NestedTests {
        @Test
        void shouldShareTheOuterClassServer(final KvStore store) {
            assertThat(store).isSameAs(REDIS.store());
            assertThat(store.dbsize()).isZero();
        }
    }
}
