package io.minikv.engine;

import static io.minikv.engine.StringCommandsTest.b;
import static io.minikv.engine.StringCommandsTest.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.ExpireCondition;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;

class ExpiryTest {
    static final long T0 = 1_700_000_000_123L;
    final ManualClock clock = new ManualClock(T0);
    KvStore store;

    @BeforeEach
    void open() {
        store = MiniKv.open(KvOptions.builder().clock(clock).activeExpiry(false).build());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldReportTtlsAsRedis() {
        assertThat(store.ttl(b("k"))).isEqualTo(-2);
        assertThat(store.pttl(b("k"))).isEqualTo(-2);
        assertThat(store.expiretime(b("k"))).isEqualTo(-2);
        store.set(b("k"), b("v"));
        assertThat(store.ttl(b("k"))).isEqualTo(-1);
        assertThat(store.pexpiretime(b("k"))).isEqualTo(-1);
        assertThat(store.pexpire(b("k"), 1499, ExpireCondition.ALWAYS)).isTrue();
        assertThat(store.ttl(b("k"))).isEqualTo(1);
        assertThat(store.pexpire(b("k"), 1500, ExpireCondition.ALWAYS)).isTrue();
        assertThat(store.ttl(b("k"))).isEqualTo(2);
        assertThat(store.pexpiretime(b("k"))).isEqualTo(T0 + 1500);
        // Rounded to the nearest second, as Redis's EXPIRETIME does.
        assertThat(store.expiretime(b("k"))).isEqualTo((T0 + 1500 + 500) / 1000);
    }

    @Test
    void shouldExpireExactlyAfterTheDeadline() {
        store.set(b("k"), b("v"));
        store.pexpire(b("k"), 100, ExpireCondition.ALWAYS);
        clock.advance(100);
        assertThat(s(store.get(b("k")))).isEqualTo("v");
        assertThat(store.pttl(b("k"))).isZero();
        clock.advance(1);
        assertThat(store.get(b("k"))).isNull();
        assertThat(store.exists(b("k"))).isZero();
        assertThat(store.ttl(b("k"))).isEqualTo(-2);
        assertThat(store.dbsize()).isZero();
    }

    @Test
    void shouldNeverShowExpiredKeysToAnyRead() {
        store.set(b("k"), b("v"));
        store.pexpire(b("k"), 1, ExpireCondition.ALWAYS);
        clock.advance(2);
        assertThat(store.get(b("k"))).isNull();
        store.set(b("k2"), b("5"));
        store.pexpire(b("k2"), 1, ExpireCondition.ALWAYS);
        clock.advance(2);
        assertThat(store.strlen(b("k2"))).isZero();
        assertThat(store.getrange(b("k2"), 0, -1)).isEmpty();
        assertThat(store.mget(b("k2"))).containsOnlyNulls();
        assertThat(store.keys(b("*"))).isEmpty();
        assertThat(store.scan(0, null, 100, null).keys()).isEmpty();
        assertThat(store.persist(b("k2"))).isFalse();
        assertThat(store.incrby(b("k2"), 1)).isEqualTo(1);
        assertThat(store.ttl(b("k2"))).isEqualTo(-1);
        assertThat(store.append(b("k2"), b("x"))).isEqualTo(2);
    }

    @Test
    void shouldApplyNxXxGtLt() {
        store.set(b("k"), b("v"));
        assertThat(store.expire(b("k"), 100, ExpireCondition.XX)).isFalse();
        assertThat(store.expire(b("k"), 100, ExpireCondition.GT)).isFalse();
        assertThat(store.expire(b("k"), 100, ExpireCondition.LT)).isTrue();
        assertThat(store.expire(b("k"), 200, ExpireCondition.NX)).isFalse();
        assertThat(store.expire(b("k"), 200, ExpireCondition.LT)).isFalse();
        assertThat(store.expire(b("k"), 100, ExpireCondition.GT)).isFalse();
        assertThat(store.expire(b("k"), 200, ExpireCondition.GT)).isTrue();
        assertThat(store.expire(b("k"), 50, ExpireCondition.XX)).isTrue();
        assertThat(store.ttl(b("k"))).isEqualTo(50);
        assertThat(store.persist(b("k"))).isTrue();
        assertThat(store.persist(b("k"))).isFalse();
        assertThat(store.expire(b("k"), 10, ExpireCondition.NX)).isTrue();
        assertThat(store.expire(b("missing"), 10, ExpireCondition.ALWAYS)).isFalse();
    }

    @Test
    void shouldDeleteOnDeadlineNotInTheFuture() {
        store.set(b("a"), b("v"));
        assertThat(store.expire(b("a"), -5, ExpireCondition.ALWAYS)).isTrue();
        assertThat(store.exists(b("a"))).isZero();
        store.set(b("b"), b("v"));
        assertThat(store.pexpireat(b("b"), T0, ExpireCondition.ALWAYS)).isTrue();
        assertThat(store.exists(b("b"))).isZero();
        store.set(b("c"), b("v"));
        assertThat(store.pexpireat(b("c"), Long.MIN_VALUE, ExpireCondition.ALWAYS)).isTrue();
        assertThat(store.dbsize()).isZero();
        store.set(b("d"), b("v"));
        assertThat(store.expire(b("d"), 0, ExpireCondition.GT)).isFalse();
        assertThat(store.expire(b("d"), 0, ExpireCondition.LT)).isTrue();
        assertThat(store.exists(b("d"))).isZero();
    }

    @Test
    void shouldRejectOverflowingDeadlinesWithTheCommandName() {
        store.set(b("k"), b("v"));
        assertThatThrownBy(() -> store.expire(b("k"), Long.MAX_VALUE, ExpireCondition.ALWAYS))
            .hasMessage("ERR invalid expire time in 'expire' command");
        assertThatThrownBy(() -> store.expire(b("k"), Long.MIN_VALUE, ExpireCondition.ALWAYS))
            .hasMessage("ERR invalid expire time in 'expire' command");
        assertThatThrownBy(() -> store.pexpire(b("k"), Long.MAX_VALUE, ExpireCondition.ALWAYS))
            .hasMessage("ERR invalid expire time in 'pexpire' command");
        assertThatThrownBy(() -> store.expireat(b("k"), Long.MAX_VALUE, ExpireCondition.ALWAYS))
            .hasMessage("ERR invalid expire time in 'expireat' command");
        assertThat(store.pexpireat(b("k"), Long.MAX_VALUE, ExpireCondition.ALWAYS)).isTrue();
        assertThat(store.pexpiretime(b("k"))).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> store.expire(b("missing"), Long.MAX_VALUE, ExpireCondition.ALWAYS))
            .hasMessage("ERR invalid expire time in 'expire' command");
    }

