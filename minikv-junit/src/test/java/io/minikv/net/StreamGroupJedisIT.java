package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamConsumerInfo;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamFullInfo;
import redis.clients.jedis.resps.StreamGroupInfo;
import redis.clients.jedis.resps.StreamPendingEntry;
import redis.clients.jedis.resps.StreamPendingSummary;
import io.minikv.junit.MiniKvExtension;

/**
 * Consumer groups through Jedis: a producer and two consumers share a stream through a group (XREADGROUP, XACK,
 * XPENDING, XCLAIM, XAUTOCLAIM, XINFO), Jedis's typed replies parse what mini-kv sends, and a blocked XREADGROUP is
 * woken by another client's XADD, or ended by XGROUP DESTROY, DEL and FLUSHALL with Redis's errors.
 */
class StreamGroupJedisIT {
    @RegisterExtension
    static final MiniKvExtension REDIS = MiniKvExtension.builder().workers(2).build();

    private static final Map<String, StreamEntryID> UNDELIVERED = Map.of("jobs",
        StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY);

    private Jedis producer;

    @BeforeEach
    void connect() {
        producer = new Jedis(REDIS.host(), REDIS.port());
        producer.flushAll();
    }

    @AfterEach
    void disconnect() {
        producer.close();
    }

    private StreamEntryID add(final long ms, final String job) {
        return producer.xadd("jobs", new StreamEntryID(ms, 0), Map.of("job", job));
    }

    private static List<StreamEntry> entries(final List<Map.Entry<String, List<StreamEntry>>> read) {
        assertThat(read).hasSize(1);
        assertThat(read.get(0).getKey()).isEqualTo("jobs");
        return read.get(0).getValue();
    }

    private void awaitBlocked(final int clients) throws InterruptedException {
        while (!producer.info("clients").contains("blocked_clients:" + clients)) {
            Thread.sleep(10);
        }
    }

