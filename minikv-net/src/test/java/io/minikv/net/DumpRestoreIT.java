package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.RestoreParams;

/**
 * DUMP and RESTORE over Jedis: a payload moves a key of each type between two mini-kv servers; RESTORE REPLACE fails
 * a WATCH on the key, as any write does; the errors reach the client with Redis's texts.
 */
class DumpRestoreIT {

    @Test
    void shouldMoveKeysBetweenServers() {
        try (MiniKvServer source = MiniKvServer.builder().port(0).workers(2).build().start();
             MiniKvServer target = MiniKvServer.builder().port(0).workers(2).build().start();
             Jedis from = new Jedis(source.host(), source.port());
             Jedis to = new Jedis(target.host(), target.port())) {
            from.set("s", "x".repeat(1000));
            from.rpush("l", "a", "1", "b");
            from.sadd("set", "m1", "m2");
            from.zadd("z", Map.of("a", 1.0, "b", 2.0));
            from.hset("h", Map.of("f", "v"));
            from.xadd("x", new redis.clients.jedis.StreamEntryID(1, 1), Map.of("f", "v"));
            from.pexpire("s", 60_000);
            for (final String key : List.of("s", "l", "set", "z", "h", "x")) {
                final long pttl = from.pttl(key);
                assertThat(to.restore(key, Math.max(pttl, 0), from.dump(key))).isEqualTo("OK");
            }
            assertThat(to.get("s")).isEqualTo("x".repeat(1000));
            assertThat(to.pttl("s")).isBetween(50_000L, 60_000L);
            assertThat(to.lrange("l", 0, -1)).containsExactly("a", "1", "b");
            assertThat(to.smembers("set")).containsExactlyInAnyOrder("m1", "m2");
            assertThat(to.zrangeWithScores("z", 0, -1)).extracting(t -> t.getElement() + "=" + t.getScore())
                .containsExactly("a=1.0", "b=2.0");
            assertThat(to.hgetAll("h")).containsEntry("f", "v");
            assertThat(to.xlen("x")).isEqualTo(1);
            assertThat(to.dump("missing")).isNull();
        }
    }

    @Test
    void shouldFailWatchOnReplaceAndReportErrors() {
        try (MiniKvServer server = MiniKvServer.builder().port(0).workers(2).build().start();
             Jedis watcher = new Jedis(server.host(), server.port());
             Jedis writer = new Jedis(server.host(), server.port())) {
            writer.set("k", "old");
            final byte[] payload = writer.dump("k");
            watcher.watch("k");
            assertThat(writer.restore("k", 0, payload, new RestoreParams().replace())).isEqualTo("OK");
            final Transaction tx = watcher.multi();
            tx.get("k");
            assertThat(tx.exec()).isNull();
            assertThatThrownBy(() -> writer.restore("k", 0, payload)).isInstanceOf(JedisDataException.class)
                .hasMessage("BUSYKEY Target key name already exists.");
            assertThatThrownBy(() -> writer.restore("n", -1, payload)).isInstanceOf(JedisDataException.class)
                .hasMessage("ERR Invalid TTL value, must be >= 0");
            assertThatThrownBy(() -> writer.restore("n", 0, new byte[] {1, 2, 3}))
                .isInstanceOf(JedisDataException.class).hasMessage("ERR DUMP payload version or checksum are wrong");
        }
    }
}
