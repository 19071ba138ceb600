package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.args.SortedSetOption;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.ZAddParams;
import redis.clients.jedis.params.ZIncrByParams;
import redis.clients.jedis.params.ZParams;
import redis.clients.jedis.params.ZRangeParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;
import redis.clients.jedis.util.KeyValue;

import io.minikv.junit.MiniKvExtension;

/** The sorted-set family through Jedis: every command, its options, and its errors as Jedis surfaces them. */
class SortedSetJedisIT {
    @RegisterExtension
    static final MiniKvExtension REDIS = MiniKvExtension.builder().workers(2).build();

    private Jedis jedis;

    @BeforeEach
    void connect() {
        jedis = new Jedis(REDIS.host(), REDIS.port());
        jedis.zadd("z", Map.of("a", 1.0, "b", 2.0, "c", 3.0, "d", 4.0, "e", 5.0));
    }

    @AfterEach
    void disconnect() {
        jedis.close();
    }

    @Test
    void shouldAddWithOptionsAndIncrement() {
        assertThat(jedis.zadd("z", 10, "a", ZAddParams.zAddParams().nx())).isZero();
        assertThat(jedis.zadd("z", 10, "a", ZAddParams.zAddParams().xx().ch())).isEqualTo(1);
        assertThat(jedis.zadd("z", 5, "a", ZAddParams.zAddParams().gt().ch())).isZero();
        assertThat(jedis.zadd("z", 0.5, "a", ZAddParams.zAddParams().lt().ch())).isEqualTo(1);
        assertThat(jedis.zscore("z", "a")).isEqualTo(0.5);
        assertThat(jedis.zincrby("z", 2, "a")).isEqualTo(2.5);
        assertThat(jedis.zaddIncr("z", 1, "a", ZAddParams.zAddParams().xx())).isEqualTo(3.5);
        assertThat(jedis.zincrby("z", 1, "new", ZIncrByParams.zIncrByParams().xx())).isNull();
        assertThat(jedis.zmscore("z", "a", "zz", "e")).containsExactly(3.5, null, 5.0);
        assertThatThrownBy(() -> jedis.sendCommand(Protocol.Command.ZADD, "z", "NX", "XX", "1", "a"))
            .isInstanceOf(JedisDataException.class)
            .hasMessage("ERR XX and NX options at the same time are not compatible");
        assertThatThrownBy(() -> jedis.sendCommand(Protocol.Command.ZADD, "z", "GT", "LT", "1", "a"))
            .hasMessage("ERR GT, LT, and/or NX options at the same time are not compatible");
        jedis.zadd("inf", Double.POSITIVE_INFINITY, "m");
        assertThatThrownBy(() -> jedis.zincrby("inf", Double.NEGATIVE_INFINITY, "m"))
            .hasMessage("ERR resulting score is not a number (NaN)");
        jedis.set("s", "v");
        assertThatThrownBy(() -> jedis.zadd("s", 1, "a"))
            .hasMessage("WRONGTYPE Operation against a key holding the wrong kind of value");
        assertThatThrownBy(() -> jedis.get("z"))
            .hasMessage("WRONGTYPE Operation against a key holding the wrong kind of value");
        assertThat(jedis.type("z")).isEqualTo("zset");
    }

