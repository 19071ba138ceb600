package io.minikv.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.Aggregate;
import io.minikv.api.ExpireCondition;
import io.minikv.api.Expiration;
import io.minikv.api.FieldValue;
import io.minikv.api.KvStore;
import io.minikv.api.ListEnd;
import io.minikv.api.ScoreBound;
import io.minikv.api.SetArgs;
import io.minikv.api.ZRangeQuery;

/**
 * A client WATCHes a key over RESP, the embedding application writes it through the {@link KvStore}, and EXEC must
 * answer nil, as after a write over RESP: per command family. The negative cases are writes that change nothing,
 * which Redis 7 does not signal (checked on redis-server 7.0.15), and which must leave EXEC running; the same no-op
 * writes sent over RESP by another client must leave it running too.
 */
class ApplicationWritesFailWatchIT {
    private static final String OK = "+OK\r\n";
    private KvStore store;
    private MiniKvServer server;
    private RawClient c;
    private RawClient other;

    @BeforeEach
    void start() throws IOException {
        store = MiniKv.open();
        server = MiniKvServer.builder().port(0).workers(2).store(store).build().start();
        c = new RawClient(server.host(), server.port());
        other = new RawClient(server.host(), server.port());
    }

    @AfterEach
    void stop() throws IOException {
        other.close();
        c.close();
        server.close();
        store.close();
    }

    private static byte[] b(final String s) {
        return s.getBytes(UTF_8);
    }

    /** WATCHes {@code key}, runs {@code write}, then runs a transaction: true when EXEC answered nil. */
    private boolean execFailsAfter(final String key, final Runnable write) throws IOException {
        assertThat(c.call("WATCH", key)).isEqualTo(OK);
        write.run();
        assertThat(c.call("MULTI")).isEqualTo(OK);
        assertThat(c.call("PING")).isEqualTo("+QUEUED\r\n");
        final String exec = c.call("EXEC");
        assertThat(exec).isIn("*-1\r\n", "*1\r\n+PONG\r\n");
        return exec.equals("*-1\r\n");
    }

