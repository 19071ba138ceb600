package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.minikv.MiniKv;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Scripts as test-double users run them: Redisson's reentrant lock scripts and the EVALSHA-then-EVAL pattern of
 * Spring's {@code DefaultRedisScript} through Jedis, Lettuce's script output types; scripts' atomicity against concurrent clients; and a script that
 * loops forever: other clients, on every event loop, get BUSY once it passes busy-reply-threshold, SCRIPT KILL ends
 * it, and a script that has written cannot be killed but does not keep the server from closing.
 */
class ScriptingIT {
    /** Redisson's RedissonLock.tryLockInnerAsync: nil when locked (or re-entered), else the lock's PTTL. */
    private static final String LOCK = "if (redis.call('exists', KEYS[1]) == 0) then "
        + "redis.call('hincrby', KEYS[1], ARGV[2], 1); "
        + "redis.call('pexpire', KEYS[1], ARGV[1]); "
        + "return nil; "
        + "end; "
        + "if (redis.call('hexists', KEYS[1], ARGV[2]) == 1) then "
        + "redis.call('hincrby', KEYS[1], ARGV[2], 1); "
        + "redis.call('pexpire', KEYS[1], ARGV[1]); "
        + "return nil; "
        + "end; "
        + "return redis.call('pttl', KEYS[1]);";
    /** Redisson's unlockInnerAsync: nil when not held, 0 while still re-entered, 1 when released (and published). */
    private static final String UNLOCK = "if (redis.call('hexists', KEYS[1], ARGV[3]) == 0) then "
        + "return nil;"
        + "end; "
        + "local counter = redis.call('hincrby', KEYS[1], ARGV[3], -1); "
        + "if (counter > 0) then "
        + "redis.call('pexpire', KEYS[1], ARGV[2]); "
        + "return 0; "
        + "else "
        + "redis.call('del', KEYS[1]); "
        + "redis.call('publish', KEYS[2], ARGV[1]); "
        + "return 1; "
        + "end; "
        + "return nil;";
    private static final String BUSY =
        "-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.\r\n";
    private static final long BOUND_MS = 20_000;

    private KvStore store;
    private MiniKvServer server;

