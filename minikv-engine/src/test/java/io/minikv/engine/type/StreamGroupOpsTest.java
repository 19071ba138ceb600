package io.minikv.engine.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.FieldValue;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.StreamAutoClaim;
import io.minikv.api.StreamConsumerInfo;
import io.minikv.api.StreamEntries;
import io.minikv.api.StreamEntry;
import io.minikv.api.StreamFullInfo;
import io.minikv.api.StreamGroupInfo;
import io.minikv.api.StreamId;
import io.minikv.api.StreamPendingEntry;
import io.minikv.api.StreamPendingSummary;
import io.minikv.api.XAddArgs;
import io.minikv.api.XClaimArgs;
import io.minikv.engine.ManualClock;

/** Consumer groups through the embedded store: Redis 7.0.15's results, counters and error texts. */
class StreamGroupOpsTest {
    private static final byte[] K = b("s");
    private static final byte[] G = b("g");
    private static final StreamId NEW = StreamId.MAX;

    private final ManualClock clock = new ManualClock(1_000_000);
    private final KvStore store = MiniKv.open(KvOptions.builder().clock(clock).build());

    @AfterEach
    void close() {
        store.close();
    }

    @BeforeEach
    void fourEntries() {
        for (int i = 1; i <= 4; i++) {
            add(i);
        }
    }

