package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamInfo;
import io.minikv.junit.MiniKvExtension;

/** The stream family through Jedis: its typed replies parse what mini-kv sends, and XREAD BLOCK is woken by XADD. */
class StreamJedisIT {
    @RegisterExtension
    static final MiniKvExtension REDIS = MiniKvExtension.builder().workers(2).build();

    private Jedis jedis;

    @BeforeEach
    void connect() {
        jedis = new Jedis(REDIS.host(), REDIS.port());
        jedis.flushAll();
    }

    @AfterEach
    void disconnect() {
        jedis.close();
    }

    private static Map<String, String> fields(final String... kv) {
        final Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put(kv[i], kv[i + 1]);
        }
        return out;
    }

    @Test
    void shouldAddRangeTrimAndDescribe() {
        assertThat(jedis.xadd("s", new StreamEntryID(1, 1), fields("a", "1", "b", "2")))
            .isEqualTo(new StreamEntryID(1, 1));
        assertThat(jedis.xadd("s", XAddParams.xAddParams().id(2, 0), fields("c", "3")))
            .isEqualTo(new StreamEntryID(2, 0));
        final StreamEntryID auto = jedis.xadd("s", StreamEntryID.NEW_ENTRY, fields("d", "4"));
        assertThat(auto.getTime()).isPositive();
        assertThat(jedis.xlen("s")).isEqualTo(3);

        final List<StreamEntry> all = jedis.xrange("s", StreamEntryID.MINIMUM_ID, StreamEntryID.MAXIMUM_ID);
        assertThat(all).extracting(StreamEntry::getID).containsExactly(new StreamEntryID(1, 1),
            new StreamEntryID(2, 0), auto);
        assertThat(all.get(0).getFields()).containsExactlyEntriesOf(fields("a", "1", "b", "2"));
        assertThat(jedis.xrevrange("s", "+", "-", 1)).extracting(StreamEntry::getID).containsExactly(auto);

        assertThat(jedis.xdel("s", new StreamEntryID(2, 0))).isEqualTo(1);
        final StreamInfo info = jedis.xinfoStream("s");
        assertThat(info.getLength()).isEqualTo(2);
        assertThat(info.getLastGeneratedId()).isEqualTo(auto);
        assertThat(info.getFirstEntry().getID()).isEqualTo(new StreamEntryID(1, 1));
        assertThat(info.getStreamInfo()).containsEntry("max-deleted-entry-id", new StreamEntryID(2, 0)).containsEntry("entries-added", 3L);

        assertThat(jedis.xtrim("s", 1, false)).isEqualTo(1);
        assertThat(jedis.xlen("s")).isEqualTo(1);
        assertThatThrownBy(() -> jedis.xadd("s", new StreamEntryID(1, 1), fields("f", "v")))
            .isInstanceOf(JedisDataException.class)
            .hasMessage("ERR The ID specified in XADD is equal or smaller than the target stream top item");
        assertThat(jedis.type("s")).isEqualTo("stream");
    }

    @Test
    void shouldReadSeveralStreams() {
        jedis.xadd("a", new StreamEntryID(1, 0), fields("f", "1"));
        jedis.xadd("a", new StreamEntryID(2, 0), fields("f", "2"));
        jedis.xadd("b", new StreamEntryID(3, 0), fields("g", "3"));
        final Map<String, StreamEntryID> from = new LinkedHashMap<>();
        from.put("a", new StreamEntryID(1, 0));
        from.put("b", new StreamEntryID(0, 0));
        final List<Map.Entry<String, List<StreamEntry>>> read = jedis.xread(XReadParams.xReadParams().count(5),
            from);
        assertThat(read).extracting(Map.Entry::getKey).containsExactly("a", "b");
        assertThat(read.get(0).getValue()).extracting(StreamEntry::getID).containsExactly(new StreamEntryID(2, 0));
        from.put("a", new StreamEntryID(2, 0));
        from.put("b", new StreamEntryID(3, 0));
        assertThat(jedis.xread(XReadParams.xReadParams(), from)).isNull();
    }

    @Test
    void shouldWakeABlockedReaderWithTheEntryAddedByAnotherClient() throws Exception {
        jedis.xadd("events", new StreamEntryID(1, 0), fields("old", "1"));
        try (Jedis reader = new Jedis(REDIS.host(), REDIS.port())) {
            final CompletableFuture<List<Map.Entry<String, List<StreamEntry>>>> read = CompletableFuture.supplyAsync(
                () -> reader.xread(XReadParams.xReadParams().block(30_000),
                    Map.of("events", StreamEntryID.XREAD_NEW_ENTRY)));
            // Add only once the reader is parked, so that only the XADD's signal can serve it.
            while (!jedis.info("clients").contains("blocked_clients:1")) {
                Thread.sleep(10);
            }
            jedis.xadd("other", new StreamEntryID(5, 0), fields("x", "y"));
            jedis.xadd("events", new StreamEntryID(7, 0), fields("new", "2"));
            final List<Map.Entry<String, List<StreamEntry>>> got = read.get(10, TimeUnit.SECONDS);
            assertThat(got).hasSize(1);
            assertThat(got.get(0).getKey()).isEqualTo("events");
            assertThat(got.get(0).getValue()).extracting(StreamEntry::getID)
                .containsExactly(new StreamEntryID(7, 0));
            assertThat(got.get(0).getValue().get(0).getFields()).containsExactlyEntriesOf(fields("new", "2"));
        }
        assertThat(jedis.info("clients")).contains("blocked_clients:0");
    }

    @Test
    void shouldServeEveryReaderOfAStreamWithOneEntryAndOnlyThatStream() throws Exception {
        jedis.xadd("w", new StreamEntryID(1, 0), fields("a", "b"));
        try (Jedis first = new Jedis(REDIS.host(), REDIS.port());
            Jedis second = new Jedis(REDIS.host(), REDIS.port())) {
            final CompletableFuture<List<Map.Entry<String, List<StreamEntry>>>> one = CompletableFuture.supplyAsync(
                () -> first.xread(XReadParams.xReadParams().block(30_000), Map.of("w", StreamEntryID.XREAD_NEW_ENTRY)));
            final Map<String, StreamEntryID> two = new LinkedHashMap<>();
            two.put("zz", new StreamEntryID(0, 0));
            two.put("w", StreamEntryID.XREAD_NEW_ENTRY);
            final CompletableFuture<List<Map.Entry<String, List<StreamEntry>>>> other = CompletableFuture
                .supplyAsync(() -> second.xread(XReadParams.xReadParams().block(30_000).count(1), two));
            while (!jedis.info("clients").contains("blocked_clients:2")) {
                Thread.sleep(10);
            }
            jedis.xadd("w", new StreamEntryID(2, 0), fields("c", "d"));
            for (final CompletableFuture<List<Map.Entry<String, List<StreamEntry>>>> f : List.of(one, other)) {
                final List<Map.Entry<String, List<StreamEntry>>> got = f.get(10, TimeUnit.SECONDS);
                assertThat(got).extracting(Map.Entry::getKey).containsExactly("w");
                assertThat(got.get(0).getValue()).extracting(StreamEntry::getID)
                    .containsExactly(new StreamEntryID(2, 0));
            }
        }
    }

    @Test
    void shouldServeABlockedReaderAfterTheWholeTransaction() throws Exception {
        try (Jedis reader = new Jedis(REDIS.host(), REDIS.port())) {
            final CompletableFuture<List<Map.Entry<String, List<StreamEntry>>>> read = CompletableFuture.supplyAsync(
                () -> reader.xread(XReadParams.xReadParams().block(30_000), Map.of("m", StreamEntryID.XREAD_NEW_ENTRY)));
            while (!jedis.info("clients").contains("blocked_clients:1")) {
                Thread.sleep(10);
            }
            final redis.clients.jedis.Transaction tx = jedis.multi();
            tx.xadd("m", new StreamEntryID(1, 0), fields("a", "b"));
            tx.xadd("m", new StreamEntryID(2, 0), fields("c", "d"));
            tx.exec();
            // As Redis: blocked clients are served once EXEC has run all its commands, so the reader gets both.
            assertThat(read.get(10, TimeUnit.SECONDS).get(0).getValue()).extracting(StreamEntry::getID)
                .containsExactly(new StreamEntryID(1, 0), new StreamEntryID(2, 0));
        }
    }

    @Test
    void shouldEndABlockedReadOnClientUnblockError() throws Exception {
        try (Jedis reader = new Jedis(REDIS.host(), REDIS.port())) {
            final long id = reader.clientId();
            final CompletableFuture<Object> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.xread(XReadParams.xReadParams().block(30_000),
                        Map.of("nothing", StreamEntryID.XREAD_NEW_ENTRY));
                } catch (final JedisDataException e) {
                    return e.getMessage();
                }
            });
            while (!jedis.info("clients").contains("blocked_clients:1")) {
                Thread.sleep(10);
            }
            assertThat(jedis.clientUnblock(id, redis.clients.jedis.args.UnblockType.ERROR)).isEqualTo(1);
            assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("UNBLOCKED client unblocked via CLIENT UNBLOCK");
        }
    }

    @Test
    void shouldAnswerNilWhenTheBlockTimesOut() {
        jedis.xadd("quiet", new StreamEntryID(1, 0), fields("f", "v"));
        assertThat(jedis.xread(XReadParams.xReadParams().block(20), Map.of("quiet", new StreamEntryID(1, 0))))
            .isNull();
    }
}
