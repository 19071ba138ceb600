package io.minikv.engine.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.FieldValue;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.StreamEntries;
import io.minikv.api.StreamEntry;
import io.minikv.api.StreamId;
import io.minikv.api.StreamInfo;
import io.minikv.api.ValueType;
import io.minikv.api.XAddArgs;
import io.minikv.api.XTrimArgs;
import io.minikv.engine.ManualClock;

/** Stream commands through the embedded store, with Redis 7.0's results and error texts. */
class StreamOpsTest {
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    private static final byte[] K = b("s");

    private final ManualClock clock = new ManualClock(1_000);
    private final KvStore store = MiniKv.open(KvOptions.builder().clock(clock).build());

    @AfterEach
    void close() {
        store.close();
    }

    private static byte[] b(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static StreamId id(final long ms, final long seq) {
        return StreamId.of(ms, seq);
    }

    private static List<FieldValue> fv(final String... fieldsAndValues) {
        final List<FieldValue> out = new ArrayList<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            out.add(new FieldValue(b(fieldsAndValues[i]), b(fieldsAndValues[i + 1])));
        }
        return out;
    }

    private StreamId add(final long ms, final long seq) {
        return store.xadd(K, XAddArgs.id(id(ms, seq)), fv("f", ms + "-" + seq));
    }

    private static List<String> ids(final List<StreamEntry> entries) {
        final List<String> out = new ArrayList<>();
        entries.forEach(e -> out.add(e.id().toString()));
        return out;
    }

    @Test
    void shouldAddWithExplicitIdsInIncreasingOrderOnly() {
        assertThat(add(1, 1)).isEqualTo(id(1, 1));
        assertThatThrownBy(() -> add(1, 1)).hasMessage(
            "ERR The ID specified in XADD is equal or smaller than the target stream top item");
        assertThatThrownBy(() -> add(0, 5)).hasMessage(
            "ERR The ID specified in XADD is equal or smaller than the target stream top item");
        assertThatThrownBy(() -> store.xadd(b("other"), XAddArgs.id(StreamId.MIN), fv("f", "v")))
            .hasMessage("ERR The ID specified in XADD must be greater than 0-0");
        assertThat(store.exists(b("other"))).isZero();
        assertThat(store.xlen(K)).isEqualTo(1);
        assertThat(store.type(K)).isEqualTo(ValueType.STREAM);
        assertThat(store.objectEncoding(K)).isEqualTo("stream");
    }

    @Test
    void shouldPickTheNextSequenceForMsStar() {
        assertThat(store.xadd(K, XAddArgs.idWithAutoSequence(0), fv("f", "v"))).isEqualTo(id(0, 1));
        assertThat(store.xadd(K, XAddArgs.idWithAutoSequence(0), fv("f", "v"))).isEqualTo(id(0, 2));
        assertThat(store.xadd(K, XAddArgs.idWithAutoSequence(7), fv("f", "v"))).isEqualTo(id(7, 0));
        add(7, -1L);
        assertThatThrownBy(() -> store.xadd(K, XAddArgs.idWithAutoSequence(7), fv("f", "v")))
            .hasMessage("ERR Elements are too large to be stored");
    }

    @Test
    void shouldTakeTheClockForStarAndNeverGoBack() {
        assertThat(store.xadd(K, XAddArgs.autoId(), fv("f", "v"))).isEqualTo(id(1_000, 0));
        assertThat(store.xadd(K, XAddArgs.autoId(), fv("f", "v"))).isEqualTo(id(1_000, 1));
        clock.set(500);
        assertThat(store.xadd(K, XAddArgs.autoId(), fv("f", "v"))).isEqualTo(id(1_000, 2));
        clock.set(2_000);
        assertThat(store.xadd(K, XAddArgs.autoId(), fv("f", "v"))).isEqualTo(id(2_000, 0));
    }

    @Test
    void shouldRefuseToAddPastTheLargestId() {
        assertThat(store.xadd(K, XAddArgs.id(StreamId.MAX), fv("f", "v"))).isEqualTo(StreamId.MAX);
        assertThat(StreamId.MAX.toString()).isEqualTo("18446744073709551615-18446744073709551615");
        assertThatThrownBy(() -> store.xadd(K, XAddArgs.autoId(), fv("f", "v")))
            .hasMessage("ERR The stream has exhausted the last possible ID, unable to add more items");
    }