    @BeforeEach
    void start() throws IOException {
        store = MiniKv.open(KvOptions.builder().build());
        server = MiniKvServer.builder().port(0).workers(2).store(store).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    private Jedis jedis() {
        return new Jedis(server.host(), server.port());
    }

    private RawClient raw() throws IOException {
        return new RawClient(server.host(), server.port());
    }

    @Test
    void shouldRunRedissonsReentrantLockScripts() {
        try (Jedis a = jedis(); Jedis b = jedis()) {
            final List<String> lock = List.of("lock");
            assertThat(a.eval(LOCK, lock, List.of("30000", "client-a:1"))).isNull();
            assertThat(a.hget("lock", "client-a:1")).isEqualTo("1");
            assertThat(a.pttl("lock")).isBetween(1L, 30_000L);
            // Re-entered by its holder; refused to another client, which learns how long the lock has left.
            assertThat(a.eval(LOCK, lock, List.of("30000", "client-a:1"))).isNull();
            assertThat(a.hget("lock", "client-a:1")).isEqualTo("2");
            assertThat((Long) b.eval(LOCK, lock, List.of("30000", "client-b:1"))).isBetween(1L, 30_000L);

            final String unlockSha = a.scriptLoad(UNLOCK);
            assertThat(unlockSha).hasSize(40).isEqualTo(unlockSha.toLowerCase(java.util.Locale.ROOT));
            assertThat(a.scriptExists(unlockSha)).isTrue();
            final List<String> keys = List.of("lock", "redisson_lock__channel:{lock}");
            assertThat(b.evalsha(unlockSha, keys, List.of("0", "30000", "client-b:1"))).isNull();
            assertThat(a.evalsha(unlockSha, keys, List.of("0", "30000", "client-a:1"))).isEqualTo(0L);
            assertThat(a.evalsha(unlockSha, keys, List.of("0", "30000", "client-a:1"))).isEqualTo(1L);
            assertThat(a.exists("lock")).isFalse();
            assertThat(b.eval(LOCK, lock, List.of("30000", "client-b:1"))).isNull();
        }
    }

    @Test
    void shouldFallBackFromEvalshaToEvalAsSpringDoes() {
        try (Jedis j = jedis()) {
            final String script = "return redis.call('incrby', KEYS[1], ARGV[1])";
            final String sha = sha1(script);
            j.scriptFlush();
            assertThatThrownBy(() -> j.evalsha(sha, List.of("n"), List.of("5")))
                .isInstanceOf(JedisNoScriptException.class)
                .hasMessage("NOSCRIPT No matching script. Please use EVAL.");
            assertThat(j.eval(script, List.of("n"), List.of("5"))).isEqualTo(5L);
            // EVAL cached it.
            assertThat(j.evalsha(sha, List.of("n"), List.of("2"))).isEqualTo(7L);
            assertThat(j.scriptExists(sha)).isTrue();
            assertThat(j.evalReadonly("return redis.call('get', KEYS[1])", List.of("n"), List.of())).isEqualTo("7");
            assertThatThrownBy(() -> j.evalReadonly("return redis.call('del', KEYS[1])", List.of("n"), List.of()))
                .isInstanceOf(JedisDataException.class)
                .hasMessageStartingWith("ERR Write commands are not allowed from read-only scripts.");
        }
    }

    @Test
    void shouldRunScriptsThroughLettuce() {
        final RedisClient client = RedisClient.create(RedisURI.builder().withHost(server.host())
            .withPort(server.port()).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            final RedisCommands<String, String> redis = connection.sync();
            final String set = "return redis.call('set', KEYS[1], ARGV[1])";
            assertThat((String) redis.eval(set, ScriptOutputType.STATUS, new String[] {"k"}, "v")).isEqualTo("OK");
            final String sha = redis.scriptLoad("return {KEYS[1], ARGV[1], redis.call('get', KEYS[1])}");
            assertThat(redis.scriptExists(sha)).containsExactly(true);
            assertThat((List<Object>) redis.evalsha(sha, ScriptOutputType.MULTI, new String[] {"k"}, "a"))
                .containsExactly("k", "a", "v");
            assertThat((Long) redis.eval("return 7.9", ScriptOutputType.INTEGER)).isEqualTo(7L);
            assertThat((Boolean) redis.eval("return true", ScriptOutputType.BOOLEAN)).isTrue();
            assertThat((Object) redis.eval("return false", ScriptOutputType.VALUE)).isNull();
            assertThatThrownBy(() -> redis.eval("return redis.call('nosuch')", ScriptOutputType.VALUE))
                .isInstanceOf(RedisCommandExecutionException.class)
                .hasMessageStartingWith("ERR Unknown Redis command called from script script: ");
            assertThat(redis.scriptFlush()).isEqualTo("OK");
            assertThat(redis.scriptExists(sha)).containsExactly(false);
        } finally {
            client.shutdown();
        }
    }

    private static String sha1(final String script) {
        return io.minikv.net.script.LuaSandbox.sha1hex(script.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void shouldRunEachScriptAtomicallyAgainstOtherClients() throws Exception {
        final String increment = "local v = tonumber(redis.call('get', KEYS[1]) or '0') "
            + "redis.call('set', KEYS[1], v + 1) return v + 1";
        final int threads = 4;
        final int perThread = 150;
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            final List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    try (Jedis j = jedis()) {
                        for (int i = 0; i < perThread; i++) {
                            j.eval(increment, List.of("counter"), List.of());
                        }
                    }
                    return null;
                }));
            }
            for (final Future<?> f : done) {
                f.get(BOUND_MS, TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // A read and a write of another client between a script's GET and SET would lose increments.
        assertThat(new String(store.get("counter".getBytes()))).isEqualTo(Integer.toString(threads * perThread));
    }

    @Test
    void shouldAnswerBusyWhileAScriptLoopsAndStopItWithScriptKill() throws Exception {
        try (RawClient looper = raw(); RawClient a = raw(); RawClient b = raw(); RawClient c = raw()) {
            assertThat(a.call("CONFIG", "SET", "busy-reply-threshold", "50")).isEqualTo("+OK\r\n");
            assertThat(a.call("SCRIPT", "KILL")).isEqualTo("-NOTBUSY No scripts in execution right now.\r\n");
            looper.send(RawClient.command("EVAL", "local i = 0 while true do i = i + 1 end", "0"));
            // Four connections on two event loops: at least one shares the looping client's loop.
            for (final RawClient other : List.of(a, b, c)) {
                awaitBusy(other);
            }
            assertThat(b.call("GET", "x")).isEqualTo(BUSY);
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("INCR", "x")).isEqualTo(BUSY);
            assertThat(c.call("EXEC")).isEqualTo("-EXECABORT Transaction discarded because of: " + BUSY.substring(1));
            assertThat(c.call("NOSUCH")).isEqualTo("-ERR unknown command 'NOSUCH', with args beginning with: \r\n");
            assertThat(c.call("GET")).isEqualTo("-ERR wrong number of arguments for 'get' command\r\n");
            assertThat(c.call("WATCH", "x")).isEqualTo("+OK\r\n");
            assertThat(c.call("UNWATCH")).isEqualTo("+OK\r\n");
            assertThat(c.call("EVAL", "return 1", "0")).isEqualTo(BUSY);
            assertThat(b.call("SCRIPT", "KILL")).isEqualTo("+OK\r\n");
            assertThat(looper.readReply()).isEqualTo("-ERR Script killed by user with SCRIPT KILL... script: "
                + sha1("local i = 0 while true do i = i + 1 end") + ", on @user_script:1.\r\n");
            assertThat(a.call("PING")).isEqualTo("+PONG\r\n");
            assertThat(looper.call("PING")).isEqualTo("+PONG\r\n");
            assertThat(b.call("SCRIPT", "KILL")).isEqualTo("-NOTBUSY No scripts in execution right now.\r\n");
        }
    }

    @Test
    void shouldRefuseToKillAScriptThatWroteButCloseTheServerAnyway() throws Exception {
        try (RawClient looper = raw(); RawClient a = raw()) {
            assertThat(a.call("CONFIG", "SET", "lua-time-limit", "50")).isEqualTo("+OK\r\n");
            looper.send(RawClient.command("EVAL", "redis.call('set', 'w', '1') while true do end", "0"));
            awaitBusy(a);
            assertThat(a.call("SCRIPT", "KILL")).startsWith("-UNKILLABLE Sorry the script already executed write "
                + "commands against the dataset.");
        }
        final long start = System.nanoTime();
        server.close();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(BOUND_MS);
    }

    /** Sends PING until it is answered BUSY (a PING sent before the threshold waits for it), within a bound. */
    private static void awaitBusy(final RawClient client) throws IOException {
        final long deadline = System.currentTimeMillis() + BOUND_MS;
        while (true) {
            final String reply = client.call("PING");
            if (reply.equals(BUSY)) {
                return;
            }
            assertThat(reply).isEqualTo("+PONG\r\n");
            assertThat(System.currentTimeMillis()).as("BUSY within the bound").isLessThan(deadline);
        }
    }
}
