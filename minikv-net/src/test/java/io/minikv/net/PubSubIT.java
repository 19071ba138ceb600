package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.pubsub.api.sync.RedisPubSubCommands;
import io.minikv.api.Subscription;
import redis.clients.jedis.JedisPubSub;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pub/sub through the client libraries test doubles are used with: Jedis's {@link JedisPubSub} and Lettuce's pub/sub
 * connection, against a server on port 0 with two event loops (publisher and subscriber usually on different loops),
 * and the embedded API meeting server clients. Waits are bounded polls on queues, never timed assertions.
 */
class PubSubIT {
    private static final long WAIT_SECONDS = 10;
    private static MiniKvServer server;

    @BeforeAll
    static void start() {
        server = MiniKvServer.builder().port(0).workers(2).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Records what Jedis hands its listener. */
    private static final class Recorder extends JedisPubSub {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        @Override
        public void onMessage(final String channel, final String message) {
            events.add("message " + channel + " " + message);
        }

        @Override
        public void onPMessage(final String pattern, final String channel, final String message) {
            events.add("pmessage " + pattern + " " + channel + " " + message);
        }

        @Override
        public void onSubscribe(final String channel, final int count) {
            events.add("subscribe " + channel + " " + count);
        }

        @Override
        public void onPSubscribe(final String pattern, final int count) {
            events.add("psubscribe " + pattern + " " + count);
        }

        @Override
        public void onUnsubscribe(final String channel, final int count) {
            events.add("unsubscribe " + channel + " " + count);
        }

        @Override
        public void onPUnsubscribe(final String pattern, final int count) {
            events.add("punsubscribe " + pattern + " " + count);
        }

        String next() throws InterruptedException {
            final String e = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(e).as("an event within %d s", WAIT_SECONDS).isNotNull();
            return e;
        }
    }

    @Test
    void shouldSubscribePublishAndUnsubscribeWithJedis() throws Exception {
        final Recorder recorder = new Recorder();
        try (redis.clients.jedis.Jedis subscriber = new redis.clients.jedis.Jedis(server.host(), server.port());
             redis.clients.jedis.Jedis publisher = new redis.clients.jedis.Jedis(server.host(), server.port())) {
            final Thread listening = new Thread(() -> subscriber.subscribe(recorder, "j.news", "j.sport"));
            listening.start();
            assertThat(recorder.next()).isEqualTo("subscribe j.news 1");
            assertThat(recorder.next()).isEqualTo("subscribe j.sport 2");
            recorder.psubscribe("j.*");
            assertThat(recorder.next()).isEqualTo("psubscribe j.* 3");
            assertThat(publisher.pubsubNumSub("j.news", "j.none")).isEqualTo(Map.of("j.news", 1L, "j.none", 0L));
            assertThat(publisher.pubsubNumPat()).isEqualTo(1L);
            assertThat(publisher.pubsubChannels("j.*")).containsExactlyInAnyOrder("j.news", "j.sport");
            for (int i = 0; i < 100; i++) {
                assertThat(publisher.publish("j.news", "n" + i)).isEqualTo(2L);
            }
            for (int i = 0; i < 100; i++) {
                // Each publish's message push precedes its pmessage push, and publishes keep their order.
                assertThat(recorder.next()).isEqualTo("message j.news n" + i);
                assertThat(recorder.next()).isEqualTo("pmessage j.* j.news n" + i);
            }
            recorder.unsubscribe("j.news");
            assertThat(recorder.next()).isEqualTo("unsubscribe j.news 2");
            assertThat(publisher.publish("j.news", "late")).isEqualTo(1);
            assertThat(recorder.next()).isEqualTo("pmessage j.* j.news late");
            recorder.punsubscribe();
            assertThat(recorder.next()).isEqualTo("punsubscribe j.* 1");
            recorder.unsubscribe();
            assertThat(recorder.next()).isEqualTo("unsubscribe j.sport 0");
            listening.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            assertThat(listening.isAlive()).isFalse();
            // Out of subscribed mode, the connection serves ordinary commands again.
            assertThat(subscriber.ping()).isEqualTo("PONG");
            assertThat(publisher.pubsubNumPat()).isEqualTo(0L);
        }
    }

    @Test
    void shouldSubscribePublishAndUnsubscribeWithLettuce() throws Exception {
        final RedisClient client = RedisClient.create(RedisURI.builder().withHost(server.host())
            .withPort(server.port()).withTimeout(Duration.ofSeconds(WAIT_SECONDS)).build());
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
             StatefulRedisPubSubConnection<String, String> pub = client.connectPubSub()) {
            final BlockingQueue<String> events = new LinkedBlockingQueue<>();
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(final String channel, final String message) {
                    events.add("message " + channel + " " + message);
                }

                @Override
                public void message(final String pattern, final String channel, final String message) {
                    events.add("pmessage " + pattern + " " + channel + " " + message);
                }
            });
            final RedisPubSubCommands<String, String> s = sub.sync();
            s.subscribe("l.a", "l.b");
            s.psubscribe("l.*");
            final RedisPubSubCommands<String, String> p = pub.sync();
            assertThat(p.pubsubNumsub("l.a", "l.b", "l.c")).containsEntry("l.a", 1L).containsEntry("l.b", 1L)
                .containsEntry("l.c", 0L);
            assertThat(p.pubsubNumpat()).isEqualTo(1);
            assertThat(p.pubsubChannels()).contains("l.a", "l.b");
            for (int i = 0; i < 50; i++) {
                assertThat(p.publish("l.b", "m" + i)).isEqualTo(2);
            }
            for (int i = 0; i < 50; i++) {
                assertThat(events.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("message l.b m" + i);
                assertThat(events.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("pmessage l.* l.b m" + i);
            }
            // PING is allowed in subscribed mode; Lettuce decodes Redis's ["pong", ""] array to its last element.
            assertThat(s.ping()).isEmpty();
            s.unsubscribe("l.a", "l.b");
            s.punsubscribe("l.*");
            assertThat(p.publish("l.b", "gone")).isZero();
            assertThat(p.pubsubNumpat()).isZero();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(WAIT_SECONDS));
        }
    }

    @Test
    void shouldLetTheApplicationAndServerClientsExchangeMessages() throws Exception {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        final Recorder recorder = new Recorder();
        try (Subscription app = server.store().subscribe(bytes("e.to-app"), (channel, message) ->
                received.add(new String(message, StandardCharsets.UTF_8)));
             redis.clients.jedis.Jedis subscriber = new redis.clients.jedis.Jedis(server.host(), server.port());
             redis.clients.jedis.Jedis publisher = new redis.clients.jedis.Jedis(server.host(), server.port())) {
            assertThat(publisher.pubsubNumSub("e.to-app")).isEqualTo(Map.of("e.to-app", 1L));
            assertThat(publisher.publish("e.to-app", "from a client")).isEqualTo(1);
            assertThat(received.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("from a client");
            final Thread listening = new Thread(() -> subscriber.subscribe(recorder, "e.to-clients"));
            listening.start();
            assertThat(recorder.next()).isEqualTo("subscribe e.to-clients 1");
            assertThat(server.store().publish(bytes("e.to-clients"), bytes("from the application"))).isEqualTo(1);
            assertThat(recorder.next()).isEqualTo("message e.to-clients from the application");
            recorder.unsubscribe();
            assertThat(recorder.next()).isEqualTo("unsubscribe e.to-clients 0");
            listening.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            app.close();
            assertThat(publisher.publish("e.to-app", "closed")).isZero();
        }
    }

    @Test
    void shouldDisconnectASubscriberThatStopsReadingAndStayHealthy() throws Exception {
        try (RawClient control = new RawClient(server.host(), server.port());
             RawClient slow = new RawClient(server.host(), server.port());
             RawClient publisher = new RawClient(server.host(), server.port())) {
            assertThat(control.call("CONFIG", "SET", "client-output-buffer-limit", "pubsub 1mb 0 0"))
                .isEqualTo("+OK\r\n");
            try {
                assertThat(slow.call("SUBSCRIBE", "s.firehose")).startsWith("*3\r\n$9\r\nsubscribe");
                // The slow client never reads again: socket buffers fill, then its pending output passes 1 MB.
                final String payload = "x".repeat(64 * 1024);
                boolean dropped = false;
                for (int i = 0; i < 2000 && !dropped; i++) {
                    publisher.call("PUBLISH", "s.firehose", payload);
                    dropped = control.call("PUBSUB", "NUMSUB", "s.firehose")
                        .equals("*2\r\n$10\r\ns.firehose\r\n:0\r\n");
                }
                assertThat(dropped).as("the slow subscriber was disconnected").isTrue();
                // Bounded: at most ~2000 x 64 KB were offered, and the server still answers everyone else.
                assertThat(control.call("PING")).isEqualTo("+PONG\r\n");
                assertThat(publisher.call("PUBLISH", "s.firehose", "after")).isEqualTo(":0\r\n");
                assertThat(control.call("CONFIG", "GET", "client-output-buffer-limit")).contains("pubsub 1048576 0 0");
            } finally {
                control.call("CONFIG", "SET", "client-output-buffer-limit", "pubsub 32mb 8mb 60");
            }
        }
    }

    @Test
    void shouldKeepEachPublishersOrderAcrossEventLoops() throws Exception {
        final int publishers = 3;
        final int messages = 400;
        final List<RawClient> subscribers = new ArrayList<>();
        final List<RawClient> senders = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                final RawClient s = new RawClient(server.host(), server.port());
                subscribers.add(s);
                s.call("SUBSCRIBE", "o.ch");
            }
            for (int p = 0; p < publishers; p++) {
                senders.add(new RawClient(server.host(), server.port()));
            }
            // The publishers run at once, on connections spread over both event loops.
            final List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                final int id = p;
                final RawClient sender = senders.get(p);
                threads.add(new Thread(() -> {
                    try {
                        for (int i = 0; i < messages; i++) {
                            if (!sender.call("PUBLISH", "o.ch", id + ":" + i).equals(":2\r\n")) {
                                throw new IllegalStateException("wrong receiver count");
                            }
                        }
                    } catch (final java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (final RawClient s : subscribers) {
                final int[] next = new int[publishers];
                for (int k = 0; k < publishers * messages; k++) {
                    final String push = s.readReply();
                    final String payload = push.substring(push.lastIndexOf("\r\n", push.length() - 3) + 2,
                        push.length() - 2);
                    final int p = Integer.parseInt(payload.substring(0, payload.indexOf(':')));
                    assertThat(payload).isEqualTo(p + ":" + next[p]);
                    next[p]++;
                }
            }
            for (final Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
                assertThat(t.isAlive()).isFalse();
            }
        } finally {
            for (final RawClient c : subscribers) {
                c.close();
            }
            for (final RawClient c : senders) {
                c.close();
            }
        }
    }

    @Test
    void shouldKillASubscriberOnTheKillersOwnEventLoop() throws Exception {
        try (MiniKvServer single = MiniKvServer.builder().port(0).workers(1).build().start();
             RawClient subscriber = new RawClient(single.host(), single.port());
             RawClient killer = new RawClient(single.host(), single.port())) {
            subscriber.call("SUBSCRIBE", "k.ch");
            assertThat(killer.call("CLIENT", "KILL", "TYPE", "pubsub")).isEqualTo(":1\r\n");
            // Closed at once, although the subscriber sends nothing that would make its connection reply.
            assertThat(subscriber.readUntilClosed()).isEmpty();
            assertThat(killer.call("PUBSUB", "NUMSUB", "k.ch")).isEqualTo("*2\r\n$4\r\nk.ch\r\n:0\r\n");
        }
    }

    private static byte[] bytes(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

}
