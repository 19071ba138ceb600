package io.minikv.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
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
import io.minikv.api.ScoredMember;
import io.minikv.api.SetArgs;
import io.minikv.api.ZAddArgs;
import io.minikv.api.ZRangeQuery;

/**
 * Which keys each write announces to the engine's {@link KeyModifiedListener}s: exactly those Redis 7 passes to
 * {@code signalModifiedKey} (checked on redis-server 7.0.15 with WATCH), so no write that changes nothing, and that
 * views telling a listener of their own stay quiet towards the registered ones.
 */
class KeyModifiedListenerTest {
    private final KvStore store = MiniKv.open();
    private final Engine engine = Engine.of(store);
    private final List<String> heard = new ArrayList<>();
    private final KeyModifiedListener listener = (db, key) -> heard.add(db + ":" + new String(key, UTF_8));

    @BeforeEach
    void listen() {
        engine.addKeyModifiedListener(listener);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static byte[] b(final String s) {
        return s.getBytes(UTF_8);
    }

    /** Runs a write and returns what it announced. */
    private List<String> heard(final Runnable write) {
        heard.clear();
        write.run();
        return List.copyOf(heard);
    }

    @Test
    void shouldAnnounceStringWritesThatChangedTheirKey() {
        assertThat(heard(() -> store.set(b("s"), b("v")))).containsExactly("0:s");
        assertThat(heard(() -> store.set(b("s"), b("w"), SetArgs.ifAbsent()))).isEmpty();
        assertThat(heard(() -> store.set(b("none"), b("w"), SetArgs.ifPresent()))).isEmpty();
        final ByteBuffer buf = ByteBuffer.wrap(b("xxbufyy"));
        assertThat(heard(() -> store.set(buf, 2, 3, buf, 0, 1, SetArgs.PLAIN))).containsExactly("0:buf");
        assertThat(heard(() -> store.set(buf, 2, 3, buf, 0, 1, SetArgs.ifAbsent()))).isEmpty();
        assertThat(heard(() -> store.setGet(b("s"), b("x"), SetArgs.ifAbsent()))).isEmpty();
        assertThat(heard(() -> store.setGet(b("s"), b("x"), SetArgs.PLAIN))).containsExactly("0:s");
        assertThat(heard(() -> store.getdel(b("none")))).isEmpty();
        assertThat(heard(() -> store.getdel(b("buf")))).containsExactly("0:buf");
        assertThat(heard(() -> store.getex(b("s"), null))).isEmpty();
        assertThat(heard(() -> store.getex(b("s"), Expiration.PERSIST))).isEmpty();
        assertThat(heard(() -> store.getex(b("s"), Expiration.seconds(100)))).containsExactly("0:s");
        assertThat(heard(() -> store.getex(b("s"), Expiration.PERSIST))).containsExactly("0:s");
        assertThat(heard(() -> store.incrby(b("n"), 0))).containsExactly("0:n");
        assertThat(heard(() -> store.incrbyfloat(b("n"), 0))).containsExactly("0:n");
        assertThat(heard(() -> store.append(b("a"), new byte[0]))).containsExactly("0:a");
        assertThat(heard(() -> store.setrange(b("s"), 0, new byte[0]))).isEmpty();
        assertThat(heard(() -> store.setrange(b("r"), 0, new byte[0]))).isEmpty();
        assertThat(heard(() -> store.setrange(b("s"), 0, b("y")))).containsExactly("0:s");
        assertThat(heard(() -> store.mset(b("m1"), b("1"), b("m2"), b("2")))).containsExactly("0:m1", "0:m2");
        assertThat(heard(() -> store.msetnx(b("m3"), b("1"), b("m1"), b("2")))).isEmpty();
        assertThat(heard(() -> store.msetnx(b("m3"), b("1"), b("m4"), b("2")))).containsExactly("0:m3", "0:m4");
    }

    @Test
    void shouldAnnounceKeyWritesThatChangedTheirKeys() {
        store.set(b("k"), b("v"));
        assertThat(heard(() -> store.del(b("none"), b("k"), b("k")))).containsExactly("0:k");
        assertThat(heard(() -> store.expire(b("k"), 100, ExpireCondition.ALWAYS))).isEmpty();
        store.set(b("k"), b("v"));
        assertThat(heard(() -> store.expire(b("k"), 100, ExpireCondition.XX))).isEmpty();
        assertThat(heard(() -> store.persist(b("k")))).isEmpty();
        assertThat(heard(() -> store.pexpire(b("k"), 100_000, ExpireCondition.ALWAYS))).containsExactly("0:k");
        assertThat(heard(() -> store.persist(b("k")))).containsExactly("0:k");
        assertThat(heard(() -> store.expire(b("k"), -1, ExpireCondition.ALWAYS))).containsExactly("0:k");
        store.set(b("k"), b("v"));
        assertThat(heard(() -> store.rename(b("k"), b("k")))).isEmpty();
        assertThat(heard(() -> store.rename(b("k"), b("r")))).containsExactly("0:k", "0:r");
        store.set(b("k"), b("v"));
        assertThat(heard(() -> store.renamenx(b("k"), b("r")))).isEmpty();
        assertThat(heard(() -> store.copy(b("k"), b("r"), 0, false))).isEmpty();
        assertThat(heard(() -> store.copy(b("k"), b("c"), 2, false))).containsExactly("2:c");
        assertThat(heard(() -> store.move(b("k"), 2))).containsExactly("0:k", "2:k");
        assertThat(heard(() -> store.move(b("none"), 2))).isEmpty();
    }

    @Test
    void shouldAnnounceHashWritesThatChangedTheirKey() {
        assertThat(heard(() -> store.hset(b("h"), b("f"), b("v")))).containsExactly("0:h");
        // HSET of a field to its own value still counts, as in Redis.
        assertThat(heard(() -> store.hset(b("h"), List.of(new FieldValue(b("f"), b("v")))))).containsExactly("0:h");
        assertThat(heard(() -> store.hsetnx(b("h"), b("f"), b("w")))).isEmpty();
        assertThat(heard(() -> store.hsetnx(b("h"), b("g"), b("w")))).containsExactly("0:h");
        assertThat(heard(() -> store.hdel(b("h"), b("none")))).isEmpty();
        assertThat(heard(() -> store.hdel(b("nokey"), b("f")))).isEmpty();
        assertThat(heard(() -> store.hdel(b("h"), b("g")))).containsExactly("0:h");
        assertThat(heard(() -> store.hincrby(b("h"), b("n"), 0))).containsExactly("0:h");
        assertThat(heard(() -> store.hincrbyfloat(b("h"), b("n"), 0))).containsExactly("0:h");
    }

    @Test
    void shouldAnnounceSetWritesThatChangedTheirKeys() {
        assertThat(heard(() -> store.sadd(b("s"), b("a")))).containsExactly("0:s");
        assertThat(heard(() -> store.sadd(b("s"), b("a")))).isEmpty();
        assertThat(heard(() -> store.srem(b("s"), b("b")))).isEmpty();
        assertThat(heard(() -> store.spop(b("none")))).isEmpty();
        assertThat(heard(() -> store.spop(b("s"), 0))).isEmpty();
        store.sadd(b("t"), b("a"));
        assertThat(heard(() -> store.smove(b("s"), b("s"), b("a")))).isEmpty();
        // The destination already holds the member: only the source changed.
        assertThat(heard(() -> store.smove(b("s"), b("t"), b("a")))).containsExactly("0:s");
        assertThat(heard(() -> store.smove(b("t"), b("u"), b("a")))).containsExactly("0:t", "0:u");
        assertThat(heard(() -> store.smove(b("u"), b("t"), b("zz")))).isEmpty();
        assertThat(heard(() -> store.sinterstore(b("d"), b("none")))).isEmpty();
        assertThat(heard(() -> store.sunionstore(b("d"), b("u")))).containsExactly("0:d");
        // An empty result deletes an existing destination: that is a change.
        assertThat(heard(() -> store.sdiffstore(b("d"), b("none")))).containsExactly("0:d");
        assertThat(heard(() -> store.sdiffstore(b("d"), b("none")))).isEmpty();
        assertThat(heard(() -> store.srem(b("u"), b("a")))).containsExactly("0:u");
    }

    @Test
    void shouldAnnounceListWritesThatChangedTheirKeys() {
        assertThat(heard(() -> store.rpushx(b("l"), b("a")))).isEmpty();
        assertThat(heard(() -> store.rpush(b("l"), b("a"), b("b")))).containsExactly("0:l");
        assertThat(heard(() -> store.lpushx(b("l"), b("z")))).containsExactly("0:l");
        assertThat(heard(() -> store.lpop(b("none")))).isEmpty();
        assertThat(heard(() -> store.lpop(b("l"), 0))).isEmpty();
        assertThat(heard(() -> store.lpop(b("l")))).containsExactly("0:l");
        assertThat(heard(() -> store.lrem(b("l"), 0, b("zz")))).isEmpty();
        assertThat(heard(() -> store.linsert(b("l"), true, b("zz"), b("x")))).isEmpty();
        assertThat(heard(() -> store.linsert(b("l"), true, b("a"), b("x")))).containsExactly("0:l");
        assertThat(heard(() -> store.lset(b("l"), 0, b("x")))).containsExactly("0:l");
        // LTRIM keeping everything still counts, as in Redis; on a missing key it does not.
        assertThat(heard(() -> store.ltrim(b("l"), 0, -1))).containsExactly("0:l");
        assertThat(heard(() -> store.ltrim(b("none"), 0, -1))).isEmpty();
        assertThat(heard(() -> store.rpoplpush(b("none"), b("l")))).isEmpty();
        assertThat(heard(() -> store.lmove(b("l"), b("l"), ListEnd.LEFT, ListEnd.RIGHT))).containsExactly("0:l");
        assertThat(heard(() -> store.rpoplpush(b("l"), b("m")))).containsExactly("0:l", "0:m");
        assertThat(heard(() -> store.lmpop(ListEnd.LEFT, 1, b("none"), b("m")))).containsExactly("0:m");
        assertThat(heard(() -> store.lmpop(ListEnd.LEFT, 1, b("none")))).isEmpty();
    }

    @Test
    void shouldAnnounceSortedSetWritesThatChangedTheirKeys() {
        assertThat(heard(() -> store.zadd(b("z"), 1, b("a")))).containsExactly("0:z");
        assertThat(heard(() -> store.zadd(b("z"), 1, b("a")))).isEmpty();
        // A changed score is a change even though ZADD answers 0 without CH.
        assertThat(heard(() -> store.zadd(b("z"), 2, b("a")))).containsExactly("0:z");
        final ZAddArgs gt = new ZAddArgs(false, false, true, false, false);
        assertThat(heard(() -> store.zadd(b("z"), gt, List.of(new ScoredMember(b("a"), 0))))).isEmpty();
        assertThat(heard(() -> store.zincrby(b("z"), 0, b("a")))).isEmpty();
        assertThat(heard(() -> store.zincrby(b("z"), 1, b("a")))).containsExactly("0:z");
        final ZAddArgs nx = new ZAddArgs(true, false, false, false, false);
        assertThat(heard(() -> store.zaddIncr(b("z"), nx, 1, b("a")))).isEmpty();
        store.zadd(b("inf"), Double.POSITIVE_INFINITY, b("a"));
        assertThat(heard(() -> store.zincrby(b("inf"), 1, b("a")))).isEmpty();
        assertThat(heard(() -> store.zrem(b("z"), b("none")))).isEmpty();
        assertThat(heard(() -> store.zremrangebyscore(b("z"), ScoreBound.inclusive(5), ScoreBound.POS_INF)))
            .isEmpty();
        assertThat(heard(() -> store.zpopmin(b("none"), 1))).isEmpty();
        assertThat(heard(() -> store.zpopmin(b("z"), 0))).isEmpty();
        assertThat(heard(() -> store.zrangestore(b("d"), b("none"), ZRangeQuery.byIndex(0, -1)))).isEmpty();
        assertThat(heard(() -> store.zunionstore(b("d"), new byte[][] {b("z")}, null, Aggregate.SUM)))
            .containsExactly("0:d");
        assertThat(heard(() -> store.zdiffstore(b("d"), b("none")))).containsExactly("0:d");
        assertThat(heard(() -> store.zinterstore(b("d"), new byte[][] {b("none")}, null, Aggregate.SUM)))
            .isEmpty();
        assertThat(heard(() -> store.zmpop(false, 1, b("none"), b("z")))).containsExactly("0:z");
    }

    @Test
    void shouldAnnounceNothingForFailedWrites() {
        store.set(b("s"), b("v"));
        assertThat(heard(() -> {
            try {
                store.sadd(b("s"), b("a"));
            } catch (final io.minikv.api.KvException expected) {
                // WRONGTYPE
            }
        })).isEmpty();
    }

    @Test
    void shouldKeepOwnListenerViewsAndRemovedListenersQuiet() {
        final List<String> own = new ArrayList<>();
        final KvStore view = engine.viewTelling((db, key) -> own.add(db + ":" + new String(key, UTF_8)), 0);
        view.rpush(b("list"), b("a"));
        view.database(2).rpush(b("list"), b("a"));
        assertThat(heard).isEmpty();
        assertThat(own).containsExactly("0:list", "2:list");
        assertThat(store.llen(b("list"))).isEqualTo(1);
        engine.removeKeyModifiedListener(listener);
        store.rpush(b("list"), b("b"));
        assertThat(heard).isEmpty();
    }
}