    private static byte[] b(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(final byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static StreamId id(final long ms) {
        return StreamId.of(ms, 1);
    }

    private void add(final long ms) {
        store.xadd(K, XAddArgs.id(id(ms)), List.of(new FieldValue(b("f"), b("v" + ms))));
    }

    private List<StreamEntry> read(final String consumer, final long count, final StreamId after) {
        final List<StreamEntries> read = store.xreadgroup(G, b(consumer), count, false, new byte[][] {K},
            new StreamId[] {after});
        return read.isEmpty() ? List.of() : read.get(0).entries();
    }

    private static List<String> ids(final List<StreamEntry> entries) {
        final List<String> out = new ArrayList<>();
        entries.forEach(e -> out.add(e.id().toString()));
        return out;
    }

    private StreamGroupInfo group(final String name) {
        for (final StreamGroupInfo g : store.xinfoGroups(K)) {
            if (s(g.name()).equals(name)) {
                return g;
            }
        }
        throw new AssertionError(name);
    }

    private List<StreamPendingEntry> pending(final String consumer) {
        return store.xpending(K, G, 0, StreamId.MIN, StreamId.MAX, 100, consumer == null ? null : b(consumer));
    }

    @Test
    void shouldCreateGroupsAndRefuseDuplicatesMissingKeysAndBadCounters() {
        store.xgroupCreate(K, G, StreamId.MIN, false, -1);
        assertThatThrownBy(() -> store.xgroupCreate(K, G, StreamId.MIN, false, -1))
            .hasMessage("BUSYGROUP Consumer Group name already exists");
        assertThatThrownBy(() -> store.xgroupCreate(b("nokey"), G, null, false, -1)).hasMessage(
            "ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the "
                + "MKSTREAM option to create an empty stream automatically.");
        assertThatThrownBy(() -> store.xgroupCreate(K, b("x"), null, false, -2))
            .hasMessage("ERR value for ENTRIESREAD must be positive or -1");
        store.xgroupCreate(b("new"), G, null, true, -1);
        assertThat(store.xlen(b("new"))).isZero();
        store.set(b("str"), b("v"));
        assertThatThrownBy(() -> store.xgroupCreate(b("str"), G, null, true, -1))
            .hasMessageStartingWith("WRONGTYPE");
        assertThatThrownBy(() -> store.xgroupSetId(K, b("nog"), null, -1))
            .hasMessage("NOGROUP No such consumer group 'nog' for key name 's'");
        assertThatThrownBy(() -> store.xinfoGroups(b("nokey"))).hasMessage("ERR no such key");
    }

    @Test
    void shouldReportEntriesReadAndLagAsRedis70() {
        store.xgroupCreate(K, G, StreamId.MIN, false, -1);
        store.xgroupCreate(K, b("last"), null, false, -1);
        store.xgroupCreate(K, b("mid"), id(2), false, -1);
        store.xgroupCreate(K, b("big"), StreamId.MIN, false, 7);
        assertThat(group("g").lag()).isEqualTo(4);
        assertThat(group("g").entriesRead()).isNull();
        assertThat(group("last").lag()).isZero();
        assertThat(group("mid").lag()).isNull();
        assertThat(group("big").lag()).isEqualTo(-3);

        assertThat(ids(read("c", 1, NEW))).containsExactly("1-1");
        assertThat(group("g").entriesRead()).isEqualTo(1);
        // A tombstone ahead of the group makes the lag unknown, then the counter once it is passed.
        store.xdel(K, id(3));
        assertThat(group("g").lag()).isNull();
        read("c", 1, NEW);
        assertThat(group("g").entriesRead()).isNull();
        assertThat(ids(read("c", 1, NEW))).containsExactly("4-1");
        assertThat(group("g").entriesRead()).isEqualTo(4);
        assertThat(group("g").lag()).isZero();
    }

    @Test
    void shouldKeepIncrementingTheCounterPastTrimmedEntriesAsRedis70() {
        store.xgroupCreate(K, G, StreamId.MIN, false, -1);
        read("c", 1, NEW);
        store.xdel(K, id(1), id(2));
        assertThat(ids(read("c", 1, NEW))).containsExactly("3-1");
        // 7.0 increments (7.2 would re-estimate to 3).
        assertThat(group("g").entriesRead()).isEqualTo(2);
        assertThat(group("g").lag()).isEqualTo(2);
    }

    @Test
    void shouldDeliverNewEntriesThenHistoryFromTheConsumersPel() {
        store.xgroupCreate(K, G, StreamId.MIN, false, -1);
        assertThat(ids(read("alice", 1, NEW))).containsExactly("1-1");
        assertThat(ids(read("bob", 0, NEW))).containsExactly("2-1", "3-1", "4-1");
        assertThat(read("bob", 0, NEW)).isEmpty();
        clock.advance(50);
        assertThat(ids(read("bob", 0, StreamId.MIN))).containsExactly("2-1", "3-1", "4-1");
        assertThat(ids(read("bob", 1, id(2)))).containsExactly("3-1");
        assertThat(pending("bob")).extracting(StreamPendingEntry::deliveryCount).containsExactly(2L, 3L, 2L);
        assertThat(pending("bob")).extracting(StreamPendingEntry::idleMillis).containsExactly(0L, 0L, 0L);

        store.xdel(K, id(3));
        final List<StreamEntry> history = read("bob", 0, StreamId.MIN);
        assertThat(ids(history)).containsExactly("2-1", "3-1", "4-1");
        assertThat(history.get(1).fields()).isNull();
        assertThat(pending("bob")).extracting(StreamPendingEntry::deliveryCount).containsExactly(3L, 3L, 3L);

        final StreamPendingSummary summary = store.xpending(K, G);
        assertThat(summary.count()).isEqualTo(4);
        assertThat(summary.smallest()).isEqualTo(id(1));
        assertThat(summary.largest()).isEqualTo(id(4));
        assertThat(summary.consumers()).extracting(c -> s(c.name()) + "=" + c.pending())
            .containsExactly("alice=1", "bob=3");
    }

    @Test
    void shouldCreateConsumersOnlyForStreamsServed() {
        store.xgroupCreate(K, G, null, false, -1);
        assertThat(read("waiting", 0, NEW)).isEmpty();
        assertThat(store.xinfoConsumers(K, G)).isEmpty();
        assertThat(read("history", 0, StreamId.MIN)).isEmpty();
        assertThat(store.xinfoConsumers(K, G)).extracting(c -> s(c.name())).containsExactly("history");
        assertThatThrownBy(() -> store.xreadgroup(b("nog"), b("c"), 0, false, new byte[][] {K},
            new StreamId[] {NEW})).hasMessage("NOGROUP No such key 's' or consumer group 'nog' in XREADGROUP with "
                + "GROUP option");
    }

    @Test
    void shouldDeliverWithoutPelUnderNoAckAndReassignAfterSetId() {
        store.xgroupCreate(K, G, StreamId.MIN, false, -1);
        store.xreadgroup(G, b("a"), 2, true, new byte[][] {K}, new StreamId[] {NEW});
        assertThat(store.xpending(K, G).count()).isZero();
        assertThat(group("g").lastDeliveredId()).isEqualTo(id(2));
        read("a", 1, NEW);
        read("a", 1, NEW);
        store.xgroupSetId(K, G, id(2), -1);
        clock.advance(10);
        read("b", 1, NEW);
        assertThat(pending(null)).extracting(p -> p.id() + ":" + s(p.consumer()) + ":" + p.deliveryCount())
            .containsExactly("3-1:b:1", "4-1:a:1");
        assertThat(pending("a")).extracting(p -> p.id().toString()).containsExactly("4-1");
    }

    @Test
    void shouldAcknowledgeAndFilterPendingByIdleTimeAndRange() {
        store.xgroupCreate(K, G, StreamId.MIN, false, -1);
        read("a", 2, NEW);
        clock.advance(1_000);
        read("b", 0, NEW);
        clock.advance(10);
        assertThat(store.xpending(K, G, 500, StreamId.MIN, StreamId.MAX, 10, null))
            .extracting(p -> p.id() + "/" + p.idleMillis()).containsExactly("1-1/1010", "2-1/1010");
        assertThat(store.xpending(K, G, 0, id(2), id(3), 10, null)).hasSize(2);
        assertThat(store.xpending(K, G, 0, StreamId.MIN, StreamId.MAX, 1, b("b"))).hasSize(1);
        assertThat(store.xpending(K, G, 0, StreamId.MIN, StreamId.MAX, 10, b("nobody"))).isEmpty();
        assertThat(store.xack(K, G, id(1), id(3), id(9))).isEqualTo(2);
        assertThat(store.xack(K, b("nog"), id(2))).isZero();
        assertThat(store.xack(b("nokey"), G, id(2))).isZero();
        assertThat(store.xinfoConsumers(K, G)).extracting(c -> s(c.name()) + "=" + c.pending() + "/" + c.idleMillis())
            .containsExactly("a=1/1010", "b=1/10");
        assertThatThrownBy(() -> store.xpending(K, b("nog")))
            .hasMessage("NOGROUP No such key 's' or consumer group 'nog'");
    }

    @Test
    void shouldClaimByIdleTimeWithTheOptionsOfRedis() {
        store.xgroupCreate(K, G, StreamId.MIN, false, -1);
        read("a", 0, NEW);
        clock.advance(100);
        assertThat(store.xclaim(K, G, b("b"), 500, new StreamId[] {id(1)}, XClaimArgs.none())).isEmpty();
        assertThat(store.xinfoConsumers(K, G)).extracting(c -> s(c.name())).containsExactly("a");
        final List<StreamEntry> claimed = store.xclaim(K, G, b("b"), 50, new StreamId[] {id(1), id(9)},
            XClaimArgs.none());
        assertThat(ids(claimed)).containsExactly("1-1");
        assertThat(claimed.get(0).fields()).isNotNull();
        assertThat(store.xclaim(K, G, b("b"), 0, new StreamId[] {id(2)}, XClaimArgs.none().justId().idle(40)
            .retryCount(9))).extracting(e -> e.fields()).containsOnlyNulls();
        assertThat(pending(null)).extracting(p -> p.id() + ":" + s(p.consumer()) + ":" + p.deliveryCount() + ":"
            + p.idleMillis()).containsExactly("1-1:b:2:0", "2-1:b:9:40", "3-1:a:1:100", "4-1:a:1:100");
        store.xclaim(K, G, b("b"), 0, new StreamId[] {id(3)}, XClaimArgs.none().time(1_000).justId());
        assertThat(pending("b").get(2).deliveryTimeMillis()).isEqualTo(1_000);
        // A deleted entry leaves the PEL; FORCE adds an entry that was in no PEL (delivery count 2, as Redis).
        store.xack(K, G, id(4));
        store.xdel(K, id(3));
        assertThat(store.xclaim(K, G, b("c"), 0, new StreamId[] {id(3), id(4)}, XClaimArgs.none().force()))
            .extracting(e -> e.id().toString()).containsExactly("4-1");
        assertThat(pending(null)).extracting(p -> p.id() + ":" + s(p.consumer()) + ":" + p.deliveryCount())
            .containsExactly("1-1:b:2", "2-1:b:9", "4-1:c:2");
        store.xclaim(K, G, b("c"), 0, new StreamId[0], XClaimArgs.none().lastId(id(7)));
        assertThat(group("g").lastDeliveredId()).isEqualTo(id(7));
    }

    @Test
    void shouldAutoClaimWithACursorAndReportDeletedIds() {
        store.xgroupCreate(K, G, StreamId.MIN, false, -1);
        add(5);
        read("a", 0, NEW);
        store.xdel(K, id(2), id(3));
        StreamAutoClaim r = store.xautoclaim(K, G, b("b"), 0, StreamId.MIN, 2, false);
        assertThat(ids(r.claimed())).containsExactly("1-1");
        assertThat(r.deleted()).containsExactly(id(2));
        assertThat(r.next()).isEqualTo(id(3));
        r = store.xautoclaim(K, G, b("b"), 0, r.next(), 10, true);
        assertThat(ids(r.claimed())).containsExactly("4-1", "5-1");
        assertThat(r.deleted()).containsExactly(id(3));
        assertThat(r.next()).isEqualTo(StreamId.MIN);
        assertThat(pending(null)).extracting(p -> p.id() + ":" + p.deliveryCount())
            .containsExactly("1-1:2", "4-1:1", "5-1:1");
        clock.advance(10);
        assertThat(store.xautoclaim(K, G, b("c"), 100, StreamId.MIN, 10, false).claimed()).isEmpty();
        assertThat(store.xinfoConsumers(K, G)).extracting(c -> s(c.name())).containsExactly("a", "b");
    }

    @Test
    void shouldDeleteConsumersGroupsAndDropGroupsWithTheirKey() {
        store.xgroupCreate(K, G, StreamId.MIN, false, -1);
        read("a", 2, NEW);
        read("b", 1, NEW);
        assertThat(store.xgroupCreateConsumer(K, G, b("c"))).isTrue();
        assertThat(store.xgroupCreateConsumer(K, G, b("c"))).isFalse();
        assertThat(store.xgroupDelConsumer(K, G, b("a"))).isEqualTo(2);
        assertThat(store.xgroupDelConsumer(K, G, b("a"))).isZero();
        assertThat(store.xpending(K, G).count()).isEqualTo(1);

        store.copy(K, b("copy"), 0, false);
        store.xack(b("copy"), G, id(3));
        assertThat(store.xpending(K, G).count()).isEqualTo(1);
        assertThat(store.xpending(b("copy"), G).count()).isZero();

        assertThat(store.xgroupDestroy(K, G)).isTrue();
        assertThat(store.xgroupDestroy(K, G)).isFalse();
        store.xgroupCreate(K, G, StreamId.MIN, false, -1);
        store.del(K);
        add(1);
        assertThat(store.xinfoGroups(K)).isEmpty();
        assertThat(store.xinfoStream(K).groups()).isZero();
    }

    @Test
    void shouldReportGroupsInFull() {
        store.xgroupCreate(K, G, StreamId.MIN, false, -1);
        store.xgroupCreate(K, b("a-first"), null, false, -1);
        read("c", 3, NEW);
        clock.advance(5);
        final StreamFullInfo full = store.xinfoStreamFull(K, 2);
        assertThat(full.entries()).hasSize(2);
        assertThat(full.info().groups()).isEqualTo(2);
        assertThat(full.groups()).extracting(g -> s(g.name())).containsExactly("a-first", "g");
        assertThat(full.groups().get(1).pelCount()).isEqualTo(3);
        assertThat(full.groups().get(1).pending()).extracting(p -> p.deliveryTimeMillis())
            .containsExactly(1_000_000L, 1_000_000L);
        assertThat(full.groups().get(1).consumers().get(0).pending()).hasSize(2);
        final List<StreamConsumerInfo> consumers = store.xinfoConsumers(K, G);
        assertThat(consumers.get(0).idleMillis()).isEqualTo(5);
    }
}
