package io.minikv.engine.pubsub;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * Publishers, subscribers and unsubscribers racing on a few channels and patterns: no delivery is lost or duplicated
 * for a subscriber that stays subscribed, each publisher's messages arrive in order, and the registry ends empty.
 * Bounded by a message count (a few hundred milliseconds); {@code -Dminikv.pubsub.stress.messages=N} runs longer.
 */
class PubSubStressTest {
    private static final int PUBLISHERS = 3;
    private static final int CHANNELS = 4;

    /** Checks per-publisher order and counts what it receives. */
    private static final class Checker implements Subscriber {
        final ConcurrentHashMap<Integer, Long> last = new ConcurrentHashMap<>();
        final AtomicLong received = new AtomicLong();
        final AtomicLong outOfOrder = new AtomicLong();

        @Override
        public void deliver(final int kind, final byte[] pattern, final byte[] channel, final byte[] message) {
            final String[] parts = new String(message, UTF_8).split(":");
            final int publisher = Integer.parseInt(parts[0]);
            final long seq = Long.parseLong(parts[1]);
            // One delivery per publisher at a time reaches this subscriber from that publisher's thread.
            final Long previous = last.put(publisher * 10 + kind, seq);
            if (previous != null && previous >= seq) {
                outOfOrder.incrementAndGet();
            }
            received.incrementAndGet();
        }
    }

    @Test
    void shouldDeliverEveryMessageInPublishOrderWhileSubscriptionsChurn() throws InterruptedException {
        final int messages = Integer.getInteger("minikv.pubsub.stress.messages", 20_000);
        final PubSubRegistry registry = new PubSubRegistry();
        final Checker steady = new Checker();
        for (int c = 0; c < CHANNELS; c++) {
            registry.subscribe(("ch" + c).getBytes(UTF_8), steady);
        }
        registry.psubscribe("ch*".getBytes(UTF_8), steady);
        final AtomicLong reported = new AtomicLong();
        final CountDownLatch done = new CountDownLatch(PUBLISHERS);
        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            final int id = p;
            threads.add(new Thread(() -> {
                for (int i = 0; i < messages; i++) {
                    final byte[] channel = ("ch" + (i % CHANNELS)).getBytes(UTF_8);
                    reported.addAndGet(registry.publish(channel, (id + ":" + i).getBytes(UTF_8)));
                }
                done.countDown();
            }));
        }
        final Thread churn = new Thread(() -> {
            int round = 0;
            while (done.getCount() > 0) {
                final Checker transient1 = new Checker();
                final byte[] channel = ("ch" + (round % CHANNELS)).getBytes(UTF_8);
                registry.subscribe(channel, transient1);
                registry.psubscribe(("c?" + (round % CHANNELS)).getBytes(UTF_8), transient1);
                registry.unsubscribe(channel, transient1);
                registry.punsubscribe(("c?" + (round % CHANNELS)).getBytes(UTF_8), transient1);
                round++;
            }
        });
        threads.add(churn);
        threads.forEach(Thread::start);
        for (final Thread t : threads) {
            t.join(60_000);
            assertThat(t.isAlive()).isFalse();
        }
        final long total = (long) PUBLISHERS * messages;
        assertThat(steady.received.get()).isEqualTo(2 * total);
        assertThat(steady.outOfOrder.get()).isZero();
        assertThat(reported.get()).isGreaterThanOrEqualTo(2 * total);
        assertThat(registry.numpat()).isEqualTo(1);
        assertThat(registry.channelCount()).isEqualTo(CHANNELS);
        for (int c = 0; c < CHANNELS; c++) {
            assertThat(registry.numsub(("ch" + c).getBytes(UTF_8))).isEqualTo(1);
        }
    }
}
