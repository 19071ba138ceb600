package io.minikv.net.diff;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pub/sub between connections, against a real redis-server: every step runs on both servers through raw sockets and
 * the exact reply (or push) bytes must match. Covers message, pmessage and smessage pushes, receiver counts, publish
 * order, several subscribers, messages published before an UNSUBSCRIBE, binary channels, disconnects, and what CLIENT
 * LIST and INFO say about subscribers. The single-connection rules are in {@code diff/pubsub.txt}.
 */
@ExtendWith(DiffServersExtension.class)
class PubSubDiffTest {
    private static final Pattern CLIENT_FIELDS = Pattern.compile("name=(\\S*) .*(flags=\\S+) db=\\d+ (sub=\\d+ "
        + "psub=\\d+ ssub=\\d+)");

    /** One logical client: a connection to each server. */
    private static final class Peer implements AutoCloseable {
        final RawRespClient redis;
        final RawRespClient minikv;

        Peer(final DiffServers servers) throws IOException {
            this.redis = servers.redis().connect();
            this.minikv = servers.minikv().connect();
        }

        /** Sends a command to both and checks that the next reply of each is the same. */
        String call(final String... args) throws IOException {
            send(args);
            return read(String.join(" ", args));
        }

        void send(final String... args) throws IOException {
            final List<byte[]> list = new ArrayList<>();
            for (final String a : args) {
                list.add(a.getBytes(ISO_8859_1));
            }
            redis.send(list);
            minikv.send(list);
        }

        /** Reads one reply or push from each and checks they are the same; returns it. */
        String read(final String step) throws IOException {
            final String expected = RespEscape.escape(redis.read().raw(), 4000);
            final String actual = RespEscape.escape(minikv.read().raw(), 4000);
            assertEquals(expected, actual, "after " + step);
            return expected;
        }

        @Override
        public void close() throws IOException {
            redis.close();
            minikv.close();
        }
    }

    @Test
    void shouldPushMessagesAndPatternMessagesWithRedisCounts(final DiffServers servers) throws IOException {
        try (Peer sub = new Peer(servers); Peer pub = new Peer(servers)) {
            sub.call("SUBSCRIBE", "d.news");
            sub.call("PSUBSCRIBE", "d.*");
            assertEquals(":2\\r\\n", pub.call("PUBLISH", "d.news", "hello"));
            sub.read("message");
            sub.read("pmessage");
            assertEquals(":1\\r\\n", pub.call("PUBLISH", "d.other", "only the pattern"));
            sub.read("pmessage");
            pub.call("PUBLISH", "elsewhere", "nobody");
            pub.call("PUBSUB", "NUMSUB", "d.news", "d.other");
            pub.call("PUBSUB", "NUMPAT");
            sub.call("UNSUBSCRIBE");
            sub.call("PUNSUBSCRIBE");
            pub.call("PUBLISH", "d.news", "after");
            sub.call("PING");
        }
    }

    @Test
    void shouldKeepShardChannelsApart(final DiffServers servers) throws IOException {
        try (Peer sub = new Peer(servers); Peer pub = new Peer(servers)) {
            sub.call("SSUBSCRIBE", "d.shard");
            sub.call("PSUBSCRIBE", "d.sha*");
            pub.call("SPUBLISH", "d.shard", "s1");
            sub.read("smessage");
            pub.call("PUBLISH", "d.shard", "p1");
            sub.read("pmessage");
            pub.call("PUBSUB", "SHARDNUMSUB", "d.shard");
            pub.call("PUBSUB", "SHARDCHANNELS", "d.*");
            sub.call("SUNSUBSCRIBE", "d.shard");
            pub.call("SPUBLISH", "d.shard", "s2");
            sub.call("PUNSUBSCRIBE");
        }
    }

