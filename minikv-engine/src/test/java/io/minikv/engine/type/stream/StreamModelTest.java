package io.minikv.engine.type.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.FieldValue;
import io.minikv.api.KvException;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.StreamEntry;
import io.minikv.api.StreamId;
import io.minikv.api.StreamInfo;
import io.minikv.api.XAddArgs;
import io.minikv.api.XTrimArgs;

/**
 * Seeded random operations on one stream against a plain model (a sorted map plus the three counters): entries,
 * ranges and XINFO's counters must agree after every step; approximate trims must never remove more than the exact
 * rule would, nor leave fewer entries than it asks.
 */
class StreamModelTest {
    private static final byte[] KEY = "s".getBytes(StandardCharsets.UTF_8);

    private final TreeMap<StreamId, String> model = new TreeMap<>();
    private StreamId lastId = StreamId.MIN;
    private StreamId maxDeleted = StreamId.MIN;
    private long added;

    @Test
    void shouldMatchTheModel() {
        for (long seed = 1; seed <= 20; seed++) {
            model.clear();
            lastId = StreamId.MIN;
            maxDeleted = StreamId.MIN;
            added = 0;
            try (KvStore store = MiniKv.open(KvOptions.defaults())) {
                run(store, new SplittableRandom(seed));
            }
        }
    }

    private StreamId randomId(final SplittableRandom rnd) {
        final long base = lastId.ms();
        return StreamId.of(Math.max(0, base + rnd.nextInt(-5, 40)), rnd.nextInt(0, 3));
    }

    private void run(final KvStore store, final SplittableRandom rnd) {
        for (int step = 0; step < 3_000; step++) {
            final int op = rnd.nextInt(100);
            if (op < 60) {
                add(store, randomId(rnd), rnd);
            } else if (op < 75) {
                final List<StreamId> ids = new ArrayList<>();
                for (int i = rnd.nextInt(1, 4); i > 0; i--) {
                    ids.add(rnd.nextBoolean() && !model.isEmpty() ? pickExisting(rnd) : randomId(rnd));
                }
                long expected = 0;
                for (final StreamId id : ids) {
                    if (model.remove(id) != null) {
                        expected++;
                        if (id.compareTo(maxDeleted) > 0) {
                            maxDeleted = id;
                        }
                    }
                }
                assertThat(store.xdel(KEY, ids.toArray(new StreamId[0]))).isEqualTo(expected);
            } else if (op < 85) {
                trimExact(store, rnd);
            } else if (op < 92) {
                trimApproximate(store, rnd);
            } else if (!model.isEmpty() || lastId.compareTo(StreamId.MIN) > 0) {
                final StreamId to = StreamId.of(lastId.ms() + rnd.nextInt(0, 3), rnd.nextInt(0, 3));
                if (to.compareTo(model.isEmpty() ? StreamId.MIN : model.lastKey()) >= 0) {
                    store.xsetid(KEY, to, -1, null);
                    lastId = to;
                }
            }
            check(store, rnd);
        }
    }

    private StreamId pickExisting(final SplittableRandom rnd) {
        final StreamId probe = StreamId.of(rnd.nextLong(0, lastId.ms() + 1), 0);
        final StreamId id = model.ceilingKey(probe);
        return id == null ? model.firstKey() : id;
    }

    private void add(final KvStore store, final StreamId id, final SplittableRandom rnd) {
        final String value = Long.toString(rnd.nextLong(1000));
        final List<FieldValue> fields = List.of(new FieldValue("f".getBytes(StandardCharsets.UTF_8),
            value.getBytes(StandardCharsets.UTF_8)));
        if (id.equals(StreamId.MIN) || id.compareTo(lastId) <= 0) {
            try {
                store.xadd(KEY, XAddArgs.id(id), fields);
                throw new AssertionError("XADD " + id + " after " + lastId + " should fail");
            } catch (final KvException expected) {
                return;
            }
        }
        assertThat(store.xadd(KEY, XAddArgs.id(id), fields)).isEqualTo(id);
        model.put(id, value);
        lastId = id;
        added++;
    }

    private void trimExact(final KvStore store, final SplittableRandom rnd) {
        if (rnd.nextBoolean()) {
            final int maxLen = rnd.nextInt(0, 150);
            long expected = 0;
            while (model.size() > maxLen) {
                model.pollFirstEntry();
                expected++;
            }
            assertThat(store.xtrim(KEY, XTrimArgs.maxLen(maxLen))).isEqualTo(expected);
        } else {
            final StreamId min = randomId(rnd);
            final long expected = model.headMap(min, false).size();
            model.headMap(min, false).clear();
            assertThat(store.xtrim(KEY, XTrimArgs.minId(min))).isEqualTo(expected);
        }
    }

    private void trimApproximate(final KvStore store, final SplittableRandom rnd) {
        final int maxLen = rnd.nextInt(0, 300);
        final int before = model.size();
        final long removed = store.xtrim(KEY, XTrimArgs.maxLen(maxLen).approximate());
        assertThat(removed).isBetween(0L, (long) Math.max(0, before - maxLen));
        for (long i = 0; i < removed; i++) {
            model.pollFirstEntry();
        }
    }

    private void check(final KvStore store, final SplittableRandom rnd) {
        if (added == 0) {
            return;
        }
        final StreamInfo info = store.xinfoStream(KEY);
        assertThat(info.length()).isEqualTo(model.size());
        assertThat(info.lastGeneratedId()).isEqualTo(lastId);
        assertThat(info.entriesAdded()).isEqualTo(added);
        assertThat(info.maxDeletedEntryId()).isEqualTo(maxDeleted);
        assertThat(info.recordedFirstEntryId()).isEqualTo(model.isEmpty() ? StreamId.MIN : model.firstKey());
        // An exact trim that stops inside a node may leave it without live entries, as in Redis (whose listpack then
        // keeps only deleted entries until the node is trimmed or refilled); a live entry always has a node.
        assertThat(info.radixTreeKeys()).isGreaterThanOrEqualTo(model.isEmpty() ? 0L : 1L);
        if (rnd.nextInt(10) == 0) {
            final List<StreamEntry> all = store.xrange(KEY, StreamId.MIN, StreamId.MAX, -1);
            assertThat(all).hasSize(model.size());
            int i = 0;
            for (final Map.Entry<StreamId, String> e : model.entrySet()) {
                assertThat(all.get(i).id()).isEqualTo(e.getKey());
                assertThat(new String(all.get(i).fields().get(0).value(), StandardCharsets.UTF_8))
                    .isEqualTo(e.getValue());
                i++;
            }
            final StreamId from = randomId(rnd);
            final List<StreamEntry> rev = store.xrevrange(KEY, StreamId.MAX, from, 5);
            final List<StreamId> expected = new ArrayList<>(model.tailMap(from, true).descendingKeySet());
            assertThat(rev).extracting(StreamEntry::id).containsExactlyElementsOf(
                expected.subList(0, Math.min(5, expected.size())));
        }
    }
}
