package io.minikv.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.minikv.MiniKv;
import io.minikv.api.CorruptSnapshotException;
import io.minikv.api.ExpireCondition;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the server's DEBUG uses: active expiry turned off and on at run time, and reloading a snapshot. */
class EngineDebugTest {
    @TempDir
    Path dir;

    private static byte[] b(final String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void shouldStartActiveExpiryOnAStoreOpenedWithoutIt() {
        try (KvStore store = MiniKv.open(KvOptions.builder().activeExpiry(false).build())) {
            final Engine engine = Engine.of(store);
            assertThat(engine.activeExpiry()).isFalse();
            store.set(b("k"), b("v"));
            store.pexpire(b("k"), 1, ExpireCondition.ALWAYS);
            engine.activeExpiry(true);
            assertThat(engine.activeExpiry()).isTrue();
            // Nobody reads k: only the expiry thread started now can delete it (bounded generously).
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (engine.keys(0) > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(engine.keys(0)).isZero();
            assertThat(engine.expiredKeys()).isEqualTo(1);
        }
    }

    @Test
    void shouldHoldActiveExpiryWhilePausedAndResumeItAfter() {
        try (KvStore store = MiniKv.open(KvOptions.defaults())) {
            final Engine engine = Engine.of(store);
            engine.pauseActiveExpiry(true);
            assertThat(engine.activeExpiryPaused()).isTrue();
            // The pause is the server's, not DEBUG SET-ACTIVE-EXPIRE's: active expiry stays on.
            assertThat(engine.activeExpiry()).isTrue();
            store.set(b("k"), b("v"));
            store.pexpire(b("k"), 1, ExpireCondition.ALWAYS);
            engine.pauseActiveExpiry(false);
            assertThat(engine.activeExpiryPaused()).isFalse();
            // Nobody reads k: only the expiry thread, released now, can delete it (bounded generously).
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (engine.keys(0) > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(engine.keys(0)).isZero();
        }
    }

    @Test
    void shouldReloadReplacingOrMergingTheData() {
        final Path file = dir.resolve("dump.mkv");
        try (KvStore store = MiniKv.open(KvOptions.defaults())) {
            final Engine engine = Engine.of(store);
            store.set(b("a"), b("1"));
            store.database(2).rpush(b("l"), new byte[][] {b("x"), b("y")});
            engine.saveTo(file);
            store.set(b("a"), b("changed"));
            store.set(b("b"), b("new"));

            assertThatThrownBy(() -> engine.reload(file, false, false)).isInstanceOf(CorruptSnapshotException.class)
                .hasMessageContaining("duplicate key");
            assertThat(engine.reload(file, false, true).loaded()).isEqualTo(2);
            assertThat(store.get(b("a"))).isEqualTo(b("1"));
            assertThat(store.get(b("b"))).isEqualTo(b("new"));

            assertThat(engine.reload(file, true, false).loaded()).isEqualTo(2);
            assertThat(store.exists(b("b"))).isZero();
            assertThat(store.database(2).lrange(b("l"), 0, -1)).containsExactly(b("x"), b("y"));
            assertThat(engine.loadResult().loaded()).isEqualTo(2);

            assertThat(engine.reload(dir.resolve("missing.mkv"), true, false)).isNull();
            assertThat(store.dbsize()).isZero();
        }
    }
}
