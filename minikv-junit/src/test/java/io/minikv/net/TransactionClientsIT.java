package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;

import io.minikv.junit.MiniKvExtension;

/** Transactions through Jedis's {@code Transaction} and Lettuce's {@code multi()/exec()}, WATCH included. */
class TransactionClientsIT {
    @RegisterExtension
    static final MiniKvExtension REDIS = MiniKvExtension.builder().workers(2).build();

    private static RedisClient lettuce;

    @BeforeAll
    static void start() {
        lettuce = RedisClient.create();
    }

    @AfterAll
    static void stop() {
        lettuce.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void shouldRunJedisTransactions() {
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port()); Jedis other = new Jedis(REDIS.host(),
            REDIS.port())) {
            jedis.flushAll();
            final Transaction tx = jedis.multi();
            final Response<String> set = tx.set("j", "1");
            final Response<Long> incr = tx.incr("j");
            final Response<Long> push = tx.lpush("j", "x");
            final Response<String> get = tx.get("j");
            final List<Object> results = tx.exec();
            assertThat(results).hasSize(4);
            assertThat(set.get()).isEqualTo("OK");
            assertThat(incr.get()).isEqualTo(2L);
            assertThatThrownBy(push::get).isInstanceOf(JedisDataException.class).hasMessageStartingWith("WRONGTYPE");
            assertThat(get.get()).isEqualTo("2");

            jedis.watch("j");
            other.set("j", "theirs");
            final Transaction failed = jedis.multi();
            failed.set("j", "mine");
            assertThat(failed.exec()).isNull();
            assertThat(jedis.get("j")).isEqualTo("theirs");

            final Transaction discarded = jedis.multi();
            discarded.set("j", "dropped");
            assertThat(discarded.discard()).isEqualTo("OK");
            assertThat(jedis.get("j")).isEqualTo("theirs");
        }
    }

    @Test
    void shouldRunLettuceTransactions() {
        try (StatefulRedisConnection<String, String> connection = lettuce.connect(
            RedisURI.create(REDIS.host(), REDIS.port()));
             StatefulRedisConnection<String, String> otherConnection = lettuce.connect(
                 RedisURI.create(REDIS.host(), REDIS.port()))) {
            final RedisCommands<String, String> redis = connection.sync();
            redis.del("l", "q");
            assertThat(redis.multi()).isEqualTo("OK");
            redis.set("l", "5");
            redis.incrby("l", 10);
            redis.blpop(1, "q");
            final TransactionResult result = redis.exec();
            assertThat(result.wasDiscarded()).isFalse();
            assertThat(result).hasSize(3);
            assertThat((String) result.get(0)).isEqualTo("OK");
            assertThat((Long) result.get(1)).isEqualTo(15L);
            assertThat((Object) result.get(2)).isNull();

            assertThat(redis.watch("l")).isEqualTo("OK");
            otherConnection.sync().incr("l");
            redis.multi();
            redis.set("l", "0");
            assertThat(redis.exec().wasDiscarded()).isTrue();
            assertThat(redis.get("l")).isEqualTo("16");
        }
    }
}
