package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import io.minikv.junit.MiniKvExtension;

/** The hash family through Jedis: HSET, HGET, HGETALL, HINCRBY, HINCRBYFLOAT, HSCAN and the rest as Jedis maps them. */
class HashJedisIT {
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
    void shouldSetAndGetFields() {
        final Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "mini-kv");
        fields.put("lang", "java");
        assertThat(jedis.hset("h", fields)).isEqualTo(2);
        assertThat(jedis.hset("h", "lang", "Java 17")).isZero();
        assertThat(jedis.hsetnx("h", "lang", "x")).isZero();
        assertThat(jedis.hsetnx("h", "year", "2026")).isEqualTo(1);
        assertThat(jedis.hmset("h", Map.of("extra", "1"))).isEqualTo("OK");
        assertThat(jedis.hget("h", "lang")).isEqualTo("Java 17");
        assertThat(jedis.hget("h", "nosuch")).isNull();
        assertThat(jedis.hget("nokey", "lang")).isNull();
        assertThat(jedis.hmget("h", "name", "nosuch", "year")).containsExactly("mini-kv", null, "2026");
        assertThat(jedis.hexists("h", "name")).isTrue();
        assertThat(jedis.hlen("h")).isEqualTo(4);
        assertThat(jedis.hstrlen("h", "name")).isEqualTo(7);
        assertThat(jedis.hkeys("h")).containsExactlyInAnyOrder("name", "lang", "year", "extra");
        assertThat(jedis.hvals("h")).containsExactlyInAnyOrder("mini-kv", "Java 17", "2026", "1");
        assertThat(jedis.hgetAll("h")).isEqualTo(Map.of("name", "mini-kv", "lang", "Java 17", "year", "2026",
            "extra", "1"));
        assertThat(jedis.hgetAll("nokey")).isEmpty();
        assertThat(jedis.hdel("h", "extra", "nosuch")).isEqualTo(1);
        assertThat(jedis.hdel("h", "name", "lang", "year")).isEqualTo(3);
        assertThat(jedis.exists("h")).isFalse();
        assertThat(jedis.type("h")).isEqualTo("none");
    }

    @Test
    void shouldIncrement() {
        assertThat(jedis.hincrBy("n", "i", 5)).isEqualTo(5);
        assertThat(jedis.hincrBy("n", "i", -7)).isEqualTo(-2);
        assertThat(jedis.hincrByFloat("n", "f", 10.5)).isEqualTo(10.5);
        assertThat(jedis.hincrByFloat("n", "f", 0.25)).isEqualTo(10.75);
        assertThat(jedis.hget("n", "f")).isEqualTo("10.75");
        jedis.hset("n", "s", "abc");
        assertThatThrownBy(() -> jedis.hincrBy("n", "s", 1)).isInstanceOf(JedisDataException.class)
            .hasMessage("ERR hash value is not an integer");
        assertThatThrownBy(() -> jedis.hincrByFloat("n", "s", 1)).isInstanceOf(JedisDataException.class)
            .hasMessage("ERR hash value is not a float");
        jedis.hset("n", "max", Long.toString(Long.MAX_VALUE));
        assertThatThrownBy(() -> jedis.hincrBy("n", "max", 1)).hasMessage("ERR increment or decrement would overflow");
        jedis.set("str", "v");
        assertThatThrownBy(() -> jedis.hincrBy("str", "i", 1))
            .hasMessage("WRONGTYPE Operation against a key holding the wrong kind of value");
        assertThatThrownBy(() -> jedis.hget("str", "i"))
            .hasMessage("WRONGTYPE Operation against a key holding the wrong kind of value");
    }

    @Test
    void shouldScanSmallHashesWholeAndLargeOnesByCursor() {
        jedis.hset("small", Map.of("a", "1", "b", "2", "ab", "3"));
        final ScanResult<Map.Entry<String, String>> small = jedis.hscan("small", ScanParams.SCAN_POINTER_START,
            new ScanParams().match("a*"));
        assertThat(small.getCursor()).isEqualTo("0");
        assertThat(small.getResult()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("a", "ab");
        final Map<String, String> big = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            big.put("field:" + i, "value:" + i);
        }
        jedis.hset("big", big);
        final Map<String, String> seen = new HashMap<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        int calls = 0;
        do {
            final ScanResult<Map.Entry<String, String>> r = jedis.hscan("big", cursor, new ScanParams().count(50));
            r.getResult().forEach(e -> seen.put(e.getKey(), e.getValue()));
            cursor = r.getCursor();
            calls++;
        } while (!cursor.equals("0"));
        assertThat(seen).isEqualTo(big);
        assertThat(calls).isGreaterThan(1);
        assertThat(jedis.hscan("nokey", "0").getResult()).isEmpty();
        assertThatThrownBy(() -> jedis.hscan("big", "abc")).hasMessage("ERR invalid cursor");
    }

    @Test
    void shouldPickRandomFields() {
        jedis.hset("r", Map.of("a", "1", "b", "2", "c", "3"));
        assertThat(jedis.hrandfield("r")).isIn("a", "b", "c");
        assertThat(jedis.hrandfield("nokey")).isNull();
        final List<String> two = jedis.hrandfield("r", 2);
        assertThat(two).hasSize(2).doesNotHaveDuplicates();
        assertThat(jedis.hrandfield("r", -5)).hasSize(5);
        final List<Map.Entry<String, String>> withValues = jedis.hrandfieldWithValues("r", 10);
        final Set<String> fields = new HashSet<>();
        withValues.forEach(e -> {
            assertThat(e.getValue()).isEqualTo(jedis.hget("r", e.getKey()));
            fields.add(e.getKey());
        });
        assertThat(fields).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void shouldWorkWithKeyCommands() {
        jedis.hset("h", "f", "v");
        assertThat(jedis.type("h")).isEqualTo("hash");
        assertThat(jedis.expire("h", 100)).isEqualTo(1);
        assertThat(jedis.ttl("h")).isBetween(99L, 100L);
        assertThat(jedis.copy("h", "h2", false)).isTrue();
        jedis.rename("h2", "h3");
        assertThat(jedis.hget("h3", "f")).isEqualTo("v");
        assertThat(jedis.move("h3", 1)).isEqualTo(1);
        assertThat(jedis.exists("h3")).isFalse();
        assertThat(jedis.scan("0", new ScanParams().count(100), "hash").getResult()).containsExactly("h");
        assertThat(jedis.del("h")).isEqualTo(1);
    }
}