    @Test
    void shouldDeliverEachPublishersMessagesInOrder(final DiffServers servers) throws IOException {
        try (Peer sub = new Peer(servers); Peer pub = new Peer(servers)) {
            sub.call("SUBSCRIBE", "d.order");
            for (int i = 0; i < 300; i++) {
                pub.send("PUBLISH", "d.order", "m" + i);
            }
            for (int i = 0; i < 300; i++) {
                pub.read("publish " + i);
            }
            for (int i = 0; i < 300; i++) {
                assertTrue(sub.read("message " + i).endsWith("$" + ("m" + i).length() + "\\r\\nm" + i + "\\r\\n"));
            }
            sub.call("UNSUBSCRIBE");
        }
    }

    @Test
    void shouldCountEverySubscriberAndStopAtUnsubscribe(final DiffServers servers) throws IOException {
        try (Peer a = new Peer(servers); Peer b = new Peer(servers); Peer pub = new Peer(servers)) {
            a.call("SUBSCRIBE", "d.many");
            b.call("SUBSCRIBE", "d.many", "d.more");
            b.read("second confirmation");
            pub.call("PUBLISH", "d.many", "x");
            a.read("message");
            b.read("message");
            pub.call("PUBSUB", "NUMSUB", "d.many", "d.more", "d.none");
            // A message published before the UNSUBSCRIBE arrives before its confirmation.
            pub.call("PUBLISH", "d.many", "before");
            a.call("UNSUBSCRIBE", "d.many");
            a.read("unsubscribe confirmation");
            b.read("message");
            pub.call("PUBLISH", "d.many", "y");
            b.read("message");
            pub.call("PUBSUB", "NUMSUB", "d.many");
            unsubscribeAll(b, 2);
        }
    }

    /**
     * UNSUBSCRIBE without arguments: the same confirmations and counts, in an order that may differ (Redis walks its
     * hash table; mini-kv goes in subscription order), so channels are compared as a set.
     */
    private static void unsubscribeAll(final Peer peer, final int subscriptions) throws IOException {
        peer.send("UNSUBSCRIBE");
        final TreeSet<String> redisChannels = new TreeSet<>();
        final TreeSet<String> minikvChannels = new TreeSet<>();
        final List<String> redisCounts = new ArrayList<>();
        final List<String> minikvCounts = new ArrayList<>();
        for (int i = 0; i < subscriptions; i++) {
            final RespReply r = peer.redis.read();
            final RespReply m = peer.minikv.read();
            redisChannels.add(r.elements().get(0).text() + " " + r.elements().get(1).text());
            minikvChannels.add(m.elements().get(0).text() + " " + m.elements().get(1).text());
            redisCounts.add(r.elements().get(2).text());
            minikvCounts.add(m.elements().get(2).text());
        }
        assertEquals(redisChannels, minikvChannels);
        assertEquals(redisCounts, minikvCounts);
    }

    @Test
    void shouldCarryBinaryChannelsAndMessages(final DiffServers servers) throws IOException {
        try (Peer sub = new Peer(servers); Peer pub = new Peer(servers)) {
            sub.call("SUBSCRIBE", "d.\u0000\u00ff\r\n");
            sub.call("PSUBSCRIBE", "d.\u0000*");
            pub.call("PUBLISH", "d.\u0000\u00ff\r\n", "\u0000\r\n\u00ff");
            sub.read("message");
            sub.read("pmessage");
            pub.call("PUBLISH", "d.\u0000", "");
            sub.read("pmessage");
            sub.call("RESET");
        }
    }

    @Test
    void shouldListChannelsAndShowSubscribersInClientListAndInfo(final DiffServers servers) throws IOException {
        try (Peer sub = new Peer(servers); Peer observer = new Peer(servers)) {
            sub.call("CLIENT", "SETNAME", "d-subscriber");
            sub.call("SUBSCRIBE", "d.l1");
            sub.call("SUBSCRIBE", "d.l2");
            sub.call("PSUBSCRIBE", "d.l*");
            sub.call("SSUBSCRIBE", "d.ls");
            assertEquals(channels(observer.redis), channels(observer.minikv));
            assertEquals(fields(observer.redis), fields(observer.minikv));
            assertEquals(info(observer.redis), info(observer.minikv));
            sub.call("RESET");
            assertEquals(fields(observer.redis), fields(observer.minikv));
            assertEquals(info(observer.redis), info(observer.minikv));
        }
    }

