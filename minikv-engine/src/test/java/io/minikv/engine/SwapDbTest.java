package io.minikv.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.SortArgs;

/** SWAPDB: contents, TTLs and memory move with the data, views keep their index, the swap is atomic. */
class SwapDbTest {
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final KvStore store = MiniKv.open(KvOptions.builder().clock(clock).activeExpiry(false).build());

    @AfterEach
    void close() {
        store.close();
    }

    private static byte[] b(final String s) {
        return s.getBytes(UTF_8);
    }

    private static String s(final byte[] b) {
        return b == null ? null : new String(b, UTF_8);
    }

    @Test
    void shouldExchangeContentsAndTtls() {
        final KvStore db1 = store.database(1);
        store.set(b("a"), b("1"));
        store.expire(b("a"), 100, io.minikv.api.ExpireCondition.ALWAYS);
        store.rpush(b("l"), b("x"), b("y"));
        db1.sadd(b("s"), b("m"));
        db1.set(b("b"), b("2"));
        final long used = Engine.of(store).usedMemoryBytes();

        store.swapdb(0, 1);

        assertThat(store.dbsize()).isEqualTo(2);
        assertThat(s(store.get(b("b")))).isEqualTo("2");
        assertThat(store.sismember(b("s"), b("m"))).isTrue();
        assertThat(store.exists(b("a"), b("l"))).isZero();
        assertThat(s(db1.get(b("a")))).isEqualTo("1");
        assertThat(db1.ttl(b("a"))).isEqualTo(100);
        assertThat(db1.lrange(b("l"), 0, -1)).hasSize(2);
        assertThat(Engine.of(store).usedMemoryBytes()).isEqualTo(used);
        assertThat(Engine.of(store).keys(0)).isEqualTo(2);
        assertThat(Engine.of(store).expires(1)).isEqualTo(1);

        // Written after the swap, each view still writes its own index.
        store.set(b("c"), b("3"));
        db1.del(b("a"));
        clock.advance(101_000);
        store.swapdb(1, 0);
        assertThat(store.exists(b("a"), b("l"))).isEqualTo(1);
        assertThat(db1.exists(b("b"), b("s"), b("c"))).isEqualTo(3);
    }

    @Test
    void shouldExpireKeysInTheirNewDatabase() {
        store.set(b("t"), b("v"));
        store.expire(b("t"), 10, io.minikv.api.ExpireCondition.ALWAYS);
        store.swapdb(0, 3);
        clock.advance(11_000);
        long deleted = 0;
        // A cycle visits a quarter of a database's segments: four sweep them all.
        for (int i = 0; i < 4; i++) {
            deleted += Engine.of(store).runActiveExpiryCycle(clock.millis());
        }
        assertThat(deleted).isEqualTo(1);
        assertThat(Engine.of(store).keys(3)).isZero();
    }

    @Test
    void shouldRefuseIndexesOutOfRangeAndIgnoreASelfSwap() {
        store.set(b("a"), b("1"));
        assertThatThrownBy(() -> store.swapdb(0, 16)).hasMessage("ERR DB index is out of range");
        assertThatThrownBy(() -> store.swapdb(-1, 0)).hasMessage("ERR DB index is out of range");
        store.swapdb(0, 0);
        assertThat(s(store.get(b("a")))).isEqualTo("1");
    }

    @Test
    void shouldTellListenersOfTheSwap() {
        final List<String> heard = new ArrayList<>();
        Engine.of(store).addKeyModifiedListener(new KeyModifiedListener() {
            @Override
            public void keyModified(final int database, final byte[] key) {
                heard.add(database + ":" + s(key));
            }

            @Override
            public void databasesSwapped(final int first, final int second) {
                heard.add("swap " + first + " " + second);
            }
        });
        store.swapdb(2, 5);
        store.swapdb(4, 4);
        assertThat(heard).containsExactly("swap 2 5");
    }

    @Test
    void shouldSwapAtomicallyUnderConcurrentWrites() throws InterruptedException {
        // Writers move a token between the two databases' keys in one step each (SMOVE within a database, and
        // SORT ... STORE); whatever the swaps, the keys of both databases hold exactly the tokens put in.
        final KvStore db1 = store.database(1);
        for (int i = 0; i < 64; i++) {
            store.sadd(b("s" + i), b("t" + i));
            store.set(b("str" + i), b("v" + i));
        }
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread[] writers = new Thread[2];
        for (int w = 0; w < writers.length; w++) {
            final KvStore db = w == 0 ? store : db1;
            writers[w] = new Thread(() -> {
                try {
                    for (int i = 0; !stop.get(); i++) {
                        final byte[] from = b("s" + (i % 64));
                        final List<byte[]> members = db.smembers(from);
                        for (final byte[] m : members) {
                            db.smove(from, b("s" + ((i * 7 + 3) % 64)), m);
                        }
                        db.get(b("str" + (i % 64)));
                        db.sort(b("s" + (i % 64)), SortArgs.builder().alpha().get(b("str*")).build());
                    }
                } catch (final Throwable t) {
                    failure.set(t);
                }
            });
            writers[w].start();
        }
        try {
            for (int i = 0; i < 2000; i++) {
                store.swapdb(0, 1);
            }
        } finally {
            stop.set(true);
            for (final Thread t : writers) {
                t.join(10_000);
            }
        }
        assertThat(failure.get()).isNull();
        long tokens = 0;
        for (int i = 0; i < 64; i++) {
            tokens += store.scard(b("s" + i)) + db1.scard(b("s" + i));
            assertThat(s(store.get(b("str" + i))) == null ? s(db1.get(b("str" + i))) : s(store.get(b("str" + i))))
                .isEqualTo("v" + i);
        }
        assertThat(tokens).isEqualTo(64);
        assertThat(store.dbsize() + db1.dbsize()).isLessThanOrEqualTo(128);
    }
}