    @Test
    void shouldNotCreateTheKeyWithNoMkStream() {
        assertThat(store.xadd(K, XAddArgs.id(id(1, 1)).noMkStream(), fv("f", "v"))).isNull();
        assertThat(store.exists(K)).isZero();
        add(1, 1);
        assertThat(store.xadd(K, XAddArgs.id(id(2, 1)).noMkStream(), fv("f", "v"))).isEqualTo(id(2, 1));
    }

    @Test
    void shouldRangeForwardAndBackwardWithCount() {
        for (int i = 1; i <= 5; i++) {
            add(i, 0);
        }
        assertThat(ids(store.xrange(K, StreamId.MIN, StreamId.MAX, -1)))
            .containsExactly("1-0", "2-0", "3-0", "4-0", "5-0");
        assertThat(ids(store.xrange(K, id(2, 0), id(4, 0), 2))).containsExactly("2-0", "3-0");
        assertThat(ids(store.xrevrange(K, id(4, 0), id(2, 0), -1))).containsExactly("4-0", "3-0", "2-0");
        assertThat(ids(store.xrange(K, id(4, 0), id(2, 0), -1))).isEmpty();
        assertThat(store.xrange(b("missing"), StreamId.MIN, StreamId.MAX, -1)).isEmpty();
        final StreamEntry first = store.xrange(K, StreamId.MIN, StreamId.MAX, 1).get(0);
        assertThat(first.fields()).hasSize(1);
        assertThat(new String(first.fields().get(0).value(), StandardCharsets.UTF_8)).isEqualTo("1-0");
    }

    @Test
    void shouldKeepCountersAcrossDeletes() {
        add(1, 0);
        add(2, 0);
        add(3, 0);
        assertThat(store.xdel(K, id(3, 0), id(9, 9), id(1, 0))).isEqualTo(2);
        StreamInfo info = store.xinfoStream(K);
        assertThat(info.length()).isEqualTo(1);
        assertThat(info.lastGeneratedId()).isEqualTo(id(3, 0));
        assertThat(info.maxDeletedEntryId()).isEqualTo(id(3, 0));
        assertThat(info.entriesAdded()).isEqualTo(3);
        assertThat(info.recordedFirstEntryId()).isEqualTo(id(2, 0));
        assertThat(info.firstEntry().id()).isEqualTo(id(2, 0));
        assertThat(info.lastEntry().id()).isEqualTo(id(2, 0));
        assertThatThrownBy(() -> add(3, 0)).hasMessageContaining("equal or smaller");
        store.xdel(K, id(2, 0));
        info = store.xinfoStream(K);
        assertThat(store.exists(K)).as("an empty stream stays").isEqualTo(1);
        assertThat(info.length()).isZero();
        assertThat(info.radixTreeKeys()).isZero();
        assertThat(info.radixTreeNodes()).isEqualTo(1);
        assertThat(info.recordedFirstEntryId()).isEqualTo(StreamId.MIN);
        assertThat(info.firstEntry()).isNull();
    }

    @Test
    void shouldTrimExactlyOrByWholeNodes() {
        for (int i = 1; i <= 250; i++) {
            add(i, 0);
        }
        assertThat(store.xinfoStream(K).radixTreeKeys()).isEqualTo(3);
        assertThat(store.xtrim(K, XTrimArgs.maxLen(200).approximate())).isZero();
        assertThat(store.xtrim(K, XTrimArgs.maxLen(140).approximate().limit(10))).isZero();
        assertThat(store.xtrim(K, XTrimArgs.maxLen(140).approximate())).isEqualTo(100);
        assertThat(store.xtrim(K, XTrimArgs.maxLen(140))).isEqualTo(10);
        assertThat(store.xlen(K)).isEqualTo(140);
        assertThat(store.xtrim(K, XTrimArgs.minId(id(200, 0)))).isEqualTo(89);
        assertThat(ids(store.xrange(K, StreamId.MIN, StreamId.MAX, 1))).containsExactly("200-0");
        assertThat(store.xtrim(K, XTrimArgs.maxLen(0))).isEqualTo(51);
        assertThat(store.exists(K)).isEqualTo(1);
        assertThat(store.xtrim(b("missing"), XTrimArgs.maxLen(0))).isZero();
        assertThatThrownBy(() -> XTrimArgs.maxLen(1).limit(5))
            .hasMessage("ERR syntax error, LIMIT cannot be used without the special ~ option");
        assertThatThrownBy(() -> XTrimArgs.maxLen(-1)).hasMessage("ERR The MAXLEN argument must be >= 0.");
    }