    @Test
    void shouldReclaimWithActiveExpiryDrivenByTheTest() {
        final Engine engine = Engine.of(store);
        for (int i = 0; i < 5000; i++) {
            store.set(b("t" + i), b("v"));
            store.pexpire(b("t" + i), 1000 + (i % 7), ExpireCondition.ALWAYS);
        }
        for (int i = 0; i < 100; i++) {
            store.set(b("long" + i), b("v"));
            store.expire(b("long" + i), 100_000, ExpireCondition.ALWAYS);
            store.set(b("keep" + i), b("v"));
        }
        assertThat(engine.runActiveExpiryCycle(clock.millis())).isZero();
        clock.advance(2000);
        long deleted = 0;
        int cycles = 0;
        while (store.dbsize() > 200 && cycles < 200) {
            deleted += engine.runActiveExpiryCycle(clock.millis());
            cycles++;
        }
        assertThat(deleted).isEqualTo(5000);
        assertThat(store.dbsize()).isEqualTo(200);
        assertThat(engine.expires(0)).isEqualTo(100);
        assertThat(engine.expiredKeys()).isEqualTo(5000);
        assertThat(engine.runActiveExpiryCycle(clock.millis())).isZero();
    }

    @Test
    void shouldDeleteOnlyTheExpiredEntryOnLazyExpiry() {
        store.set(b("k"), b("old"));
        store.pexpire(b("k"), 10, ExpireCondition.ALWAYS);
        clock.advance(11);
        store.set(b("k"), b("new"));
        // A reader that saw the old entry expired must not delete the new one.
        ((EmbeddedKvStore) store).keyspace().deleteIfExpired(io.minikv.engine.table.KeyHash.hash(b("k")), b("k"),
            io.minikv.engine.memory.NativeBytes.BYTE_ARRAY_BASE, 1, clock.millis());
        assertThat(s(store.get(b("k")))).isEqualTo("new");
    }
}
