package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.args.ExpiryOption;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.GetExParams;
import redis.clients.jedis.params.LCSParams;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.LCSMatchResult;
import redis.clients.jedis.resps.ScanResult;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.minikv.junit.MiniKvExtension;

/**
 * The server driven by Jedis, the most common Java client: handshake, pooling, pipelining, and the string, key and
 * expiry commands with their options and errors.
 */
class JedisIT {
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
    void shouldSetAndGetWithEveryOption() {
        assertThat(jedis.set("k", "v")).isEqualTo("OK");
        assertThat(jedis.get("k")).isEqualTo("v");
        assertThat(jedis.set("k", "w", SetParams.setParams().nx())).isNull();
        assertThat(jedis.set("k", "w", SetParams.setParams().xx().ex(100))).isEqualTo("OK");
        assertThat(jedis.ttl("k")).isBetween(99L, 100L);
        assertThat(jedis.setGet("k", "x", SetParams.setParams().keepTtl())).isEqualTo("w");
        assertThat(jedis.ttl("k")).isBetween(99L, 100L);
        assertThat(jedis.set("k", "y", SetParams.setParams().px(50_000))).isEqualTo("OK");
        assertThat(jedis.pttl("k")).isBetween(49_000L, 50_000L);
        assertThat(jedis.getEx("k", GetExParams.getExParams().persist())).isEqualTo("y");
        assertThat(jedis.ttl("k")).isEqualTo(-1);
        assertThat(jedis.getDel("k")).isEqualTo("y");
        assertThat(jedis.get("k")).isNull();
        assertThatThrownBy(() -> jedis.set("k", "v", SetParams.setParams().ex(0)))
            .isInstanceOf(JedisDataException.class).hasMessage("ERR invalid expire time in 'set' command");
        assertThatThrownBy(() -> jedis.setex("k", 0, "v"))
            .isInstanceOf(JedisDataException.class).hasMessage("ERR invalid expire time in 'setex' command");
    }

    @Test
    void shouldRunTheStringFamily() {
        assertThat(jedis.setnx("s", "a")).isEqualTo(1);
        assertThat(jedis.setnx("s", "b")).isEqualTo(0);
        assertThat(jedis.append("s", "bc")).isEqualTo(3);
        assertThat(jedis.strlen("s")).isEqualTo(3);
        assertThat(jedis.getrange("s", 1, -1)).isEqualTo("bc");
        assertThat(jedis.setrange("s", 5, "z")).isEqualTo(6);
        assertThat(jedis.get("s")).isEqualTo("abc\0\0z");
        assertThat(jedis.getSet("s", "new")).isEqualTo("abc\0\0z");
        assertThat(jedis.mset("a", "1", "b", "2")).isEqualTo("OK");
        assertThat(jedis.mget("a", "b", "missing")).containsExactly("1", "2", null);
        assertThat(jedis.msetnx("a", "x", "c", "3")).isEqualTo(0);
        assertThat(jedis.incr("a")).isEqualTo(2);
        assertThat(jedis.incrBy("a", 10)).isEqualTo(12);
        assertThat(jedis.decr("a")).isEqualTo(11);
        assertThat(jedis.decrBy("a", 20)).isEqualTo(-9);
        assertThat(jedis.incrByFloat("b", 0.5)).isEqualTo(2.5);
        assertThatThrownBy(() -> jedis.incr("s")).isInstanceOf(JedisDataException.class)
            .hasMessage("ERR value is not an integer or out of range");
        assertThat(jedis.psetex("p", 10_000, "v")).isEqualTo("OK");
        assertThat(jedis.pttl("p")).isBetween(9_000L, 10_000L);
    }

    @Test
    void shouldFindTheLongestCommonSubsequence() {
        jedis.mset("lcs1", "ohmytext", "lcs2", "mynewtext");
        assertThat(jedis.lcs("lcs1", "lcs2", LCSParams.LCSParams()).getMatchString()).isEqualTo("mytext");
        assertThat(jedis.lcs("lcs1", "lcs2", LCSParams.LCSParams().len()).getLen()).isEqualTo(6);
        final LCSMatchResult idx = jedis.lcs("lcs1", "lcs2", LCSParams.LCSParams().idx().minMatchLen(4)
            .withMatchLen());
        assertThat(idx.getLen()).isEqualTo(6);
        assertThat(idx.getMatches()).hasSize(1);
        final LCSMatchResult.MatchedPosition run = idx.getMatches().get(0);
        assertThat(List.of(run.getA().getStart(), run.getA().getEnd(), run.getB().getStart(), run.getB().getEnd(),
            run.getMatchLen())).containsExactly(4L, 7L, 5L, 8L, 4L);
        jedis.rpush("lcslist", "x");
        assertThatThrownBy(() -> jedis.lcs("lcslist", "lcs1", LCSParams.LCSParams()))
            .isInstanceOf(JedisDataException.class)
            .hasMessage("ERR The specified keys must contain string values");
    }

