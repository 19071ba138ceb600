package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.KeyValue;
import io.lettuce.core.LMPopArgs;
import io.lettuce.core.LMoveArgs;
import io.lettuce.core.LPosArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.minikv.junit.MiniKvExtension;

/** The list family through Lettuce: key-value replies of the blocking and multi-key pops, LPOS and the errors. */
class ListLettuceIT {
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

    private StatefulRedisConnection<String, String> connect() {
        return client.connect(RedisURI.create(REDIS.host(), REDIS.port()));
    }

    @Test
    void shouldRunTheListCommands() {
        try (StatefulRedisConnection<String, String> connection = connect()) {
            final RedisCommands<String, String> redis = connection.sync();
            redis.flushall();
            assertThat(redis.rpush("l", "a", "b", "c", "a")).isEqualTo(4);
            assertThat(redis.lpush("l", "z")).isEqualTo(5);
            assertThat(redis.lrange("l", 0, -1)).containsExactly("z", "a", "b", "c", "a");
            assertThat(redis.lpos("l", "a")).isEqualTo(1);
            assertThat(redis.lpos("l", "a", LPosArgs.Builder.rank(-1))).isEqualTo(4);
            assertThat(redis.lpos("l", "a", 0)).containsExactly(1L, 4L);
            assertThat(redis.lmove("l", "m", LMoveArgs.Builder.leftRight())).isEqualTo("z");
            final KeyValue<String, java.util.List<String>> popped =
                redis.lmpop(LMPopArgs.Builder.right().count(2), "nokey", "l");
            assertThat(popped.getKey()).isEqualTo("l");
            assertThat(popped.getValue()).containsExactly("a", "c");
            assertThat(redis.lpop("l", 5)).containsExactly("a", "b");
            assertThat(redis.exists("l")).isZero();
            assertThat(redis.lindex("m", 0)).isEqualTo("z");
            assertThatThrownBy(() -> redis.lset("nokey", 0, "x")).isInstanceOf(RedisCommandExecutionException.class)
                .hasMessage("ERR no such key");
            redis.set("s", "v");
            assertThatThrownBy(() -> redis.rpush("s", "x")).isInstanceOf(RedisCommandExecutionException.class)
                .hasMessageStartingWith("WRONGTYPE");
        }
    }

    @Test
    void shouldBlockUntilAPushAndTimeOutWithNull() throws Exception {
        try (StatefulRedisConnection<String, String> waiter = connect();
             StatefulRedisConnection<String, String> pusher = connect()) {
            final RedisCommands<String, String> redis = pusher.sync();
            redis.del("q", "q2");
            assertThat(waiter.sync().blpop(0.05, "q")).isNull();
            final RedisFuture<KeyValue<String, String>> popped = waiter.async().brpop(0, "q");
            for (int attempt = 0; attempt < 5000 && !redis.info("clients").contains("blocked_clients:1"); attempt++) {
                Thread.sleep(1);
            }
            redis.lpush("q", "job");
            final KeyValue<String, String> kv = popped.get(10, TimeUnit.SECONDS);
            assertThat(kv.getKey()).isEqualTo("q");
            assertThat(kv.getValue()).isEqualTo("job");
            redis.rpush("q", "a", "b");
            assertThat(waiter.sync().blmove("q", "q2", LMoveArgs.Builder.rightLeft(), 0.0)).isEqualTo("b");
            assertThat(waiter.sync().blmpop(0.0, LMPopArgs.Builder.left(), "q").getValue()).containsExactly("a");
            assertThat(waiter.sync().blmpop(0.05, LMPopArgs.Builder.left(), "q")).isNull();
        }
    }
}
