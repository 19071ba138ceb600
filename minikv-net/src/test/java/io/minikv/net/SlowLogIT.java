package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.Slowlog;

/**
 * SLOWLOG through Jedis's own parser: what is logged (execution time only, blocked commands once served, scripts
 * with their run), with which fields, and the settings. Durations are asserted only from below (a DEBUG SLEEP
 * lasts at least its time).
 */
class SlowLogIT {
    private static MiniKvServer server;

    @BeforeAll
    static void start() {
        server = MiniKvServer.builder().port(0).workers(2).enableDebugCommand("yes").build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Jedis connect() {
        return new Jedis(server.host(), server.port());
    }

    @BeforeEach
    void reset() {
        try (Jedis jedis = connect()) {
            jedis.configSet("slowlog-log-slower-than", "10000");
            jedis.configSet("slowlog-max-len", "128");
            jedis.slowlogReset();
        }
    }

    @Test
    void shouldLogASlowCommandWithItsFields() {
        try (Jedis jedis = connect()) {
            jedis.clientSetname("sleeper");
            jedis.configSet("slowlog-log-slower-than", "40000");
            jedis.sendCommand(() -> redis.clients.jedis.util.SafeEncoder.encode("DEBUG"), "SLEEP", "0.05");
            // The newest entry; on a loaded machine another command may pass 40 ms too.
            final List<Slowlog> log = jedis.slowlogGet();
            assertThat(log).isNotEmpty();
            final Slowlog entry = log.get(0);
            assertThat(entry.getArgs()).containsExactly("DEBUG", "SLEEP", "0.05");
            assertThat(entry.getExecutionTime()).isGreaterThanOrEqualTo(50_000);
            assertThat(entry.getClientName()).isEqualTo("sleeper");
            assertThat(entry.getClientIpPort().getHost()).isEqualTo("127.0.0.1");
            assertThat(entry.getTimeStamp()).isCloseTo(System.currentTimeMillis() / 1000,
                org.assertj.core.data.Offset.offset(60L));
            assertThat(jedis.slowlogLen()).isEqualTo(log.size());
        }
    }

    @Test
    void shouldLogEverythingAtZeroAndNothingWhenDisabled() {
        try (Jedis jedis = connect()) {
            jedis.configSet("slowlog-log-slower-than", "0");
            jedis.slowlogReset();
            jedis.set("k", "v");
            jedis.get("k");
            final List<Slowlog> log = jedis.slowlogGet(-1);
            assertThat(log).extracting(Slowlog::getArgs).containsExactly(List.of("GET", "k"),
                List.of("SET", "k", "v"), List.of("SLOWLOG", "RESET"));
            assertThat(log.get(0).getId()).isEqualTo(log.get(1).getId() + 1);
            jedis.configSet("slowlog-log-slower-than", "-1");
            jedis.slowlogReset();
            jedis.set("k", "v");
            assertThat(jedis.slowlogLen()).isZero();
        }
    }

    @Test
    void shouldLogAServedBlockedCommandAndAScriptAfterItsCommands() throws Exception {
        try (Jedis jedis = connect(); Jedis blocked = connect()) {
            jedis.configSet("slowlog-log-slower-than", "0");
            final Thread waiter = new Thread(() -> blocked.blpop(0, "q"));
            waiter.start();
            try (RawClient raw = new RawClient(server.host(), server.port())) {
                raw.awaitBlockedClients(1);
            }
            jedis.slowlogReset();
            jedis.rpush("q", "x");
            waiter.join();
            jedis.eval("return redis.call('ping')");
            final List<Slowlog> log = jedis.slowlogGet(5);
            assertThat(log).extracting(Slowlog::getArgs).containsExactly(
                List.of("EVAL", "return redis.call('ping')", "0"), List.of("ping"), List.of("BLPOP", "q", "0"),
                List.of("RPUSH", "q", "x"), List.of("SLOWLOG", "RESET"));
        }
    }

    @Test
    void shouldKeepAtMostMaxLenEntries() {
        try (Jedis jedis = connect()) {
            jedis.configSet("slowlog-log-slower-than", "0");
            jedis.configSet("slowlog-max-len", "2");
            for (int i = 0; i < 5; i++) {
                jedis.ping();
            }
            assertThat(jedis.slowlogLen()).isEqualTo(2);
            jedis.configSet("slowlog-max-len", "1");
            assertThat(jedis.slowlogLen()).isEqualTo(1);
            assertThat(jedis.configGet("slowlog-*")).containsEntry("slowlog-max-len", "1")
                .containsEntry("slowlog-log-slower-than", "0");
        }
    }
}
