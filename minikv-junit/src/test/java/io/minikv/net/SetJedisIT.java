package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
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

/** The set family through Jedis: every command, and its errors as Jedis surfaces them. */
class SetJedisIT {
    @RegisterExtension
    static final MiniKvExtension REDIS = MiniKvExtension.builder().workers(2).build();

    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    private Jedis jedis;

    @BeforeEach
    void connect() {
        jedis = new Jedis(REDIS.host(), REDIS.port());
        jedis.sadd("a", "1", "2", "3", "4", "x");
        jedis.sadd("b", "2", "3", "4", "5", "x", "y");
    }

    @AfterEach
    void disconnect() {
        jedis.close();
    }

    @Test
    void shouldAddRemoveAndQuery() {
        assertThat(jedis.sadd("s", "a", "b", "a")).isEqualTo(2);
        assertThat(jedis.sadd("s", "a")).isZero();
        assertThat(jedis.smembers("s")).containsExactlyInAnyOrder("a", "b");
        assertThat(jedis.scard("s")).isEqualTo(2);
        assertThat(jedis.sismember("s", "a")).isTrue();
        assertThat(jedis.sismember("s", "zz")).isFalse();
        assertThat(jedis.smismember("s", "b", "zz", "a")).containsExactly(true, false, true);
        assertThat(jedis.srem("s", "a", "zz")).isEqualTo(1);
        assertThat(jedis.srem("s", "b")).isEqualTo(1);
        assertThat(jedis.exists("s")).isFalse();
        assertThat(jedis.smembers("s")).isEmpty();
        assertThat(jedis.type("a")).isEqualTo("set");
    }

    @Test
    void shouldKeepBinaryMembers() {
        final byte[] key = {'b', 0};
        final byte[] m1 = {0, (byte) 0xff, '\r', '\n'};
        final byte[] m2 = {};
        assertThat(jedis.sadd(key, m1, m2)).isEqualTo(2);
        assertThat(jedis.sismember(key, m1.clone())).isTrue();
        assertThat(jedis.sismember(key, m2)).isTrue();
        assertThat(jedis.smembers(key)).hasSize(2);
    }

    @Test
    void shouldPopAndPickRandomMembers() {
        final String popped = jedis.spop("a");
        assertThat(popped).isIn("1", "2", "3", "4", "x");
        assertThat(jedis.scard("a")).isEqualTo(4);
        final Set<String> two = jedis.spop("a", 2);
        assertThat(two).hasSize(2).doesNotContain(popped);
        assertThat(jedis.spop("a", 10)).hasSize(2);
        assertThat(jedis.exists("a")).isFalse();
        assertThat(jedis.spop("a")).isNull();
        assertThat(jedis.srandmember("b")).isIn("2", "3", "4", "5", "x", "y");
        assertThat(new HashSet<>(jedis.srandmember("b", 4))).hasSize(4);
        assertThat(jedis.srandmember("b", 100)).containsExactlyInAnyOrder("2", "3", "4", "5", "x", "y");
        assertThat(jedis.srandmember("b", -10)).hasSize(10);
        assertThat(jedis.srandmember("nosuch", 3)).isEmpty();
        assertThatThrownBy(() -> jedis.spop("b", -1)).isInstanceOf(JedisDataException.class)
            .hasMessage("ERR value is out of range, must be positive");
    }

    @Test
    void shouldMoveMembers() {
        assertThat(jedis.smove("a", "c", "1")).isEqualTo(1);
        assertThat(jedis.smove("a", "c", "1")).isZero();
        assertThat(jedis.smembers("c")).containsExactly("1");
        assertThat(jedis.smove("a", "a", "2")).isEqualTo(1);
        jedis.set("str", "v");
        assertThatThrownBy(() -> jedis.smove("a", "str", "2")).hasMessage(WRONGTYPE);
        assertThat(jedis.smove("nosuch", "str", "2")).isZero();
    }

    @Test
    void shouldCombineSets() {
        assertThat(jedis.sinter("a", "b")).containsExactlyInAnyOrder("2", "3", "4", "x");
        assertThat(jedis.sunion("a", "b")).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "x", "y");
        assertThat(jedis.sdiff("a", "b")).containsExactly("1");
        assertThat(jedis.sintercard("a", "b")).isEqualTo(4);
        assertThat(jedis.sintercard(2, "a", "b")).isEqualTo(2);
        assertThat(jedis.sinterstore("d", "a", "b")).isEqualTo(4);
        assertThat(jedis.sunionstore("d", "a", "b")).isEqualTo(7);
        assertThat(jedis.sdiffstore("d", "b", "a")).isEqualTo(2);
        assertThat(jedis.smembers("d")).containsExactlyInAnyOrder("5", "y");
        assertThat(jedis.sinterstore("d", "a", "nosuch")).isZero();
        assertThat(jedis.exists("d")).isFalse();
        jedis.set("str", "v");
        assertThatThrownBy(() -> jedis.sunion("a", "str")).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> jedis.sintercard(-1, "a")).hasMessage("ERR LIMIT can't be negative");
    }

    @Test
    void shouldScanAllMembersOfALargeSet() {
        final String[] members = new String[500];
        for (int i = 0; i < members.length; i++) {
            members[i] = "m" + i;
        }
        jedis.sadd("big", members);
        final Set<String> seen = new HashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        int calls = 0;
        do {
            final ScanResult<String> r = jedis.sscan("big", cursor, new ScanParams().count(20));
            seen.addAll(r.getResult());
            cursor = r.getCursor();
            calls++;
        } while (!"0".equals(cursor));
        assertThat(seen).hasSize(500);
        assertThat(calls).isGreaterThan(1);
        final ScanResult<String> matched = jedis.sscan("a", "0", new ScanParams().match("[1-2]"));
        assertThat(matched.getCursor()).isEqualTo("0");
        assertThat(matched.getResult()).containsExactlyInAnyOrder("1", "2");
    }

    @Test
    void shouldWorkWithGenericKeyCommands() {
        assertThat(jedis.expire("a", 100)).isEqualTo(1);
        assertThat(jedis.ttl("a")).isEqualTo(100);
        assertThat(jedis.copy("a", "a2", false)).isTrue();
        jedis.rename("a2", "a3");
        assertThat(jedis.smembers("a3")).containsExactlyInAnyOrder("1", "2", "3", "4", "x");
        assertThat(jedis.move("a3", 1)).isEqualTo(1);
        assertThat(jedis.exists("a3")).isFalse();
        final ScanResult<String> sets = jedis.scan("0", new ScanParams().count(100), "set");
        assertThat(sets.getResult()).containsExactlyInAnyOrder("a", "b");
        assertThat(jedis.del("a", "b")).isEqualTo(2);
        assertThat(List.of(jedis.exists("a"), jedis.exists("b"))).containsExactly(false, false);
    }
}
