package io.minikv.net;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.args.BitCountOption;
import redis.clients.jedis.args.BitOP;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.BitPosParams;

import io.minikv.junit.MiniKvExtension;

/** The bitmap family through Jedis: every command, its errors, TTLs and WATCH, as Jedis surfaces them. */
class BitmapJedisIT {
    @RegisterExtension
    static final MiniKvExtension REDIS = MiniKvExtension.builder().workers(2).build();

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
    void shouldSetGetAndCountBits() {
        assertThat(jedis.setbit("b", 7, true)).isFalse();
        assertThat(jedis.setbit("b", 7, true)).isTrue();
        assertThat(jedis.getbit("b", 7)).isTrue();
        assertThat(jedis.getbit("b", 6)).isFalse();
        assertThat(jedis.getbit("missing", 100)).isFalse();
        assertThat(jedis.setbit("b", 23, true)).isFalse();
        assertThat(jedis.get("b".getBytes(ISO_8859_1))).containsExactly(1, 0, 1);
        jedis.set("s", "foobar");
        assertThat(jedis.bitcount("s")).isEqualTo(26);
        assertThat(jedis.bitcount("s", 1, 1)).isEqualTo(6);
        assertThat(jedis.bitcount("s", 5, 30, BitCountOption.BIT)).isEqualTo(17);
        assertThat(jedis.bitcount("missing")).isZero();
        assertThatThrownBy(() -> jedis.setbit("b", 4_294_967_296L, true)).isInstanceOf(JedisDataException.class)
            .hasMessage("ERR bit offset is not an integer or out of range");
        jedis.rpush("list", "a");
        assertThatThrownBy(() -> jedis.getbit("list", 0)).isInstanceOf(JedisDataException.class)
            .hasMessageStartingWith("WRONGTYPE");
    }

    @Test
    void shouldFindBits() {
        jedis.set("p".getBytes(ISO_8859_1), new byte[] {(byte) 0xff, (byte) 0xf0, 0});
        assertThat(jedis.bitpos("p", false)).isEqualTo(12);
        assertThat(jedis.bitpos("p", true, new BitPosParams(2))).isEqualTo(-1);
        assertThat(jedis.bitpos("p", false, new BitPosParams(7, 11).modifier(BitCountOption.BIT))).isEqualTo(-1);
        assertThat(jedis.bitpos("p", true, new BitPosParams(7, 15).modifier(BitCountOption.BIT))).isEqualTo(7);
        jedis.set("ones".getBytes(ISO_8859_1), new byte[] {(byte) 0xff, (byte) 0xff});
        assertThat(jedis.bitpos("ones", false)).isEqualTo(16);
        assertThat(jedis.bitpos("ones", false, new BitPosParams(0, -1))).isEqualTo(-1);
        assertThat(jedis.bitpos("missing", false)).isZero();
        assertThat(jedis.bitpos("missing", true)).isEqualTo(-1);
    }

    @Test
    void shouldCombineAndDeleteEmptyResults() {
        jedis.set("a".getBytes(ISO_8859_1), new byte[] {(byte) 0xf0, 0x0f});
        jedis.set("b".getBytes(ISO_8859_1), new byte[] {(byte) 0xff});
        assertThat(jedis.bitop(BitOP.AND, "d", "a", "b")).isEqualTo(2);
        assertThat(jedis.get("d".getBytes(ISO_8859_1))).containsExactly(0xf0, 0);
        assertThat(jedis.bitop(BitOP.XOR, "d", "a", "b")).isEqualTo(2);
        assertThat(jedis.get("d".getBytes(ISO_8859_1))).containsExactly(0x0f, 0x0f);
        assertThat(jedis.bitop(BitOP.NOT, "d", "a")).isEqualTo(2);
        assertThat(jedis.get("d".getBytes(ISO_8859_1))).containsExactly(0x0f, 0xf0);
        assertThat(jedis.bitop(BitOP.OR, "d", "m1", "m2")).isZero();
        assertThat(jedis.exists("d")).isFalse();
        assertThatThrownBy(() -> jedis.bitop(BitOP.NOT, "d", "a", "b")).isInstanceOf(JedisDataException.class)
            .hasMessage("ERR BITOP NOT must be called with a single source key.");
    }

    @Test
    void shouldRunBitfieldOperations() {
        assertThat(jedis.bitfield("f", "SET", "i8", "0", "-100", "GET", "u8", "0", "INCRBY", "i8", "0", "10"))
            .containsExactly(0L, 156L, -90L);
        assertThat(jedis.bitfield("f", "OVERFLOW", "FAIL", "INCRBY", "u2", "#4", "4", "OVERFLOW", "SAT", "INCRBY",
            "u2", "#4", "4")).containsExactly(null, 3L);
        assertThat(jedis.bitfieldReadonly("f", "GET", "i8", "0", "GET", "u2", "#4")).containsExactly(-90L, 3L);
        assertThat(jedis.bitfieldReadonly("ghost", "GET", "u8", "0")).containsExactly(0L);
        assertThat(jedis.exists("ghost")).isFalse();
        assertThatThrownBy(() -> jedis.bitfield("f", "GET", "u64", "0")).isInstanceOf(JedisDataException.class)
            .hasMessageStartingWith("ERR Invalid bitfield type.");
        assertThatThrownBy(() -> jedis.bitfieldReadonly("f", "SET", "u8", "0", "1"))
            .isInstanceOf(JedisDataException.class).hasMessage("ERR BITFIELD_RO only supports the GET subcommand");
    }

    @Test
    void shouldKeepTtlsAndSignalOnlyRealChangesToWatchers() {
        jedis.setex("t", 100, "abc");
        jedis.setbit("t", 100, true);
        jedis.bitfield("t", "SET", "u8", "200", "1");
        assertThat(jedis.ttl("t")).isBetween(99L, 100L);
        jedis.set("w", "a");
        try (Jedis other = new Jedis(REDIS.host(), REDIS.port())) {
            jedis.watch("w");
            other.setbit("w", 1, true);
            Transaction tx = jedis.multi();
            tx.get("w");
            assertThat(tx.exec()).containsExactly("a");
            jedis.watch("w");
            other.setbit("w", 0, true);
            tx = jedis.multi();
            tx.get("w");
            assertThat(tx.exec()).isNull();
            jedis.watch("w");
            other.bitfield("w", "OVERFLOW", "FAIL", "SET", "u8", "0", "999");
            tx = jedis.multi();
            tx.getbit("w", 0);
            assertThat(tx.exec()).containsExactly(true);
            jedis.watch("w");
            other.bitfield("w", "SET", "u8", "0", "1");
            tx = jedis.multi();
            tx.get("w");
            assertThat(tx.exec()).isNull();
        }
        assertThat(jedis.get("w")).isEqualTo("\u0001");
    }
}
