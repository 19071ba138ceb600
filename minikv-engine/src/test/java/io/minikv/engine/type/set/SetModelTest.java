package io.minikv.engine.type.set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.minikv.api.KvException;
import io.minikv.api.SScanResult;
import io.minikv.engine.ManualClock;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.memory.MemoryBudget;
import io.minikv.engine.type.SetOps;
import io.minikv.engine.type.SetStoreOps;
import io.minikv.engine.type.Written;
import io.minikv.engine.type.StringOps;

/**
 * Long seeded sequences of every set command against a model of {@code java.util.HashSet}s (members as
 * {@link ByteBuffer}s, so equality is by content), with a few keys, binary members, sets that grow past and shrink
 * below the table's resize points, and a key of another type. Randomness of SPOP and SRANDMEMBER comes from the
 * test's own seeded generator, so a failure replays exactly.
 */
class SetModelTest {
    private static final int KEYS = 4;
    private static final byte[] STRING_KEY = "str".getBytes(StandardCharsets.UTF_8);

    private final Keyspace ks = new Keyspace(0, 64, new MemoryBudget(0), new ManualClock(1_700_000_000_000L));
    private final Map<Integer, Set<ByteBuffer>> model = new HashMap<>();

    @AfterEach
    void close() {
        ks.flush();
    }

    private static byte[] key(final int k) {
        return ("k" + k).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] member(final Random rnd, final int universe) {
        final int i = rnd.nextInt(universe);
        if (i % 17 == 0) {
            return new byte[] {0, (byte) i, (byte) 0xff};
        }
        return i == 1 ? new byte[0] : ("m" + i).getBytes(StandardCharsets.UTF_8);
    }

    private Set<ByteBuffer> set(final int k) {
        return model.computeIfAbsent(k, x -> new HashSet<>());
    }

    private static Set<ByteBuffer> asSet(final List<byte[]> members) {
        final Set<ByteBuffer> out = new HashSet<>();
        for (final byte[] m : members) {
            out.add(ByteBuffer.wrap(m));
        }
        assertThat(out).hasSameSizeAs(members);
        return out;
    }

    private byte[][] keys(final Random rnd, final boolean withString) {
        final byte[][] keys = new byte[1 + rnd.nextInt(3)][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = withString && rnd.nextInt(20) == 0 ? STRING_KEY : key(rnd.nextInt(KEYS + 1));
        }
        return keys;
    }

    private Set<ByteBuffer> modelOf(final byte[] key) {
        final int k = key[1] - '0';
        return model.getOrDefault(k, Set.of());
    }

    private Set<ByteBuffer> expected(final SetStoreOps.Op op, final byte[][] keys) {
        final Set<ByteBuffer> out = new HashSet<>(modelOf(keys[0]));
        for (int i = 1; i < keys.length; i++) {
            switch (op) {
                case INTER -> out.retainAll(modelOf(keys[i]));
                case UNION -> out.addAll(modelOf(keys[i]));
                default -> out.removeAll(modelOf(keys[i]));
            }
        }
        return out;
    }

    private static boolean hasString(final byte[][] keys) {
        for (final byte[] k : keys) {
            if (k == STRING_KEY) {
                return true;
            }
        }
        return false;
    }

    private void checkSizes() {
        for (int k = 0; k <= KEYS; k++) {
            assertThat(SetOps.scard(ks, key(k))).as("scard k%d", k).isEqualTo(model.getOrDefault(k, Set.of()).size());
        }
    }

    @Test
    void shouldMatchTheModel() {
        for (long seed = 1; seed <= 6; seed++) {
            run(seed, 6_000, seed % 2 == 0 ? 40 : 400);
            model.clear();
            ks.flush();
        }
    }

