package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lettuce.core.KeyValue;
import io.lettuce.core.MapScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.minikv.junit.MiniKvExtension;

/** The hash family through Lettuce: map-shaped replies (HGETALL, HSCAN), HMGET's key-values and the errors. */
class HashLettuceIT {
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
    void shouldServeHashesToLettuce() {
        try (StatefulRedisConnection<String, String> connection = client.connect(
            RedisURI.create(REDIS.host(), REDIS.port()))) {
            final RedisCommands<String, String> redis = connection.sync();
            redis.flushall();
            final Map<String, String> fields = new LinkedHashMap<>();
            fields.put("z", "1");
            fields.put("a", "2");
            assertThat(redis.hset("h", fields)).isEqualTo(2);
            assertThat(redis.hset("h", "z", "10")).isFalse();
            assertThat(redis.hsetnx("h", "b", "3")).isTrue();
            assertThat(redis.hgetall("h")).containsExactly(Map.entry("z", "10"), Map.entry("a", "2"),
                Map.entry("b", "3"));
            assertThat(redis.hmget("h", "a", "nosuch")).containsExactly(KeyValue.just("a", "2"),
                KeyValue.empty("nosuch"));
            assertThat(redis.hincrby("h", "a", 40)).isEqualTo(42);
            assertThat(redis.hincrbyfloat("h", "f", 2.5)).isEqualTo(2.5);
            assertThat(redis.hstrlen("h", "z")).isEqualTo(2);
            assertThat(redis.hkeys("h")).containsExactly("z", "a", "b", "f");
            assertThat(redis.hrandfield("h", 10)).containsExactly("z", "a", "b", "f");
            final List<KeyValue<String, String>> picks = redis.hrandfieldWithvalues("h", -3);
            assertThat(picks).hasSize(3).allMatch(kv -> kv.getValue().equals(redis.hget("h", kv.getKey())));
            assertThat(redis.hdel("h", "z", "a", "b", "f")).isEqualTo(4);
            assertThat(redis.exists("h")).isZero();
            redis.set("s", "v");
            assertThatThrownBy(() -> redis.hget("s", "f")).isInstanceOf(RedisCommandExecutionException.class)
                .hasMessage("WRONGTYPE Operation against a key holding the wrong kind of value");
        }
    }

    @Test
    void shouldScanALargeHashWithLettuceCursors() {
        try (StatefulRedisConnection<String, String> connection = client.connect(
            RedisURI.create(REDIS.host(), REDIS.port()))) {
            final RedisCommands<String, String> redis = connection.sync();
            redis.del("big");
            final Map<String, String> big = new HashMap<>();
            for (int i = 0; i < 500; i++) {
                big.put("f" + i, "v" + i);
            }
            redis.hset("big", big);
            final Map<String, String> seen = new HashMap<>();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                final MapScanCursor<String, String> r = redis.hscan("big", cursor, ScanArgs.Builder.limit(25));
                seen.putAll(r.getMap());
                cursor = r;
            } while (!cursor.isFinished());
            assertThat(seen).isEqualTo(big);
        }
    }
}