    @Test
    void shouldListAndKillSubscribersByType(final DiffServers servers) throws IOException {
        try (Peer sub = new Peer(servers); Peer other = new Peer(servers)) {
            sub.call("CLIENT", "SETNAME", "d-subscriber");
            sub.call("SUBSCRIBE", "d.kill");
            assertEquals(names(other.redis, "pubsub"), names(other.minikv, "pubsub"));
            assertTrue(names(other.minikv, "pubsub").contains("d-subscriber"));
            assertTrue(!names(other.minikv, "normal").contains("d-subscriber"));
            other.call("CLIENT", "KILL", "TYPE", "pubsub");
            // The subscriber never sends another command: the server closes it without waiting for one.
            assertTrue(sub.redis.awaitClosed(5_000));
            assertTrue(sub.minikv.awaitClosed(5_000));
            other.call("PUBSUB", "NUMSUB", "d.kill");
        }
    }

    /** The names of the clients CLIENT LIST TYPE lists. */
    private static TreeSet<String> names(final RawRespClient c, final String type) throws IOException {
        final TreeSet<String> out = new TreeSet<>();
        for (final String line : c.call("CLIENT", "LIST", "TYPE", type).text().split("\n")) {
            final Matcher m = Pattern.compile("name=(\\S*)").matcher(line);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    @Test
    void shouldDropTheSubscriptionsOfAClosedConnection(final DiffServers servers) throws IOException,
        InterruptedException {
        try (Peer pub = new Peer(servers)) {
            final Peer sub = new Peer(servers);
            sub.call("SUBSCRIBE", "d.gone");
            sub.call("PSUBSCRIBE", "d.gon*");
            sub.close();
            // The server notices the close asynchronously: poll (bounded) until both have dropped it.
            for (int i = 0; i < 500; i++) {
                if (pub.redis.call("PUBLISH", "d.gone", "x").text().equals("0")
                    && pub.minikv.call("PUBLISH", "d.gone", "x").text().equals("0")) {
                    break;
                }
                Thread.sleep(10);
            }
            pub.call("PUBLISH", "d.gone", "x");
            pub.call("PUBSUB", "NUMSUB", "d.gone");
            pub.call("PUBSUB", "NUMPAT");
        }
    }

    /** PUBSUB CHANNELS d.*, sorted: Redis lists them in hash order. */
    private static TreeSet<String> channels(final RawRespClient c) throws IOException {
        final TreeSet<String> out = new TreeSet<>();
        for (final RespReply r : c.call("PUBSUB", "CHANNELS", "d.*").elements()) {
            out.add(r.text());
        }
        return out;
    }

    /** The subscriber's flags and counts from CLIENT LIST. */
    private static List<String> fields(final RawRespClient c) throws IOException {
        final List<String> out = new ArrayList<>();
        for (final String line : c.call("CLIENT", "LIST").text().split("\n")) {
            final Matcher m = CLIENT_FIELDS.matcher(line);
            if (m.find() && m.group(1).equals("d-subscriber")) {
                out.add(m.group(2) + " " + m.group(3));
            }
        }
        return out;
    }

    /** INFO stats' pub/sub lines. */
    private static List<String> info(final RawRespClient c) throws IOException {
        final List<String> out = new ArrayList<>();
        for (final String line : c.call("INFO", "stats").text().split("\r\n")) {
            if (line.startsWith("pubsub")) {
                out.add(line);
            }
        }
        return out;
    }
}
