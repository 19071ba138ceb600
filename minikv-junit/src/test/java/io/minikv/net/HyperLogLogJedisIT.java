package io.minikv.net;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;

import io.minikv.junit.MiniKvExtension;

/** The HyperLogLog family through Jedis: counting, merging, Redis's raw values, errors, CONFIG and WATCH. */
class HyperLogLogJedisIT {
    @RegisterExtension
    static final MiniKvExtension REDIS = MiniKvExtension.builder().workers(2).build();

    /** What redis-server 7.0.15 stores for PFADD of e:0 to e:9, before PFCOUNT cached the estimate. */
    static final String REDIS_TEN = "48594c4c01000000000000000000008040a2844822804663804491804490804195804ac484434580"
        + "4ef08045de804337";
    static final ProtocolCommand PFDEBUG = () -> "PFDEBUG".getBytes(ISO_8859_1);

    private Jedis jedis;

    @BeforeEach
    void connect() {
        jedis = new Jedis(REDIS.host(), REDIS.port());
        jedis.flushAll();
    }

    @AfterEach
    void disconnect() {
        jedis.close();
    }

    @Test
    void shouldAddCountAndMerge() {
        assertThat(jedis.pfadd("a", "x", "y", "z")).isEqualTo(1);
        assertThat(jedis.pfadd("a", "x")).isZero();
        assertThat(jedis.pfcount("a")).isEqualTo(3);
        jedis.pfadd("b", "z", "w");
        assertThat(jedis.pfcount("a", "b", "missing")).isEqualTo(4);
        assertThat(jedis.pfmerge("m", "a", "b")).isEqualTo("OK");
        assertThat(jedis.pfcount("m")).isEqualTo(4);
        assertThat(jedis.pfcount("missing")).isZero();
        for (int i = 0; i < 5000; i++) {
            jedis.pfadd("big", "e:" + i);
        }
        assertThat(new String((byte[]) jedis.sendCommand(PFDEBUG, "ENCODING", "big"), ISO_8859_1))
            .isEqualTo("dense");
        assertThat(jedis.pfcount("big")).isEqualTo(5027);
        assertThat(jedis.strlen("big")).isEqualTo(12304);
    }

    @Test
    void shouldReadAndWriteRedisBytes() {
        for (int i = 0; i < 10; i++) {
            jedis.pfadd("mine", "e:" + i);
        }
        assertThat(HexFormat.of().formatHex(jedis.get("mine".getBytes(ISO_8859_1)))).isEqualTo(REDIS_TEN);
        jedis.set("copied".getBytes(ISO_8859_1), HexFormat.of().parseHex(REDIS_TEN));
        assertThat(jedis.pfcount("copied")).isEqualTo(10);
        assertThat(jedis.pfadd("copied", "e:3")).isZero();
    }

    @Test
    void shouldAnswerRedisErrors() {
        jedis.rpush("list", "a");
        jedis.set("plain", "hello");
        assertThatThrownBy(() -> jedis.pfadd("list", "a")).isInstanceOf(JedisDataException.class)
            .hasMessage("WRONGTYPE Operation against a key holding the wrong kind of value");
        assertThatThrownBy(() -> jedis.pfcount("plain")).isInstanceOf(JedisDataException.class)
            .hasMessage("WRONGTYPE Key is not a valid HyperLogLog string value.");
        jedis.set("corrupt".getBytes(ISO_8859_1), HexFormat.of().parseHex("48594c4c010000000000000000000080"));
        assertThatThrownBy(() -> jedis.pfcount("corrupt")).isInstanceOf(JedisDataException.class)
            .hasMessage("INVALIDOBJ Corrupted HLL object detected");
        assertThatThrownBy(() -> jedis.sendCommand(PFDEBUG, "ENCODING", "missing"))
            .isInstanceOf(JedisDataException.class).hasMessage("ERR The specified key does not exist");
    }

    @Test
    void shouldPromoteAtTheConfiguredSparseLimit() {
        try {
            assertThat(jedis.configSet("hll-sparse-max-bytes", "100")).isEqualTo("OK");
            assertThat(jedis.configGet("hll-sparse-max-bytes")).containsEntry("hll-sparse-max-bytes", "100");
            for (int i = 0; i < 40; i++) {
                jedis.pfadd("k", "e:" + i);
            }
            assertThat(jedis.strlen("k")).isEqualTo(12304);
        } finally {
            jedis.configSet("hll-sparse-max-bytes", "3000");
        }
    }

    @Test
    void shouldFailAWatchWhenPfcountCachesItsEstimate() {
        jedis.pfadd("k", "a");
        try (Jedis other = new Jedis(REDIS.host(), REDIS.port())) {
            jedis.watch("k");
            assertThat(other.pfcount("k")).isEqualTo(1);
            final Transaction tx = jedis.multi();
            tx.pfcount("k");
            assertThat(tx.exec()).isNull();
            // With the estimate cached, PFCOUNT writes nothing and a WATCH survives it.
            jedis.watch("k");
            assertThat(other.pfcount("k")).isEqualTo(1);
            final Transaction tx2 = jedis.multi();
            tx2.pfcount("k");
            assertThat(tx2.exec()).containsExactly(1L);
        }
    }
}
