package io.minikv.engine.pubsub;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.KvOptions;
import io.minikv.api.KvPubSub;
import io.minikv.api.KvStore;
import io.minikv.api.Subscription;

/**
 * The application's pub/sub API: {@code publish}, {@code subscribe}, {@code psubscribe} and {@link Subscription}.
 * Listeners run on a manual executor the test drains, so nothing here waits or sleeps.
 */
class EmbeddedPubSubTest {
    private final KvStore store = MiniKv.open(KvOptions.builder().build());
    private final ManualExecutor executor = new ManualExecutor();

    /** Queues tasks until {@link #runAll()}. */
    private static final class ManualExecutor implements Executor {
        final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(final Runnable command) {
            tasks.add(command);
        }

        void runAll() {
            Runnable r;
            while ((r = tasks.poll()) != null) {
                r.run();
            }
        }
    }

    private static byte[] b(final String s) {
        return s.getBytes(UTF_8);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldDeliverInPublishOrderOnTheExecutorNotThePublisher() {
        final List<String> got = new ArrayList<>();
        final Subscription s = store.subscribe(b("ch"), (channel, message) ->
            got.add(new String(channel, UTF_8) + "=" + new String(message, UTF_8)), executor);
        for (int i = 0; i < 600; i++) {
            assertThat(store.publish(b("ch"), b("m" + i))).isEqualTo(1);
        }
        assertThat(got).isEmpty();
        // One drain task at a time, whatever the number of messages.
        assertThat(executor.tasks).hasSize(1);
        executor.runAll();
        assertThat(got).hasSize(600);
        for (int i = 0; i < 600; i++) {
            assertThat(got.get(i)).isEqualTo("ch=m" + i);
        }
        assertThat(s.isOpen()).isTrue();
    }

    @Test
    void shouldMatchPatternsAndCountEverySubscription() {
        final List<String> got = new ArrayList<>();
        store.psubscribe(b("news.*"), (pattern, channel, message) -> got.add(new String(pattern, UTF_8) + " "
            + new String(channel, UTF_8) + " " + new String(message, UTF_8)), executor);
        store.subscribe(b("news.tech"), (channel, message) -> got.add("direct"), executor);
        assertThat(store.publish(b("news.tech"), b("hi"))).isEqualTo(2);
        assertThat(store.publish(b("sport"), b("no"))).isZero();
        executor.runAll();
        assertThat(got).containsExactlyInAnyOrder("news.* news.tech hi", "direct");
    }

    @Test
    void shouldShareChannelsAcrossDatabases() {
        final List<String> got = new ArrayList<>();
        store.subscribe(b("ch"), (channel, message) -> got.add(new String(message, UTF_8)), executor);
        assertThat(store.database(3).publish(b("ch"), b("from db 3"))).isEqualTo(1);
        executor.runAll();
        assertThat(got).containsExactly("from db 3");
    }

    @Test
    void shouldStopDeliveringOnCloseAndDropWhatWasQueued() {
        final List<String> got = new ArrayList<>();
        final Subscription s = store.subscribe(b("ch"), (channel, message) -> got.add("x"), executor);
        store.publish(b("ch"), b("queued"));
        s.close();
        s.close();
        assertThat(s.isOpen()).isFalse();
        assertThat(store.publish(b("ch"), b("after"))).isZero();
        executor.runAll();
        assertThat(got).isEmpty();
        assertThat(Registries.of(store).numsub(b("ch"))).isZero();
    }

    @Test
    void shouldKeepDeliveringAfterAListenerThrows() {
        final List<String> got = new ArrayList<>();
        final Subscription s = store.subscribe(b("ch"), (channel, message) -> {
            if (new String(message, UTF_8).equals("bad")) {
                throw new IllegalStateException("listener failure (expected by the test)");
            }
            got.add(new String(message, UTF_8));
        }, executor);
        store.publish(b("ch"), b("bad"));
        store.publish(b("ch"), b("good"));
        executor.runAll();
        assertThat(got).containsExactly("good");
        assertThat(s.isOpen()).isTrue();
    }

    @Test
    void shouldCloseASubscriptionThatFallsTooFarBehind() {
        final Subscription s = store.subscribe(b("ch"), (channel, message) -> { }, executor);
        final byte[] big = new byte[1024 * 1024];
        long delivered = 0;
        for (int i = 0; i < 40; i++) {
            delivered += store.publish(b("ch"), big);
        }
        // Counted as receivers until the overflow closed it: Redis counts a client it then disconnects.
        assertThat(delivered).isBetween(31L, 33L);
        assertThat(s.isOpen()).isFalse();
        assertThat(KvPubSub.MAX_PENDING_BYTES).isEqualTo(32L * 1024 * 1024);
        executor.runAll();
    }

    @Test
    void shouldLetAListenerCallTheStore() {
        store.subscribe(b("in"), (channel, message) -> store.publish(b("out"), message), executor);
        final List<String> got = new ArrayList<>();
        store.subscribe(b("out"), (channel, message) -> got.add(new String(message, UTF_8)), executor);
        store.publish(b("in"), b("relay"));
        executor.runAll();
        assertThat(got).containsExactly("relay");
    }

    @Test
    void shouldDeliverEveryPublishersMessagesInOrderOnARealPool() throws InterruptedException {
        final int publishers = 3;
        final int messages = 5_000;
        final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            final long[] last = new long[publishers];
            java.util.Arrays.fill(last, -1);
            final java.util.concurrent.atomic.AtomicLong outOfOrder = new java.util.concurrent.atomic.AtomicLong();
            final java.util.concurrent.CountDownLatch all = new java.util.concurrent.CountDownLatch(
                publishers * messages);
            // The listener runs one call at a time, so plain fields are safe here (the executor hands them over).
            store.subscribe(b("ch"), (channel, message) -> {
                final String[] parts = new String(message, UTF_8).split(":");
                final int p = Integer.parseInt(parts[0]);
                final long seq = Long.parseLong(parts[1]);
                if (seq != last[p] + 1) {
                    outOfOrder.incrementAndGet();
                }
                last[p] = seq;
                all.countDown();
            }, pool);
            final List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                final int id = p;
                threads.add(new Thread(() -> {
                    for (int i = 0; i < messages; i++) {
                        store.publish(b("ch"), b(id + ":" + i));
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (final Thread t : threads) {
                t.join();
            }
            assertThat(all.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(outOfOrder.get()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldEndSubscriptionsWithTheStore() {
        final Subscription s = store.subscribe(b("ch"), (channel, message) -> { }, executor);
        final Subscription p = store.psubscribe(b("c*"), (pattern, channel, message) -> { }, executor);
        final PubSubRegistry registry = Registries.of(store);
        store.close();
        assertThat(s.isOpen()).isFalse();
        assertThat(p.isOpen()).isFalse();
        assertThat(registry.numpat()).isZero();
        assertThat(registry.channelCount()).isZero();
        s.close();
    }

    @Test
    void shouldRejectNullsAndAClosedStore() {
        assertThatThrownBy(() -> store.publish(null, b("m"))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.subscribe(b("c"), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.psubscribe(null, (p, c, m) -> { })).isInstanceOf(NullPointerException.class);
        store.close();
        assertThatThrownBy(() -> store.publish(b("c"), b("m"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.subscribe(b("c"), (c, m) -> { })).isInstanceOf(IllegalStateException.class);
    }

    /** Reaches the engine's registry. */
    private static final class Registries {
        static PubSubRegistry of(final KvStore store) {
            return io.minikv.engine.Engine.of(store).pubsub();
        }
    }
}
