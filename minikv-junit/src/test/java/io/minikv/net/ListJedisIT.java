package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.args.ListPosition;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.LPosParams;
import redis.clients.jedis.util.KeyValue;

import io.minikv.junit.MiniKvExtension;

/** The list family through Jedis: every command, blocking forms included, and errors as Jedis surfaces them. */
class ListJedisIT {
    @RegisterExtension
    static final MiniKvExtension REDIS = MiniKvExtension.builder().workers(2).build();

    private Jedis jedis;

    @BeforeEach
    void connect() {
        jedis = new Jedis(REDIS.host(), REDIS.port());
    }

    @AfterEach
    void disconnect() {
        jedis.close();
    }

    @Test
    void shouldPushPopAndRead() {
        assertThat(jedis.rpush("l", "a", "b", "c")).isEqualTo(3);
        assertThat(jedis.lpush("l", "z")).isEqualTo(4);
        assertThat(jedis.lpushx("nokey", "a")).isZero();
        assertThat(jedis.rpushx("l", "d")).isEqualTo(5);
        assertThat(jedis.lrange("l", 0, -1)).containsExactly("z", "a", "b", "c", "d");
        assertThat(jedis.llen("l")).isEqualTo(5);
        assertThat(jedis.lindex("l", -1)).isEqualTo("d");
        assertThat(jedis.lindex("l", 9)).isNull();
        assertThat(jedis.lpop("l")).isEqualTo("z");
        assertThat(jedis.rpop("l")).isEqualTo("d");
        assertThat(jedis.lpop("l", 2)).containsExactly("a", "b");
        assertThat(jedis.rpop("l", 5)).containsExactly("c");
        assertThat(jedis.exists("l")).isFalse();
        assertThat(jedis.lpop("l")).isNull();
        assertThat(jedis.lpop("l", 2)).isNull();
        assertThat(jedis.type("l")).isEqualTo("none");
    }

    @Test
    void shouldEditInPlace() {
        jedis.rpush("l", "a", "b", "a", "c");
        assertThat(jedis.lset("l", 1, "B")).isEqualTo("OK");
        assertThat(jedis.linsert("l", ListPosition.BEFORE, "a", "x")).isEqualTo(5);
        assertThat(jedis.linsert("l", ListPosition.AFTER, "nope", "x")).isEqualTo(-1);
        assertThat(jedis.lrem("l", -1, "a")).isEqualTo(1);
        assertThat(jedis.lrange("l", 0, -1)).containsExactly("x", "a", "B", "c");
        assertThat(jedis.ltrim("l", 1, 2)).isEqualTo("OK");
        assertThat(jedis.lrange("l", 0, -1)).containsExactly("a", "B");
        assertThatThrownBy(() -> jedis.lset("l", 5, "x")).isInstanceOf(JedisDataException.class)
            .hasMessage("ERR index out of range");
        assertThatThrownBy(() -> jedis.lset("nokey", 0, "x")).isInstanceOf(JedisDataException.class)
            .hasMessage("ERR no such key");
        assertThat(jedis.type("l")).isEqualTo("list");
    }

    @Test
    void shouldFindPositions() {
        jedis.rpush("l", "a", "b", "c", "a", "b", "c", "a");
        assertThat(jedis.lpos("l", "b")).isEqualTo(1);
        assertThat(jedis.lpos("l", "a", LPosParams.lPosParams().rank(-1))).isEqualTo(6);
        assertThat(jedis.lpos("l", "a", LPosParams.lPosParams().rank(2).maxlen(3))).isNull();
        assertThat(jedis.lpos("l", "a", LPosParams.lPosParams(), 0)).containsExactly(0L, 3L, 6L);
        assertThat(jedis.lpos("l", "a", LPosParams.lPosParams().rank(-2), 1)).containsExactly(3L);
        assertThatThrownBy(() -> jedis.lpos("l", "a", LPosParams.lPosParams().rank(0)))
            .isInstanceOf(JedisDataException.class).hasMessageStartingWith("ERR RANK can't be zero");
        assertThatThrownBy(() -> jedis.lpos("l", "a", LPosParams.lPosParams(), -1))
            .isInstanceOf(JedisDataException.class).hasMessage("ERR COUNT can't be negative");
        assertThatThrownBy(() -> jedis.lpos("l", "a", LPosParams.lPosParams().maxlen(-1)))
            .isInstanceOf(JedisDataException.class).hasMessage("ERR MAXLEN can't be negative");
    }

    @Test
    void shouldMoveAndMultiPop() {
        jedis.rpush("src", "a", "b", "c");
        assertThat(jedis.lmove("src", "dst", ListDirection.LEFT, ListDirection.RIGHT)).isEqualTo("a");
        assertThat(jedis.rpoplpush("src", "dst")).isEqualTo("c");
        assertThat(jedis.lrange("dst", 0, -1)).containsExactly("c", "a");
        final KeyValue<String, List<String>> popped = jedis.lmpop(ListDirection.RIGHT, 5, "nokey", "dst");
        assertThat(popped.getKey()).isEqualTo("dst");
        assertThat(popped.getValue()).containsExactly("a", "c");
        assertThat(jedis.lmpop(ListDirection.LEFT, "nokey", "dst")).isNull();
        jedis.set("s", "v");
        assertThatThrownBy(() -> jedis.lmove("src", "s", ListDirection.LEFT, ListDirection.LEFT))
            .isInstanceOf(JedisDataException.class).hasMessageStartingWith("WRONGTYPE");
        assertThat(jedis.lrange("src", 0, -1)).containsExactly("b");
    }

    @Test
    void shouldBlockUntilAnotherClientPushes() throws Exception {
        try (Jedis waiter = new Jedis(REDIS.host(), REDIS.port())) {
            final CompletableFuture<KeyValue<String, String>> popped =
                CompletableFuture.supplyAsync(() -> waiter.blpop(0.0, "q"));
            awaitBlocked(1);
            jedis.rpush("q", "job");
            final KeyValue<String, String> kv = popped.get(10, TimeUnit.SECONDS);
            assertThat(kv.getKey()).isEqualTo("q");
            assertThat(kv.getValue()).isEqualTo("job");
        }
    }

    @Test
    void shouldServeTheBlockingFormsAtOnceOrTimeOut() {
        jedis.rpush("q", "a", "b", "c", "d");
        assertThat(jedis.brpop(0.0, "q").getValue()).isEqualTo("d");
        assertThat(jedis.blpop(1, "nokey", "q")).containsExactly("q", "a");
        assertThat(jedis.blmove("q", "r", ListDirection.LEFT, ListDirection.LEFT, 0.0)).isEqualTo("b");
        assertThat(jedis.brpoplpush("q", "r", 0)).isEqualTo("c");
        assertThat(jedis.blmpop(0.0, ListDirection.LEFT, 2, "r").getValue()).containsExactly("c", "b");
        assertThat(jedis.blpop(0.05, "q")).isNull();
        assertThat(jedis.blmpop(0.05, ListDirection.LEFT, "q")).isNull();
        assertThat(jedis.blmove("q", "r", ListDirection.LEFT, ListDirection.LEFT, 0.05)).isNull();
        assertThat(jedis.dbSize()).isZero();
    }

    private void awaitBlocked(final int n) throws InterruptedException {
        for (int attempt = 0; attempt < 5000; attempt++) {
            if (jedis.info("clients").contains("blocked_clients:" + n)) {
                return;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("clients did not block");
    }
}
