package io.minikv.engine.type;

import static io.minikv.engine.type.HashOpsTest.b;
import static io.minikv.engine.type.HashOpsTest.fv;
import static io.minikv.engine.type.HashOpsTest.pairs;
import static io.minikv.engine.type.HashOpsTest.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.ExpireCondition;
import io.minikv.api.FieldValue;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.ScanResult;
import io.minikv.api.ValueType;
import io.minikv.engine.ManualClock;

/** Hash keys in the shared keyspace: TYPE, TTLs, DEL, COPY, RENAME, MOVE, SCAN TYPE and FLUSHALL. */
class HashKeyspaceTest {
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final KvStore store = MiniKv.open(KvOptions.builder().clock(clock).activeExpiry(false).build());

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldReportTheHashType() {
        store.hset(b("h"), b("f"), b("v"));
        assertThat(store.type(b("h"))).isEqualTo(ValueType.HASH);
        assertThat(store.exists(b("h"))).isEqualTo(1);
        // SET replaces a hash like any other value.
        store.set(b("h"), b("s"));
        assertThat(store.type(b("h"))).isEqualTo(ValueType.STRING);
        assertThatThrownBy(() -> store.hlen(b("h")))
            .hasMessage("WRONGTYPE Operation against a key holding the wrong kind of value");
    }

    @Test
    void shouldExpireHashes() {
        store.hset(b("h"), fv("a", "1"));
        assertThat(store.pexpire(b("h"), 1000, ExpireCondition.ALWAYS)).isTrue();
        store.hset(b("h"), fv("b", "2"));
        store.hincrby(b("h"), b("n"), 1);
        assertThat(store.pttl(b("h"))).isEqualTo(1000);
        clock.advance(1001);
        assertThat(store.hlen(b("h"))).isZero();
        assertThat(store.hget(b("h"), b("a"))).isNull();
        assertThat(store.exists(b("h"))).isZero();
        // A write after expiry starts a new hash without TTL.
        assertThat(store.hset(b("h"), b("c"), b("3"))).isEqualTo(1);
        assertThat(pairs(store.hgetall(b("h")))).isEqualTo("c 3");
        assertThat(store.pttl(b("h"))).isEqualTo(-1);
        assertThat(store.expire(b("h"), 0, ExpireCondition.ALWAYS)).isTrue();
        assertThat(store.exists(b("h"))).isZero();
    }

    @Test
    void shouldDeleteHashes() {
        store.hset(b("h1"), fv("a", "1"));
        store.hset(b("h2"), fv("a", "1"));
        assertThat(store.del(b("h1"), b("h2"), b("nokey"))).isEqualTo(2);
        assertThat(store.hlen(b("h1"))).isZero();
        assertThat(store.dbsize()).isZero();
    }

    @Test
    void shouldCopyDeeplyWithOrderAndTtl() {
        store.hset(b("h"), fv("z", "1", "a", "2"));
        store.pexpire(b("h"), 5000, ExpireCondition.ALWAYS);
        assertThat(store.copy(b("h"), b("c"), 0, false)).isTrue();
        store.hset(b("c"), b("z"), b("changed"));
        store.hdel(b("h"), b("a"));
        assertThat(pairs(store.hgetall(b("h")))).isEqualTo("z 1");
        assertThat(pairs(store.hgetall(b("c")))).isEqualTo("z changed a 2");
        assertThat(store.pttl(b("c"))).isEqualTo(5000);
        assertThat(store.copy(b("h"), b("c"), 0, false)).isFalse();
        assertThat(store.copy(b("h"), b("c"), 0, true)).isTrue();
        assertThat(pairs(store.hgetall(b("c")))).isEqualTo("z 1");
        assertThat(store.copy(b("h"), b("c"), 1, false)).isTrue();
        assertThat(pairs(store.database(1).hgetall(b("c")))).isEqualTo("z 1");
    }

    @Test
    void shouldCopyLargeHashesIndependently() {
        final List<FieldValue> entries = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            entries.add(new FieldValue(b("f" + i), b("v" + i)));
        }
        store.hset(b("big"), entries);
        store.copy(b("big"), b("big2"), 0, false);
        for (int i = 0; i < 250; i++) {
            store.hdel(b("big"), b("f" + i));
        }
        assertThat(store.hlen(b("big"))).isEqualTo(250);
        assertThat(store.hlen(b("big2"))).isEqualTo(500);
        assertThat(s(store.hget(b("big2"), b("f7")))).isEqualTo("v7");
        assertThat(store.hget(b("big"), b("f7"))).isNull();
    }

    @Test
    void shouldRenameAndMove() {
        store.hset(b("h"), fv("a", "1"));
        store.pexpire(b("h"), 5000, ExpireCondition.ALWAYS);
        store.rename(b("h"), b("r"));
        assertThat(store.exists(b("h"))).isZero();
        assertThat(s(store.hget(b("r"), b("a")))).isEqualTo("1");
        assertThat(store.pttl(b("r"))).isEqualTo(5000);
        store.set(b("s"), b("v"));
        assertThat(store.renamenx(b("r"), b("s"))).isFalse();
        store.rename(b("r"), b("s"));
        assertThat(store.type(b("s"))).isEqualTo(ValueType.HASH);
        assertThat(store.move(b("s"), 1)).isTrue();
        assertThat(store.exists(b("s"))).isZero();
        final KvStore db1 = store.database(1);
        assertThat(s(db1.hget(b("s"), b("a")))).isEqualTo("1");
        assertThat(db1.pttl(b("s"))).isEqualTo(5000);
        store.hset(b("s"), b("x"), b("y"));
        assertThat(store.move(b("s"), 1)).isFalse();
        assertThatThrownBy(() -> store.rename(b("nokey"), b("x"))).hasMessage("ERR no such key");
    }

    @Test
    void shouldScanByTypeAndFlush() {
        for (int i = 0; i < 50; i++) {
            store.hset(b("h" + i), b("f"), b("v"));
            store.set(b("s" + i), b("v"));
            store.zadd(b("z" + i), 1, b("m"));
        }
        final Set<String> hashes = new HashSet<>();
        long cursor = 0;
        do {
            final ScanResult r = store.scan(cursor, null, 10, ValueType.HASH);
            r.keys().forEach(k -> hashes.add(s(k)));
            cursor = r.cursor();
        } while (cursor != 0);
        assertThat(hashes).hasSize(50).allMatch(k -> k.startsWith("h"));
        assertThat(store.keys(b("h1*"))).hasSize(11);
        assertThat(store.dbsize()).isEqualTo(150);
        store.flushall();
        assertThat(store.dbsize()).isZero();
        assertThat(store.hlen(b("h1"))).isZero();
    }
}
