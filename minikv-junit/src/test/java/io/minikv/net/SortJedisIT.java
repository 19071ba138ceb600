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
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SortingParams;

import io.minikv.junit.MiniKvExtension;

/** SORT, SORT_RO and SWAPDB through Jedis: its parameter builder, STORE, and clients woken by a swap or a store. */
class SortJedisIT {
    @RegisterExtension
    static final MiniKvExtension REDIS = MiniKvExtension.builder().workers(2).build();

    private Jedis jedis;

    @BeforeEach
    void connect() {
        jedis = new Jedis(REDIS.host(), REDIS.port());
        jedis.flushAll();
        jedis.rpush("ids", "1", "2", "3");
        jedis.mset("weight_1", "30", "weight_2", "10", "weight_3", "20");
        jedis.hset("user:1", "name", "ann");
        jedis.hset("user:2", "name", "bob");
        jedis.hset("user:3", "name", "cy");
    }

    @AfterEach
    void disconnect() {
        jedis.close();
    }

    private void awaitBlocked() throws InterruptedException {
        while (!jedis.info("clients").contains("blocked_clients:1")) {
            Thread.sleep(10);
        }
    }

    @Test
    void shouldSortByAndGet() {
        assertThat(jedis.sort("ids", new SortingParams().desc())).containsExactly("3", "2", "1");
        assertThat(jedis.sort("ids", new SortingParams().by("weight_*").get("user:*->name", "#")))
            .containsExactly("bob", "2", "cy", "3", "ann", "1");
        assertThat(jedis.sortReadonly("ids", new SortingParams().by("weight_*").limit(0, 1).get("user:*->name")))
            .containsExactly("bob");
        assertThat(jedis.sort("ids", new SortingParams().nosort().desc())).containsExactly("3", "2", "1");
        assertThat(jedis.sort("ids", new SortingParams().get("missing_*"))).containsExactly(null, null, null);
        jedis.rpush("words", "b", "a");
        assertThatThrownBy(() -> jedis.sort("words")).isInstanceOf(JedisDataException.class)
            .hasMessage("ERR One or more scores can't be converted into double");
        assertThat(jedis.sort("words", new SortingParams().alpha())).containsExactly("a", "b");
    }

    @Test
    void shouldStoreAList() {
        assertThat(jedis.sort("ids", new SortingParams().by("weight_*").get("user:*->name"), "names")).isEqualTo(3);
        assertThat(jedis.lrange("names", 0, -1)).containsExactly("bob", "cy", "ann");
        assertThat(jedis.sort("missing", "names")).isZero();
        assertThat(jedis.exists("names")).isFalse();
        assertThatThrownBy(() -> jedis.sendCommand(redis.clients.jedis.Protocol.Command.SORT_RO, "ids", "STORE", "x"))
            .isInstanceOf(JedisDataException.class).hasMessage("ERR syntax error");
    }

    @Test
    void shouldWakeAClientBlockedOnTheStoreDestination() throws Exception {
        try (Jedis other = new Jedis(REDIS.host(), REDIS.port())) {
            final CompletableFuture<List<String>> popped =
                CompletableFuture.supplyAsync(() -> other.blpop(30, "sorted"));
            awaitBlocked();
            jedis.sort("ids", new SortingParams().desc(), "sorted");
            assertThat(popped.get(10, TimeUnit.SECONDS)).containsExactly("sorted", "3");
            assertThat(jedis.lrange("sorted", 0, -1)).containsExactly("2", "1");
        }
    }

    @Test
    void shouldSwapDatabasesAndWakeAClientBlockedOnAKeyTheSwapBringsIn() throws Exception {
        jedis.select(1);
        jedis.rpush("jobs", "j1", "j2");
        jedis.set("only-in-1", "x");
        jedis.select(0);
        try (Jedis other = new Jedis(REDIS.host(), REDIS.port())) {
            final CompletableFuture<List<String>> popped =
                CompletableFuture.supplyAsync(() -> other.blpop(30, "jobs"));
            awaitBlocked();
            assertThat(jedis.swapDB(0, 1)).isEqualTo("OK");
            assertThat(popped.get(10, TimeUnit.SECONDS)).containsExactly("jobs", "j1");
        }
        assertThat(jedis.get("only-in-1")).isEqualTo("x");
        assertThat(jedis.lrange("jobs", 0, -1)).containsExactly("j2");
        jedis.select(1);
        assertThat(jedis.lrange("ids", 0, -1)).containsExactly("1", "2", "3");
        assertThatThrownBy(() -> jedis.swapDB(0, 16)).isInstanceOf(JedisDataException.class)
            .hasMessage("ERR DB index is out of range");
    }

    @Test
    void shouldFailTheTransactionOfAClientWatchingASwappedKey() {
        try (Jedis watcher = new Jedis(REDIS.host(), REDIS.port())) {
            watcher.watch("ids");
            jedis.swapDB(0, 2);
            final Transaction tx = watcher.multi();
            tx.get("ids");
            assertThat(tx.exec()).isNull();
            // A key missing on both sides is not touched by the swap.
            watcher.watch("nowhere");
            jedis.swapDB(0, 2);
            final Transaction tx2 = watcher.multi();
            tx2.get("nowhere");
            assertThat(tx2.exec()).hasSize(1);
        }
    }

    @Test
    void shouldServeAClientBlockedOnTheApplicationsSwap() throws Exception {
        REDIS.store().database(3).rpush("q".getBytes(), "v".getBytes());
        try (Jedis other = new Jedis(REDIS.host(), REDIS.port())) {
            final CompletableFuture<List<String>> popped =
                CompletableFuture.supplyAsync(() -> other.blpop(30, "q"));
            awaitBlocked();
            REDIS.store().swapdb(3, 0);
            assertThat(popped.get(10, TimeUnit.SECONDS)).containsExactly("q", "v");
        }
        assertThat(jedis.exists("q")).isFalse();
    }
}