    private void run(final long seed, final int steps, final int universe) {
        final Random rnd = new Random(seed);
        final Random picks = new Random(seed * 31);
        StringOps.set(ks, STRING_KEY, io.minikv.engine.memory.NativeBytes.BYTE_ARRAY_BASE, STRING_KEY.length,
            new byte[] {'v'}, io.minikv.engine.memory.NativeBytes.BYTE_ARRAY_BASE, 1, io.minikv.api.SetArgs.PLAIN);
        for (int step = 0; step < steps; step++) {
            final int k = rnd.nextInt(KEYS + 1);
            final byte[] key = key(k);
            final String where = "seed " + seed + " step " + step;
            final int op = rnd.nextInt(14);
            switch (op) {
                case 0, 1, 2 -> {
                    final byte[][] ms = new byte[1 + rnd.nextInt(8)][];
                    for (int i = 0; i < ms.length; i++) {
                        ms[i] = member(rnd, universe);
                    }
                    long added = 0;
                    for (final byte[] m : ms) {
                        added += set(k).add(ByteBuffer.wrap(m)) ? 1 : 0;
                    }
                    assertThat(SetOps.sadd(ks, key, ms)).as(where).isEqualTo(added);
                }
                case 3, 4 -> {
                    final byte[][] ms = new byte[1 + rnd.nextInt(8)][];
                    long removed = 0;
                    for (int i = 0; i < ms.length; i++) {
                        ms[i] = member(rnd, universe);
                        removed += set(k).remove(ByteBuffer.wrap(ms[i])) ? 1 : 0;
                    }
                    assertThat(SetOps.srem(ks, key, ms)).as(where).isEqualTo(removed);
                }
                case 5 -> {
                    final byte[] m = member(rnd, universe);
                    assertThat(SetOps.smismember(ks, key, new byte[][] {m})[0]).as(where)
                        .isEqualTo(set(k).contains(ByteBuffer.wrap(m)));
                }
                case 6 -> assertThat(asSet(SetOps.smembers(ks, key))).as(where).isEqualTo(set(k));
                case 7 -> {
                    final long count = rnd.nextInt(6);
                    final List<byte[]> popped = SetOps.spop(ks, key, count, picks);
                    assertThat(popped).as(where).hasSize((int) Math.min(count, set(k).size()));
                    for (final ByteBuffer m : asSet(popped)) {
                        assertThat(set(k).remove(m)).as(where).isTrue();
                    }
                }
                case 8 -> {
                    final long count = rnd.nextInt(21) - 10;
                    final List<byte[]> picked = SetOps.srandmember(ks, key, count, picks);
                    final int size = set(k).size();
                    assertThat(picked).as(where).hasSize(count < 0 ? (size == 0 ? 0 : (int) -count)
                        : (int) Math.min(count, size));
                    for (final byte[] m : picked) {
                        assertThat(set(k)).as(where).contains(ByteBuffer.wrap(m));
                    }
                    if (count > 0) {
                        asSet(picked);
                    }
                }
                case 9 -> {
                    final int d = rnd.nextInt(KEYS + 1);
                    final byte[] m = member(rnd, universe);
                    final boolean present = set(k).contains(ByteBuffer.wrap(m));
                    final int moved = !present ? 0 : d == k ? SetStoreOps.SMOVE_FOUND
                        : SetStoreOps.SMOVE_FOUND | SetStoreOps.SMOVE_REMOVED
                            | (set(d).contains(ByteBuffer.wrap(m)) ? 0 : SetStoreOps.SMOVE_ADDED);
                    assertThat(SetStoreOps.smove(ks, key, key(d), m)).as(where).isEqualTo(moved);
                    if (present && d != k) {
                        set(k).remove(ByteBuffer.wrap(m));
                        set(d).add(ByteBuffer.wrap(m));
                    }
                }
                case 10, 11 -> {
                    final byte[][] keys = keys(rnd, true);
                    final SetStoreOps.Op o = SetStoreOps.Op.values()[rnd.nextInt(3)];
                    if (hasString(keys)) {
                        assertThatThrownBy(() -> SetStoreOps.combine(ks, o, keys)).as(where)
                            .isInstanceOf(KvException.class);
                    } else {
                        assertThat(asSet(SetStoreOps.combine(ks, o, keys))).as(where).isEqualTo(expected(o, keys));
                    }
                }
                case 12 -> {
                    final byte[][] keys = keys(rnd, false);
                    final SetStoreOps.Op o = SetStoreOps.Op.values()[rnd.nextInt(3)];
                    final Set<ByteBuffer> result = expected(o, keys);
                    final boolean modified = !result.isEmpty() || !set(k).isEmpty();
                    assertThat(SetStoreOps.combineStore(ks, o, key, keys)).as(where)
                        .isEqualTo(new Written<>((long) result.size(), modified));
                    model.put(k, result);
                }
                default -> {
                    final byte[][] keys = keys(rnd, false);
                    final long limit = rnd.nextInt(4);
                    final long size = expected(SetStoreOps.Op.INTER, keys).size();
                    assertThat(SetStoreOps.sintercard(ks, keys, limit)).as(where)
                        .isEqualTo(limit == 0 ? size : Math.min(limit, size));
                }
            }
            if (step % 97 == 0) {
                checkSizes();
                checkScan(key, set(k), where);
            }
        }
        checkSizes();
    }