    @Test
    void shouldShareAStreamBetweenConsumersOfAGroup() {
        assertThat(producer.xgroupCreate("jobs", "workers", StreamEntryID.XGROUP_LAST_ENTRY, true)).isEqualTo("OK");
        assertThatThrownBy(() -> producer.xgroupCreate("jobs", "workers", StreamEntryID.XGROUP_LAST_ENTRY, true))
            .isInstanceOf(JedisDataException.class).hasMessage("BUSYGROUP Consumer Group name already exists");
        for (int i = 1; i <= 4; i++) {
            add(i, "job-" + i);
        }
        try (Jedis alice = new Jedis(REDIS.host(), REDIS.port()); Jedis bob = new Jedis(REDIS.host(), REDIS.port())) {
            final List<StreamEntry> forAlice = entries(alice.xreadGroup("workers", "alice",
                XReadGroupParams.xReadGroupParams().count(3), UNDELIVERED));
            assertThat(forAlice).extracting(StreamEntry::getID).containsExactly(new StreamEntryID(1, 0),
                new StreamEntryID(2, 0), new StreamEntryID(3, 0));
            assertThat(forAlice.get(0).getFields()).containsEntry("job", "job-1");
            final List<StreamEntry> forBob = entries(bob.xreadGroup("workers", "bob",
                XReadGroupParams.xReadGroupParams(), UNDELIVERED));
            assertThat(forBob).extracting(StreamEntry::getID).containsExactly(new StreamEntryID(4, 0));
            assertThat(bob.xreadGroup("workers", "bob", XReadGroupParams.xReadGroupParams(), UNDELIVERED)).isNull();

            assertThat(alice.xack("jobs", "workers", new StreamEntryID(1, 0), new StreamEntryID(9, 0))).isEqualTo(1);
            final StreamPendingSummary summary = producer.xpending("jobs", "workers");
            assertThat(summary.getTotal()).isEqualTo(3);
            assertThat(summary.getMinId()).isEqualTo(new StreamEntryID(2, 0));
            assertThat(summary.getMaxId()).isEqualTo(new StreamEntryID(4, 0));
            assertThat(summary.getConsumerMessageCount()).containsExactlyInAnyOrderEntriesOf(
                Map.of("alice", 2L, "bob", 1L));
            final List<StreamPendingEntry> pending = producer.xpending("jobs", "workers",
                XPendingParams.xPendingParams("-", "+", 10).consumer("alice"));
            assertThat(pending).extracting(StreamPendingEntry::getID).containsExactly(new StreamEntryID(2, 0),
                new StreamEntryID(3, 0));
            assertThat(pending).extracting(StreamPendingEntry::getDeliveredTimes).containsExactly(1L, 1L);

            // History: alice re-reads what she has not acknowledged; bob takes one of hers over, then the rest.
            final List<StreamEntry> history = entries(alice.xreadGroup("workers", "alice",
                XReadGroupParams.xReadGroupParams(), Map.of("jobs", new StreamEntryID(0, 0))));
            assertThat(history).extracting(StreamEntry::getID).containsExactly(new StreamEntryID(2, 0),
                new StreamEntryID(3, 0));
            final List<StreamEntry> claimed = bob.xclaim("jobs", "workers", "bob", 0,
                XClaimParams.xClaimParams().retryCount(5), new StreamEntryID(2, 0));
            assertThat(claimed).extracting(StreamEntry::getID).containsExactly(new StreamEntryID(2, 0));
            assertThat(bob.xclaimJustId("jobs", "workers", "bob", 3_600_000, XClaimParams.xClaimParams(),
                new StreamEntryID(3, 0))).isEmpty();
            final Map.Entry<StreamEntryID, List<StreamEntry>> auto = bob.xautoclaim("jobs", "workers", "bob", 0,
                new StreamEntryID(0, 0), XAutoClaimParams.xAutoClaimParams().count(10));
            assertThat(auto.getKey()).isEqualTo(new StreamEntryID(0, 0));
            assertThat(auto.getValue()).extracting(StreamEntry::getID).containsExactly(new StreamEntryID(2, 0),
                new StreamEntryID(3, 0), new StreamEntryID(4, 0));
            assertThat(producer.xpending("jobs", "workers", XPendingParams.xPendingParams("-", "+", 10)))
                .extracting(StreamPendingEntry::getConsumerName).containsOnly("bob");
        }

        final List<StreamGroupInfo> groups = producer.xinfoGroups("jobs");
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).getName()).isEqualTo("workers");
        assertThat(groups.get(0).getConsumers()).isEqualTo(2);
        assertThat(groups.get(0).getPending()).isEqualTo(3);
        assertThat(groups.get(0).getLastDeliveredId()).isEqualTo(new StreamEntryID(4, 0));
        assertThat(groups.get(0).getGroupInfo()).containsEntry("entries-read", 4L).containsEntry("lag", 0L);
        final List<StreamConsumerInfo> consumers = producer.xinfoConsumers2("jobs", "workers");
        assertThat(consumers).extracting(StreamConsumerInfo::getName).containsExactly("alice", "bob");
        assertThat(consumers).extracting(StreamConsumerInfo::getPending).containsExactly(0L, 3L);
        final StreamFullInfo full = producer.xinfoStreamFull("jobs");
        assertThat(full.getGroups()).hasSize(1);
        assertThat(full.getGroups().get(0).getConsumers()).hasSize(2);

        assertThat(producer.xgroupDelConsumer("jobs", "workers", "bob")).isEqualTo(3);
        assertThat(producer.xpending("jobs", "workers").getTotal()).isZero();
        assertThat(producer.xgroupDestroy("jobs", "workers")).isEqualTo(1);
        assertThat(producer.xinfoGroups("jobs")).isEmpty();
    }

    @Test
    void shouldWakeABlockedGroupReaderWithTheEntryAddedByAnotherClient() throws Exception {
        producer.xgroupCreate("jobs", "workers", StreamEntryID.XGROUP_LAST_ENTRY, true);
        try (Jedis worker = new Jedis(REDIS.host(), REDIS.port())) {
            final CompletableFuture<List<Map.Entry<String, List<StreamEntry>>>> read = CompletableFuture.supplyAsync(
                () -> worker.xreadGroup("workers", "w1", XReadGroupParams.xReadGroupParams().block(30_000),
                    UNDELIVERED));
            // Add only once the worker is parked, so that only the XADD's signal can serve it.
            awaitBlocked(1);
            assertThat(producer.xinfoConsumers2("jobs", "workers")).isEmpty();
            add(7, "late");
            final List<StreamEntry> got = entries(read.get(10, TimeUnit.SECONDS));
            assertThat(got).extracting(StreamEntry::getID).containsExactly(new StreamEntryID(7, 0));
            assertThat(got.get(0).getFields()).containsEntry("job", "late");
        }
        assertThat(producer.info("clients")).contains("blocked_clients:0");
        assertThat(producer.xpending("jobs", "workers").getConsumerMessageCount()).containsEntry("w1", 1L);
        assertThat(producer.xinfoGroups("jobs").get(0).getLastDeliveredId()).isEqualTo(new StreamEntryID(7, 0));
    }

    @Test
    void shouldEndABlockedGroupReaderWhenItsGroupOrItsKeyGoes() throws Exception {
        producer.xgroupCreate("jobs", "workers", StreamEntryID.XGROUP_LAST_ENTRY, true);
        try (Jedis worker = new Jedis(REDIS.host(), REDIS.port())) {
            final CompletableFuture<List<Map.Entry<String, List<StreamEntry>>>> read = CompletableFuture.supplyAsync(
                () -> worker.xreadGroup("workers", "w1", XReadGroupParams.xReadGroupParams().block(0),
                    UNDELIVERED));
            awaitBlocked(1);
            producer.xgroupDestroy("jobs", "workers");
            assertThatThrownBy(() -> read.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().hasMessage("NOGROUP the consumer group this client was blocked on no longer exists");
        }
        producer.xgroupCreate("jobs", "workers", StreamEntryID.XGROUP_LAST_ENTRY, true);
        try (Jedis worker = new Jedis(REDIS.host(), REDIS.port())) {
            final CompletableFuture<List<Map.Entry<String, List<StreamEntry>>>> read = CompletableFuture.supplyAsync(
                () -> worker.xreadGroup("workers", "w1", XReadGroupParams.xReadGroupParams().block(0),
                    UNDELIVERED));
            awaitBlocked(1);
            producer.del("jobs");
            assertThatThrownBy(() -> read.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().hasMessage("UNBLOCKED the stream key no longer exists");
        }
        producer.xgroupCreate("jobs", "workers", StreamEntryID.XGROUP_LAST_ENTRY, true);
        try (Jedis worker = new Jedis(REDIS.host(), REDIS.port())) {
            final CompletableFuture<List<Map.Entry<String, List<StreamEntry>>>> read = CompletableFuture.supplyAsync(
                () -> worker.xreadGroup("workers", "w1", XReadGroupParams.xReadGroupParams().block(0),
                    UNDELIVERED));
            awaitBlocked(1);
            producer.flushAll();
            assertThatThrownBy(() -> read.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().hasMessage("UNBLOCKED the stream key no longer exists");
        }
        assertThat(producer.info("clients")).contains("blocked_clients:0");
    }
}