    @Test
    void shouldTrimAfterAdding() {
        for (int i = 1; i <= 5; i++) {
            store.xadd(K, XAddArgs.id(id(i, 0)).trim(XTrimArgs.maxLen(2)), fv("f", "v"));
        }
        assertThat(ids(store.xrange(K, StreamId.MIN, StreamId.MAX, -1))).containsExactly("4-0", "5-0");
        assertThat(store.xinfoStream(K).entriesAdded()).isEqualTo(5);
    }

    @Test
    void shouldSetIdWithRedisChecks() {
        add(5, 5);
        assertThatThrownBy(() -> store.xsetid(K, id(5, 4), -1, null))
            .hasMessage("ERR The ID specified in XSETID is smaller than the target stream top item");
        assertThatThrownBy(() -> store.xsetid(K, id(9, 0), 0, null))
            .hasMessage("ERR The entries_added specified in XSETID is smaller than the target stream length");
        assertThatThrownBy(() -> store.xsetid(K, id(9, 0), -1, id(10, 0)))
            .hasMessage("ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id");
        assertThatThrownBy(() -> store.xsetid(b("missing"), id(9, 0), -1, null)).hasMessage("ERR no such key");
        store.xsetid(K, id(9, 0), 42, id(8, 0));
        final StreamInfo info = store.xinfoStream(K);
        assertThat(info.lastGeneratedId()).isEqualTo(id(9, 0));
        assertThat(info.entriesAdded()).isEqualTo(42);
        assertThat(info.maxDeletedEntryId()).isEqualTo(id(8, 0));
        assertThatThrownBy(() -> add(8, 9)).hasMessageContaining("equal or smaller");
    }

    @Test
    void shouldReadAfterIdsPerStream() {
        add(1, 0);
        add(2, 0);
        store.xadd(b("t"), XAddArgs.id(id(3, 0)), fv("g", "w"));
        final List<StreamEntries> read = store.xread(0, new byte[][] {K, b("t"), b("missing")},
            new StreamId[] {id(1, 0), id(3, 0), StreamId.MIN});
        assertThat(read).hasSize(1);
        assertThat(ids(read.get(0).entries())).containsExactly("2-0");
        assertThat(store.xread(1, new byte[][] {K}, new StreamId[] {StreamId.MIN}).get(0).entries()).hasSize(1);
        assertThat(store.xread(0, new byte[][] {K}, new StreamId[] {id(2, 0)})).isEmpty();
    }

    @Test
    void shouldRefuseOtherTypes() {
        store.set(K, b("x"));
        assertThatThrownBy(() -> add(1, 1)).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.xlen(K)).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.xrange(K, StreamId.MIN, StreamId.MAX, -1)).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.xdel(K, id(1, 1))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.xtrim(K, XTrimArgs.maxLen(0))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.xinfoStream(K)).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.xread(0, new byte[][] {b("ok"), K}, new StreamId[] {id(0, 0), id(0, 0)}))
            .hasMessage(WRONGTYPE);
    }

    @Test
    void shouldCopyAndRenameAsAnyValue() {
        add(1, 0);
        add(2, 0);
        store.xdel(K, id(2, 0));
        assertThat(store.copy(K, b("c"), 0, false)).isTrue();
        add(3, 0);
        assertThat(store.xlen(b("c"))).isEqualTo(1);
        assertThat(store.xinfoStream(b("c")).lastGeneratedId()).isEqualTo(id(2, 0));
        assertThat(store.xinfoStream(b("c")).maxDeletedEntryId()).isEqualTo(id(2, 0));
        store.rename(b("c"), b("d"));
        assertThat(store.xlen(b("d"))).isEqualTo(1);
        assertThat(store.del(b("d"))).isEqualTo(1);
    }

    @Test
    void shouldParseAndOrderIdsUnsigned() {
        assertThat(StreamId.parse("18446744073709551615-0")).isEqualTo(id(-1L, 0));
        assertThat(id(-1L, 0)).isGreaterThan(id(1, 0));
        assertThat(id(1, -1L).next()).isEqualTo(id(2, 0));
        assertThat(id(2, 0).previous()).isEqualTo(id(1, -1L));
        assertThat(StreamId.MAX.next()).isNull();
        assertThat(StreamId.MIN.previous()).isNull();
        assertThatThrownBy(() -> StreamId.parse("1")).hasMessage(
            "ERR Invalid stream ID specified as stream command argument");
    }
}