    @Test
    void shouldRangeInEveryForm() {
        assertThat(jedis.zrange("z", 0, -1)).containsExactly("a", "b", "c", "d", "e");
        assertThat(jedis.zrangeWithScores("z", -2, -1)).containsExactly(new Tuple("d", 4.0), new Tuple("e", 5.0));
        assertThat(jedis.zrevrange("z", 0, 1)).containsExactly("e", "d");
        assertThat(jedis.zrangeByScore("z", "(1", "4")).containsExactly("b", "c", "d");
        assertThat(jedis.zrangeByScore("z", "-inf", "+inf", 1, 2)).containsExactly("b", "c");
        assertThat(jedis.zrevrangeByScore("z", "4", "(1")).containsExactly("d", "c", "b");
        assertThat(jedis.zrangeByLex("z", "[b", "(d")).containsExactly("b", "c");
        assertThat(jedis.zrevrangeByLex("z", "+", "-", 0, 2)).containsExactly("e", "d");
        assertThat(jedis.zrange("z", ZRangeParams.zrangeByScoreParams(4, 2).rev())).containsExactly("d", "c", "b");
        assertThat(jedis.zrangestore("dst", "z", ZRangeParams.zrangeParams(1, 2))).isEqualTo(2);
        assertThat(jedis.zrange("dst", 0, -1)).containsExactly("b", "c");
        assertThat(jedis.zcount("z", "(1", "+inf")).isEqualTo(4);
        assertThat(jedis.zlexcount("z", "(a", "[c")).isEqualTo(2);
        assertThat(jedis.zcard("z")).isEqualTo(5);
        assertThat(jedis.zrank("z", "c")).isEqualTo(2);
        assertThat(jedis.zrevrank("z", "c")).isEqualTo(2);
        assertThat(jedis.zrank("z", "nope")).isNull();
        assertThat(jedis.zrankWithScore("z", "d")).isEqualTo(new KeyValue<>(3L, 4.0));
        assertThatThrownBy(() -> jedis.zrangeByScore("z", "a", "b")).hasMessage("ERR min or max is not a float");
        assertThatThrownBy(() -> jedis.zrangeByLex("z", "a", "b"))
            .hasMessage("ERR min or max not valid string range item");
    }

    @Test
    void shouldPopRemoveAndPickRandomly() {
        assertThat(jedis.zpopmin("z")).isEqualTo(new Tuple("a", 1.0));
        assertThat(jedis.zpopmax("z", 2)).containsExactly(new Tuple("e", 5.0), new Tuple("d", 4.0));
        final KeyValue<String, List<Tuple>> popped = jedis.zmpop(SortedSetOption.MIN, 1, "nokey", "z");
        assertThat(popped.getKey()).isEqualTo("z");
        assertThat(popped.getValue()).containsExactly(new Tuple("b", 2.0));
        assertThat(jedis.zmpop(SortedSetOption.MAX, "nokey")).isNull();
        assertThat(jedis.zrandmember("z")).isEqualTo("c");
        assertThat(jedis.zrandmemberWithScores("z", 3)).containsExactly(new Tuple("c", 3.0));
        jedis.zadd("r", Map.of("a", 1.0, "b", 2.0, "c", 3.0, "d", 4.0));
        assertThat(jedis.zremrangeByRank("r", -1, -1)).isEqualTo(1);
        assertThat(jedis.zremrangeByScore("r", "(2", "+inf")).isEqualTo(1);
        assertThat(jedis.zremrangeByLex("r", "-", "(b")).isEqualTo(1);
        assertThat(jedis.zrem("r", "b", "x")).isEqualTo(1);
        assertThat(jedis.exists("r")).isFalse();
    }

    @Test
    void shouldCombineSets() {
        jedis.zadd("a", Map.of("x", 1.0, "y", 2.0, "z", 3.0));
        jedis.zadd("b", Map.of("y", 10.0, "z", 20.0, "w", 30.0));
        assertThat(jedis.zunionWithScores(new ZParams().weights(2, 0.5), "a", "b"))
            .containsExactly(new Tuple("x", 2.0), new Tuple("y", 9.0), new Tuple("w", 15.0), new Tuple("z", 16.0));
        assertThat(jedis.zinter(new ZParams().aggregate(ZParams.Aggregate.MAX), "a", "b")).containsExactly("y", "z");
        assertThat(jedis.zdiff("a", "b")).containsExactly("x");
        assertThat(jedis.zunionstore("d", "a", "b")).isEqualTo(4);
        assertThat(jedis.zinterstore("d", "a", "b")).isEqualTo(2);
        assertThat(jedis.zdiffstore("d", "b", "a")).isEqualTo(1);
        assertThat(jedis.zintercard("a", "b")).isEqualTo(2);
        assertThat(jedis.zintercard(1, "a", "b")).isEqualTo(1);
    }

    @Test
    void shouldScanLargeSetsCompletely() {
        for (int i = 0; i < 500; i++) {
            jedis.zadd("big", i, "m" + i);
        }
        final java.util.Set<String> seen = new java.util.HashSet<>();
        String cursor = "0";
        do {
            final ScanResult<Tuple> r = jedis.zscan("big", cursor, new ScanParams().count(20));
            r.getResult().forEach(t -> seen.add(t.getElement()));
            cursor = r.getCursor();
        } while (!cursor.equals("0"));
        assertThat(seen).hasSize(500);
    }
}