    /** A full SSCAN returns every member at least once and nothing else. */
    private void checkScan(final byte[] key, final Set<ByteBuffer> members, final String where) {
        final Set<ByteBuffer> seen = new HashSet<>();
        long cursor = 0;
        do {
            final SScanResult r = SetOps.sscan(ks, key, cursor, null, 7);
            for (final byte[] m : r.members()) {
                seen.add(ByteBuffer.wrap(m));
            }
            cursor = r.cursor();
        } while (cursor != 0);
        assertThat(seen).as(where).isEqualTo(members);
    }

    @Test
    void shouldKeepTheScanGuaranteeWhileTheTableResizes() {
        final Random rnd = new Random(5);
        final MemberSet set = new MemberSet();
        final Set<String> stable = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            final String m = "stable" + i;
            set.add(m.getBytes(StandardCharsets.UTF_8));
            stable.add(m);
        }
        final Set<String> seen = new HashSet<>();
        final List<byte[]> churn = new ArrayList<>();
        long cursor = 0;
        int calls = 0;
        do {
            cursor = set.scan(cursor, m -> seen.add(new String(m, StandardCharsets.UTF_8)));
            // Grow to several times the size, then shrink back, between calls.
            if (calls < 40) {
                for (int i = 0; i < 50; i++) {
                    final byte[] m = ("churn" + rnd.nextLong()).getBytes(StandardCharsets.UTF_8);
                    set.add(m);
                    churn.add(m);
                }
            } else {
                while (!churn.isEmpty()) {
                    set.remove(churn.remove(churn.size() - 1));
                }
            }
            calls++;
        } while (cursor != 0 && calls < 100_000);
        assertThat(cursor).isZero();
        assertThat(seen).containsAll(stable);
        assertThat(set.size()).isEqualTo(300 + churn.size());
    }

    @Test
    void shouldPickAndPopUniformly() {
        final MemberSet set = new MemberSet();
        for (int i = 0; i < 8; i++) {
            set.add(new byte[] {(byte) i});
        }
        // Removing and re-adding moves members around the dense array; picks must stay uniform.
        set.remove(new byte[] {2});
        set.remove(new byte[] {5});
        set.add(new byte[] {2});
        set.add(new byte[] {5});
        final Random rnd = new Random(11);
        final int[] picks = new int[8];
        for (int i = 0; i < 80_000; i++) {
            picks[set.random(rnd)[0]]++;
        }
        for (final int p : picks) {
            assertThat(p).isBetween(9_000, 11_000);
        }
        final int[] firstPops = new int[8];
        for (int round = 0; round < 8_000; round++) {
            final MemberSet copy = set.copy();
            firstPops[copy.pop(rnd)[0]]++;
            assertThat(copy.size()).isEqualTo(7);
        }
        for (final int p : firstPops) {
            assertThat(p).isBetween(850, 1_150);
        }
        assertThat(set.pop(rnd)).isNotNull();
        assertThat(new MemberSet().pop(rnd)).isNull();
        assertThat(new MemberSet().random(rnd)).isNull();
    }

    @Test
    void shouldShrinkAndStillFindEveryMember() {
        final MemberSet set = new MemberSet();
        for (int i = 0; i < 10_000; i++) {
            assertThat(set.add(("m" + i).getBytes(StandardCharsets.UTF_8))).isTrue();
        }
        for (int i = 0; i < 9_990; i++) {
            assertThat(set.remove(("m" + i).getBytes(StandardCharsets.UTF_8))).isTrue();
        }
        assertThat(set.size()).isEqualTo(10);
        final Set<String> left = new HashSet<>();
        set.forEach(m -> left.add(new String(m, StandardCharsets.UTF_8)));
        assertThat(left).hasSize(10).allMatch(m -> set.contains(m.getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < set.size(); i++) {
            assertThat(left).contains(new String(set.memberAt(i), StandardCharsets.UTF_8));
        }
        assertThat(set.contains("m0".getBytes(StandardCharsets.UTF_8))).isFalse();
    }
}