    /** As {@link #execFailsAfter(String, Runnable)}, the write sent by another client over RESP. */
    private boolean execFailsAfterCommand(final String key, final String... command) throws IOException {
        return execFailsAfter(key, () -> {
            try {
                other.call(command);
            } catch (final IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void shouldFailWatchOnStringWrites() throws IOException {
        store.set(b("s"), b("1"));
        assertThat(execFailsAfter("s", () -> store.incrby(b("s"), 1))).isTrue();
        assertThat(execFailsAfter("s", () -> store.append(b("s"), b("x")))).isTrue();
        assertThat(execFailsAfter("s", () -> store.setrange(b("s"), 0, b("y")))).isTrue();
        assertThat(execFailsAfter("s", () -> store.getex(b("s"), Expiration.seconds(100)))).isTrue();
        assertThat(execFailsAfter("s", () -> store.getex(b("s"), Expiration.PERSIST))).isTrue();
        assertThat(execFailsAfter("s", () -> store.getdel(b("s")))).isTrue();
        assertThat(execFailsAfter("s", () -> store.mset(b("t"), b("1"), b("s"), b("2")))).isTrue();
        final ByteBuffer buf = ByteBuffer.wrap(b("-s-"));
        assertThat(execFailsAfter("s", () -> store.set(buf, 1, 1, buf, 0, 1, SetArgs.PLAIN))).isTrue();
    }

    @Test
    void shouldNotFailWatchOnStringWritesThatChangeNothing() throws IOException {
        store.set(b("s"), b("1"));
        assertThat(execFailsAfter("s", () -> store.set(b("s"), b("2"), SetArgs.ifAbsent()))).isFalse();
        assertThat(execFailsAfter("s", () -> store.getex(b("s"), Expiration.PERSIST))).isFalse();
        assertThat(execFailsAfter("s", () -> store.setrange(b("s"), 0, new byte[0]))).isFalse();
        assertThat(execFailsAfter("s", () -> store.msetnx(b("s"), b("1"), b("u"), b("2")))).isFalse();
        assertThat(execFailsAfterCommand("s", "SET", "s", "2", "NX")).isFalse();
        assertThat(execFailsAfterCommand("s", "GETEX", "s", "PERSIST")).isFalse();
        assertThat(execFailsAfterCommand("s", "SETRANGE", "s", "0", "")).isFalse();
        assertThat(execFailsAfterCommand("s", "LPUSH", "s", "wrongtype")).isFalse();
        assertThat(execFailsAfterCommand("g", "GETDEL", "g")).isFalse();
    }

    @Test
    void shouldFailWatchOnKeyAndExpiryWrites() throws IOException {
        store.set(b("k"), b("v"));
        assertThat(execFailsAfter("k", () -> store.expire(b("k"), 100, ExpireCondition.ALWAYS))).isTrue();
        assertThat(execFailsAfter("k", () -> store.persist(b("k")))).isTrue();
        assertThat(execFailsAfter("k", () -> store.rename(b("k"), b("r")))).isTrue();
        assertThat(execFailsAfter("k", () -> store.rename(b("r"), b("k")))).isTrue();
        assertThat(execFailsAfter("d", () -> store.copy(b("k"), b("d"), 0, false))).isTrue();
        assertThat(execFailsAfter("d", () -> store.move(b("d"), 1))).isTrue();
        assertThat(execFailsAfter("k", () -> store.flushdb())).isTrue();
    }

    @Test
    void shouldNotFailWatchOnKeyWritesThatChangeNothing() throws IOException {
        store.set(b("k"), b("v"));
        assertThat(execFailsAfter("k", () -> store.expire(b("k"), 100, ExpireCondition.XX))).isFalse();
        assertThat(execFailsAfter("k", () -> store.persist(b("k")))).isFalse();
        assertThat(execFailsAfter("k", () -> store.rename(b("k"), b("k")))).isFalse();
        assertThat(execFailsAfter("none", () -> store.del(b("none")))).isFalse();
        assertThat(execFailsAfter("none", () -> store.flushdb())).isFalse();
        assertThat(execFailsAfterCommand("none", "DEL", "none")).isFalse();
        assertThat(execFailsAfterCommand("none", "UNLINK", "none")).isFalse();
        assertThat(execFailsAfterCommand("none", "EXPIRE", "none", "100")).isFalse();
        assertThat(execFailsAfterCommand("k", "EXPIRE", "k", "100", "XX")).isFalse();
        assertThat(execFailsAfterCommand("k", "PERSIST", "k")).isFalse();
        assertThat(execFailsAfterCommand("k", "RENAME", "k", "k")).isFalse();
        assertThat(execFailsAfterCommand("k", "COPY", "none", "k")).isFalse();
    }

    @Test
    void shouldFailWatchOnHashWrites() throws IOException {
        assertThat(execFailsAfter("h", () -> store.hset(b("h"), b("f"), b("v")))).isTrue();
        assertThat(execFailsAfter("h", () -> store.hset(b("h"), List.of(new FieldValue(b("f"), b("v")))))).isTrue();
        assertThat(execFailsAfter("h", () -> store.hsetnx(b("h"), b("g"), b("v")))).isTrue();
        assertThat(execFailsAfter("h", () -> store.hincrby(b("h"), b("n"), 1))).isTrue();
        assertThat(execFailsAfter("h", () -> store.hincrbyfloat(b("h"), b("n"), 1.5))).isTrue();
        assertThat(execFailsAfter("h", () -> store.hdel(b("h"), b("g")))).isTrue();
    }

    @Test
    void shouldNotFailWatchOnHashWritesThatChangeNothing() throws IOException {
        store.hset(b("h"), b("f"), b("v"));
        assertThat(execFailsAfter("h", () -> store.hdel(b("h"), b("none")))).isFalse();
        assertThat(execFailsAfter("h", () -> store.hsetnx(b("h"), b("f"), b("w")))).isFalse();
        assertThat(execFailsAfterCommand("h", "HDEL", "h", "none")).isFalse();
        assertThat(execFailsAfterCommand("h", "HSETNX", "h", "f", "w")).isFalse();
    }

    @Test
    void shouldFailWatchOnSetWrites() throws IOException {
        assertThat(execFailsAfter("s", () -> store.sadd(b("s"), b("a"), b("b"), b("c")))).isTrue();
        assertThat(execFailsAfter("s", () -> store.srem(b("s"), b("a")))).isTrue();
        assertThat(execFailsAfter("t", () -> store.smove(b("s"), b("t"), b("c")))).isTrue();
        assertThat(execFailsAfter("s", () -> store.spop(b("s")))).isTrue();
        assertThat(execFailsAfter("u", () -> store.sunionstore(b("u"), b("t")))).isTrue();
        assertThat(execFailsAfter("u", () -> store.sinterstore(b("u"), b("none")))).isTrue();
    }

    @Test
    void shouldNotFailWatchOnSetWritesThatChangeNothing() throws IOException {
        store.sadd(b("s"), b("a"));
        store.sadd(b("t"), b("a"));
        assertThat(execFailsAfter("s", () -> store.sadd(b("s"), b("a")))).isFalse();
        assertThat(execFailsAfter("s", () -> store.srem(b("s"), b("none")))).isFalse();
        assertThat(execFailsAfter("t", () -> store.smove(b("s"), b("t"), b("a")))).isFalse();
        assertThat(execFailsAfter("u", () -> store.sdiffstore(b("u"), b("none")))).isFalse();
        store.sadd(b("s"), b("a"));
        assertThat(execFailsAfterCommand("s", "SADD", "s", "a")).isFalse();
        assertThat(execFailsAfterCommand("s", "SREM", "s", "none")).isFalse();
        assertThat(execFailsAfterCommand("none", "SPOP", "none")).isFalse();
        assertThat(execFailsAfterCommand("u", "SINTERSTORE", "u", "none")).isFalse();
    }

    @Test
    void shouldFailWatchOnListWrites() throws IOException {
        store.rpush(b("l"), b("a"), b("b"), b("c"), b("d"));
        assertThat(execFailsAfter("l", () -> store.lpop(b("l")))).isTrue();
        assertThat(execFailsAfter("l", () -> store.rpop(b("l"), 1))).isTrue();
        assertThat(execFailsAfter("l", () -> store.lset(b("l"), 0, b("x")))).isTrue();
        assertThat(execFailsAfter("l", () -> store.linsert(b("l"), true, b("x"), b("y")))).isTrue();
        assertThat(execFailsAfter("l", () -> store.lrem(b("l"), 0, b("y")))).isTrue();
        assertThat(execFailsAfter("l", () -> store.ltrim(b("l"), 0, -1))).isTrue();
        assertThat(execFailsAfter("l", () -> store.lmove(b("l"), b("m"), ListEnd.LEFT, ListEnd.LEFT))).isTrue();
        assertThat(execFailsAfter("m", () -> store.lmpop(ListEnd.LEFT, 1, b("m")))).isTrue();
    }

    @Test
    void shouldNotFailWatchOnListWritesThatChangeNothing() throws IOException {
        store.rpush(b("l"), b("a"));
        assertThat(execFailsAfter("none", () -> store.lpop(b("none")))).isFalse();
        assertThat(execFailsAfter("l", () -> store.lrem(b("l"), 0, b("none")))).isFalse();
        assertThat(execFailsAfter("l", () -> store.linsert(b("l"), true, b("none"), b("y")))).isFalse();
        assertThat(execFailsAfter("none", () -> store.lpushx(b("none"), b("y")))).isFalse();
        assertThat(execFailsAfterCommand("none", "LPOP", "none")).isFalse();
        assertThat(execFailsAfterCommand("l", "LPOP", "l", "0")).isFalse();
        assertThat(execFailsAfterCommand("none", "LTRIM", "none", "0", "1")).isFalse();
        assertThat(execFailsAfterCommand("none", "RPOPLPUSH", "none", "l")).isFalse();
    }

    @Test
    void shouldFailWatchOnSortedSetWrites() throws IOException {
        store.zadd(b("z"), 1, b("a"));
        assertThat(execFailsAfter("z", () -> store.zadd(b("z"), 5, b("a")))).isTrue();
        assertThat(execFailsAfter("z", () -> store.zincrby(b("z"), 1, b("a")))).isTrue();
        store.zadd(b("z"), 2, b("b"));
        assertThat(execFailsAfter("z", () -> store.zrem(b("z"), b("b")))).isTrue();
        store.zadd(b("z"), 2, b("b"));
        assertThat(execFailsAfter("z", () -> store.zpopmin(b("z"), 1))).isTrue();
        store.zadd(b("z"), 2, b("b"));
        assertThat(execFailsAfter("z",
            () -> store.zremrangebyscore(b("z"), ScoreBound.NEG_INF, ScoreBound.inclusive(2)))).isTrue();
        assertThat(execFailsAfter("d", () -> store.zrangestore(b("d"), b("z"), ZRangeQuery.byIndex(0, -1)))).isTrue();
        assertThat(execFailsAfter("d", () -> store.zinterstore(b("d"), new byte[][] {b("none")}, null,
            Aggregate.SUM))).isTrue();
    }

    @Test
    void shouldNotFailWatchOnSortedSetWritesThatChangeNothing() throws IOException {
        store.zadd(b("z"), 1, b("a"));
        assertThat(execFailsAfter("z", () -> store.zadd(b("z"), 1, b("a")))).isFalse();
        assertThat(execFailsAfter("z", () -> store.zincrby(b("z"), 0, b("a")))).isFalse();
        assertThat(execFailsAfter("z", () -> store.zrem(b("z"), b("none")))).isFalse();
        assertThat(execFailsAfter("d", () -> store.zdiffstore(b("d"), b("none")))).isFalse();
        assertThat(execFailsAfterCommand("z", "ZADD", "z", "1", "a")).isFalse();
        assertThat(execFailsAfterCommand("z", "ZADD", "z", "GT", "0", "a")).isFalse();
        assertThat(execFailsAfterCommand("z", "ZINCRBY", "z", "0", "a")).isFalse();
        assertThat(execFailsAfterCommand("z", "ZREM", "z", "none")).isFalse();
        assertThat(execFailsAfterCommand("z", "ZREMRANGEBYSCORE", "z", "5", "6")).isFalse();
        assertThat(execFailsAfterCommand("d", "ZUNIONSTORE", "d", "1", "none")).isFalse();
    }
}