    @Test
    void shouldRunTheKeyFamily() {
        jedis.mset("k1", "a", "k2", "b", "other", "c");
        assertThat(jedis.exists("k1", "k1", "nope")).isEqualTo(2);
        assertThat(jedis.type("k1")).isEqualTo("string");
        assertThat(jedis.type("nope")).isEqualTo("none");
        assertThat(new HashSet<>(jedis.keys("k*"))).containsExactlyInAnyOrder("k1", "k2");
        final Set<String> scanned = new HashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            final ScanResult<String> page = jedis.scan(cursor, new ScanParams().match("k*").count(1));
            scanned.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        assertThat(scanned).containsExactlyInAnyOrder("k1", "k2");
        assertThat(jedis.randomKey()).isIn("k1", "k2", "other");
        assertThat(jedis.rename("k1", "k3")).isEqualTo("OK");
        assertThat(jedis.renamenx("k3", "k2")).isEqualTo(0);
        assertThat(jedis.copy("k3", "k4", false)).isTrue();
        assertThat(jedis.move("k4", 1)).isEqualTo(1);
        assertThat(jedis.touch("k2", "k3", "k4")).isEqualTo(2);
        assertThat(jedis.del("k2", "k3")).isEqualTo(2);
        assertThat(jedis.unlink("other")).isEqualTo(1);
        assertThat(jedis.dbSize()).isEqualTo(0);
        jedis.select(1);
        assertThat(jedis.get("k4")).isEqualTo("a");
        assertThat(jedis.dbSize()).isEqualTo(1);
        assertThatThrownBy(() -> jedis.rename("missing", "x")).isInstanceOf(JedisDataException.class)
            .hasMessage("ERR no such key");
    }

    @Test
    void shouldRunTheExpiryFamily() {
        jedis.set("e", "v");
        assertThat(jedis.expire("e", 100, ExpiryOption.NX)).isEqualTo(1);
        assertThat(jedis.expire("e", 200, ExpiryOption.NX)).isEqualTo(0);
        assertThat(jedis.expire("e", 50, ExpiryOption.GT)).isEqualTo(0);
        assertThat(jedis.pexpire("e", 300_000, ExpiryOption.GT)).isEqualTo(1);
        assertThat(jedis.ttl("e")).isBetween(299L, 300L);
        final long at = System.currentTimeMillis() / 1000 + 1000;
        assertThat(jedis.expireAt("e", at)).isEqualTo(1);
        assertThat(jedis.expireTime("e")).isEqualTo(at);
        assertThat(jedis.pexpireAt("e", at * 1000 + 5)).isEqualTo(1);
        assertThat(jedis.pexpireTime("e")).isEqualTo(at * 1000 + 5);
        assertThat(jedis.persist("e")).isEqualTo(1);
        assertThat(jedis.ttl("e")).isEqualTo(-1);
        assertThat(jedis.ttl("missing")).isEqualTo(-2);
        assertThat(jedis.expire("e", -1)).isEqualTo(1);
        assertThat(jedis.exists("e")).isFalse();
    }

    @Test
    void shouldAnswerServerAndConnectionCommands() {
        assertThat(jedis.ping()).isEqualTo("PONG");
        assertThat(jedis.echo("hi")).isEqualTo("hi");
        assertThat(jedis.info("server")).contains("redis_version:7.0.15").contains("redis_mode:standalone");
        assertThat(jedis.info("replication")).contains("role:master").contains("connected_slaves:0");
        assertThat(jedis.clientSetname("me")).isEqualTo("OK");
        assertThat(jedis.clientGetname()).isEqualTo("me");
        assertThat(jedis.clientList()).contains("name=me");
        assertThat(jedis.clientId()).isPositive();
        assertThat(jedis.configGet("maxclients")).containsEntry("maxclients", "10000");
        assertThat(jedis.configSet("notify-keyspace-events", "Egx")).isEqualTo("OK");
        assertThat(jedis.configGet("notify-keyspace-events")).containsEntry("notify-keyspace-events", "gxE");
        assertThat(jedis.time()).hasSize(2);
        assertThat(jedis.waitReplicas(1, 100)).isEqualTo(0);
        assertThatThrownBy(() -> jedis.select(16)).isInstanceOf(JedisDataException.class)
            .hasMessage("ERR DB index is out of range");
    }

    @Test
    void shouldPipelineAndPool() {
        try (JedisPool pool = new JedisPool(REDIS.host(), REDIS.port());
             Jedis pooled = pool.getResource()) {
            final Pipeline pipeline = pooled.pipelined();
            for (int i = 0; i < 1000; i++) {
                pipeline.set("p" + i, Integer.toString(i));
                pipeline.incr("p" + i);
            }
            final List<Object> replies = pipeline.syncAndReturnAll();
            assertThat(replies).hasSize(2000);
            assertThat(replies.get(1999)).isEqualTo(1000L);
            assertThat(pooled.get("p500")).isEqualTo("501");
        }
    }

    @Test
    void shouldRequireAuthenticationWhenAPasswordIsSet() {
        try (MiniKvServer secured = MiniKvServer.builder().port(0).workers(1).requirePassword("s3cret")
            .store(REDIS.store()).build().start();
             Jedis anonymous = new Jedis(secured.host(), secured.port())) {
            assertThatThrownBy(anonymous::ping).isInstanceOf(JedisDataException.class)
                .hasMessage("NOAUTH Authentication required.");
            assertThatThrownBy(() -> anonymous.auth("wrong")).isInstanceOf(JedisDataException.class)
                .hasMessage("WRONGPASS invalid username-password pair or user is disabled.");
            assertThat(anonymous.auth("s3cret")).isEqualTo("OK");
            assertThat(anonymous.ping()).isEqualTo("PONG");
            try (Jedis configured = new Jedis(new HostAndPort(secured.host(), secured.port()),
                DefaultJedisClientConfig.builder().password("s3cret").database(2).clientName("app").build())) {
                assertThat(configured.set("authed", "1")).isEqualTo("OK");
                assertThat(configured.clientGetname()).isEqualTo("app");
            }
        }
    }
}
