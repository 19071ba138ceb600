package io.minikv.engine.type;

import static io.minikv.engine.type.SortedSetOpsTest.b;
import static io.minikv.engine.type.SortedSetOpsTest.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.ExpireCondition;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.SScanResult;
import io.minikv.api.ScoredMember;
import io.minikv.api.ZAddArgs;
import io.minikv.engine.ManualClock;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.memory.MemoryBudget;

/** Set commands through the embedded store (and the engine directly, for seeded randomness), with Redis 7 results. */
class SetOpsTest {
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    private final KvStore store = MiniKv.open(KvOptions.defaults());
    private final Keyspace ks = new Keyspace(0, 64, new MemoryBudget(0), new ManualClock(1_700_000_000_000L));

    @AfterEach
    void close() {
        store.close();
        ks.flush();
    }

    /** The members as sorted strings, so unordered replies compare exactly. */
    static List<String> sorted(final List<byte[]> members) {
        final List<String> out = new ArrayList<>();
        for (final byte[] m : members) {
            out.add(s(m));
        }
        out.sort(null);
        return out;
    }

    private static byte[][] bs(final String... members) {
        final byte[][] out = new byte[members.length][];
        for (int i = 0; i < members.length; i++) {
            out[i] = b(members[i]);
        }
        return out;
    }

    private void wrongTypeKey() {
        store.set(b("str"), b("v"));
    }

    // ------------------------------------------------------------------------------------------------ SADD SREM

    @Test
    void shouldCountOnlyNewMembersOnSadd() {
        assertThat(store.sadd(b("s"), b("a"))).isEqualTo(1);
        assertThat(store.sadd(b("s"), bs("b", "c", "a", "b"))).isEqualTo(2);
        assertThat(store.sadd(b("s"), b("a"))).isZero();
        assertThat(store.scard(b("s"))).isEqualTo(3);
        assertThat(sorted(store.smembers(b("s")))).containsExactly("a", "b", "c");
    }

    @Test
    void shouldKeepBinaryAndEmptyMembersApart() {
        final byte[] zero = {0};
        final byte[] zeroZero = {0, 0};
        final byte[] high = {(byte) 0xff, 0, '\r', '\n'};
        assertThat(store.sadd(b("s"), new byte[0], zero, zeroZero, high)).isEqualTo(4);
        assertThat(store.sismember(b("s"), new byte[0])).isTrue();
        assertThat(store.sismember(b("s"), new byte[] {0, 0, 0})).isFalse();
        assertThat(store.sismember(b("s"), high.clone())).isTrue();
        assertThat(store.srem(b("s"), zero.clone())).isEqualTo(1);
        assertThat(store.sismember(b("s"), zeroZero)).isTrue();
        assertThat(store.scard(b("s"))).isEqualTo(3);
    }

    @Test
    void shouldDeleteTheKeyWithItsLastMember() {
        store.sadd(b("s"), bs("a", "b"));
        assertThat(store.srem(b("s"), bs("a", "zz"))).isEqualTo(1);
        assertThat(store.exists(b("s"))).isEqualTo(1);
        assertThat(store.srem(b("s"), bs("b", "b"))).isEqualTo(1);
        assertThat(store.exists(b("s"))).isZero();
        assertThat(store.srem(b("s"), b("a"))).isZero();
        assertThat(store.srem(b("nosuch"), b("a"))).isZero();
    }

    @Test
    void shouldRejectOtherTypesEverywhere() {
        wrongTypeKey();
        assertThatThrownBy(() -> store.sadd(b("str"), b("a"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.srem(b("str"), b("a"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.smembers(b("str"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.sismember(b("str"), b("a"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.smismember(b("str"), b("a"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.scard(b("str"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.spop(b("str"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.spop(b("str"), 0)).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.srandmember(b("str"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.srandmember(b("str"), 0)).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.sscan(b("str"), 0, null, 10)).hasMessage(WRONGTYPE);
        assertThat(store.get(b("str"))).isEqualTo(b("v"));
        store.sadd(b("s"), b("a"));
        assertThatThrownBy(() -> store.get(b("s"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.zadd(b("s"), 1, b("a"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.incrby(b("s"), 1)).hasMessage(WRONGTYPE);
    }

    @Test
    void shouldRejectNullsAndEmptyMemberLists() {
        assertThatThrownBy(() -> store.sadd(b("s"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.srem(b("s"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.sadd(null, b("a"))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.sadd(b("s"), (byte[]) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.sinter()).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.exists(b("s"))).isZero();
    }

    // ------------------------------------------------------------------------------------------------ reads

    @Test
    void shouldAnswerMembershipPerMember() {
        store.sadd(b("s"), bs("a", "b"));
        assertThat(store.sismember(b("s"), b("a"))).isTrue();
        assertThat(store.sismember(b("s"), b("c"))).isFalse();
        assertThat(store.sismember(b("nosuch"), b("a"))).isFalse();
        assertThat(store.smismember(b("s"), bs("b", "zz", "a", "b"))).containsExactly(true, false, true, true);
        assertThat(store.smismember(b("nosuch"), bs("a", "b"))).containsExactly(false, false);
        assertThat(store.smembers(b("nosuch"))).isEmpty();
        assertThat(store.scard(b("nosuch"))).isZero();
    }

    // ------------------------------------------------------------------------------------------------ SPOP

    @Test
    void shouldPopSeededMembersDeterministically() {
        SetOps.sadd(ks, b("s"), bs("a", "b", "c", "d", "e"));
        final List<byte[]> first = SetOps.spop(ks, b("s"), 2, new Random(42));
        SetOps.srem(ks, b("s"), bs("a", "b", "c", "d", "e"));
        SetOps.sadd(ks, b("s"), bs("a", "b", "c", "d", "e"));
        final List<byte[]> again = SetOps.spop(ks, b("s"), 2, new Random(42));
        assertThat(sorted(again)).isEqualTo(sorted(first)).hasSize(2).doesNotHaveDuplicates();
        assertThat(SetOps.scard(ks, b("s"))).isEqualTo(3);
        for (final byte[] m : first) {
            assertThat(SetOps.smismember(ks, b("s"), new byte[][] {m})[0]).isFalse();
        }
    }

    @Test
    void shouldPopEverythingAndDeleteWhenCountReachesTheSize() {
        store.sadd(b("s"), bs("a", "b", "c"));
        assertThat(store.spop(b("s"), 0)).isEmpty();
        assertThat(store.scard(b("s"))).isEqualTo(3);
        assertThat(sorted(store.spop(b("s"), 3))).containsExactly("a", "b", "c");
        assertThat(store.exists(b("s"))).isZero();
        store.sadd(b("s"), bs("a", "b"));
        assertThat(sorted(store.spop(b("s"), Long.MAX_VALUE))).containsExactly("a", "b");
        assertThat(store.exists(b("s"))).isZero();
    }

    @Test
    void shouldPopSingleMembers() {
        assertThat(store.spop(b("nosuch"))).isNull();
        assertThat(store.spop(b("nosuch"), 5)).isEmpty();
        store.sadd(b("s"), bs("a", "b"));
        final Set<String> seen = new HashSet<>();
        seen.add(s(store.spop(b("s"))));
        assertThat(store.scard(b("s"))).isEqualTo(1);
        seen.add(s(store.spop(b("s"))));
        assertThat(seen).containsExactlyInAnyOrder("a", "b");
        assertThat(store.exists(b("s"))).isZero();
        assertThat(store.spop(b("s"))).isNull();
    }

    @Test
    void shouldRejectNegativePopCounts() {
        store.sadd(b("s"), b("a"));
        assertThatThrownBy(() -> store.spop(b("s"), -1)).hasMessage("ERR value is out of range, must be positive");
        assertThatThrownBy(() -> store.spop(b("nosuch"), Long.MIN_VALUE))
            .hasMessage("ERR value is out of range, must be positive");
        assertThat(store.scard(b("s"))).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------------ SRANDMEMBER

    @Test
    void shouldPickDistinctMembersForPositiveCounts() {
        SetOps.sadd(ks, b("s"), bs("a", "b", "c", "d", "e", "f", "g", "h"));
        for (int seed = 0; seed < 50; seed++) {
            final List<byte[]> picked = SetOps.srandmember(ks, b("s"), 5, new Random(seed));
            assertThat(sorted(picked)).hasSize(5).doesNotHaveDuplicates();
            assertThat(sorted(SetOps.srandmember(ks, b("s"), 5, new Random(seed)))).isEqualTo(sorted(picked));
        }
        assertThat(sorted(SetOps.srandmember(ks, b("s"), 8, new Random(1))))
            .containsExactly("a", "b", "c", "d", "e", "f", "g", "h");
        assertThat(sorted(SetOps.srandmember(ks, b("s"), 100, new Random(1)))).hasSize(8);
        assertThat(SetOps.scard(ks, b("s"))).isEqualTo(8);
    }

    @Test
    void shouldRepeatMembersForNegativeCounts() {
        store.sadd(b("s"), b("x"));
        assertThat(sorted(store.srandmember(b("s"), -3))).containsExactly("x", "x", "x");
        SetOps.sadd(ks, b("s"), bs("a", "b"));
        final List<byte[]> many = SetOps.srandmember(ks, b("s"), -1000, new Random(7));
        assertThat(many).hasSize(1000);
        assertThat(new HashSet<>(sorted(many))).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void shouldAnswerRandmemberEdgeCases() {
        assertThat(store.srandmember(b("nosuch"))).isNull();
        assertThat(store.srandmember(b("nosuch"), 3)).isEmpty();
        assertThat(store.srandmember(b("nosuch"), -3)).isEmpty();
        store.sadd(b("s"), bs("a", "b"));
        assertThat(store.srandmember(b("s"), 0)).isEmpty();
        assertThat(s(store.srandmember(b("s")))).isIn("a", "b");
        assertThatThrownBy(() -> store.srandmember(b("s"), Long.MIN_VALUE)).hasMessage(
            "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
        assertThatThrownBy(() -> store.srandmember(b("s"), -SetOps.MAX_RANDOM_REPEATS - 1))
            .hasMessage("ERR value is out of range");
        assertThat(store.srandmember(b("s"), Long.MAX_VALUE)).hasSize(2);
        assertThat(store.scard(b("s"))).isEqualTo(2);
    }

    // ------------------------------------------------------------------------------------------------ SSCAN

    @Test
    void shouldScanSmallSetsWholeAndFilter() {
        store.sadd(b("s"), bs("a1", "a2", "b1", ""));
        final SScanResult all = store.sscan(b("s"), 0, null, 1);
        assertThat(all.cursor()).isZero();
        assertThat(sorted(all.members())).containsExactly("", "a1", "a2", "b1");
        assertThat(sorted(store.sscan(b("s"), 0, b("*"), 10).members())).containsExactly("", "a1", "a2", "b1");
        assertThat(sorted(store.sscan(b("s"), 0, b("a*"), 10).members())).containsExactly("a1", "a2");
        assertThat(store.sscan(b("nosuch"), 0, null, 10)).isEqualTo(new SScanResult(0, List.of()));
        assertThatThrownBy(() -> store.sscan(b("s"), 0, null, 0)).hasMessage("ERR syntax error");
    }

    @Test
    void shouldScanLargeSetsByCursorExactlyOnceWhenUnchanged() {
        final int n = 1000;
        for (int i = 0; i < n; i++) {
            store.sadd(b("big"), b("m" + i));
        }
        final List<String> seen = new ArrayList<>();
        long cursor = 0;
        int calls = 0;
        do {
            final SScanResult r = store.sscan(b("big"), cursor, null, 10);
            seen.addAll(sorted(r.members()));
            cursor = r.cursor();
            calls++;
        } while (cursor != 0);
        assertThat(calls).isGreaterThan(10);
        assertThat(seen).hasSize(n).doesNotHaveDuplicates();
        long matched = 0;
        cursor = 0;
        do {
            final SScanResult r = store.sscan(b("big"), cursor, b("m9?"), 50);
            matched += r.members().size();
            cursor = r.cursor();
        } while (cursor != 0);
        assertThat(matched).isEqualTo(10);
    }

    // ------------------------------------------------------------------------------------------------ SMOVE

    @Test
    void shouldMoveMembersBetweenSets() {
        store.sadd(b("src"), bs("a", "b"));
        assertThat(store.smove(b("src"), b("dst"), b("a"))).isTrue();
        assertThat(sorted(store.smembers(b("dst")))).containsExactly("a");
        assertThat(store.smove(b("src"), b("dst"), b("zz"))).isFalse();
        assertThat(store.smove(b("src"), b("dst"), b("b"))).isTrue();
        assertThat(store.exists(b("src"))).isZero();
        assertThat(sorted(store.smembers(b("dst")))).containsExactly("a", "b");
        store.sadd(b("src"), b("a"));
        assertThat(store.smove(b("src"), b("dst"), b("a"))).isTrue();
        assertThat(store.scard(b("dst"))).isEqualTo(2);
        assertThat(store.exists(b("src"))).isZero();
    }

    @Test
    void shouldMoveWithinOneKeyAsAMembershipTest() {
        store.sadd(b("s"), b("a"));
        assertThat(store.smove(b("s"), b("s"), b("a"))).isTrue();
        assertThat(store.smove(b("s"), b("s"), b("zz"))).isFalse();
        assertThat(sorted(store.smembers(b("s")))).containsExactly("a");
    }

    @Test
    void shouldCheckSmoveTypesInRedisOrder() {
        wrongTypeKey();
        assertThat(store.smove(b("nosuch"), b("str"), b("a"))).isFalse();
        store.sadd(b("s"), b("a"));
        assertThatThrownBy(() -> store.smove(b("s"), b("str"), b("zz"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.smove(b("str"), b("s"), b("a"))).hasMessage(WRONGTYPE);
        assertThat(store.scard(b("s"))).isEqualTo(1);
    }

    @Test
    void shouldCreateTheDestinationWithoutTheSourceTtl() {
        final ManualClock clock = new ManualClock(1_000_000L);
        try (KvStore timed = MiniKv.open(KvOptions.builder().clock(clock).activeExpiry(false).build())) {
            timed.sadd(b("src"), b("a"));
            timed.pexpire(b("src"), 1000, ExpireCondition.ALWAYS);
            assertThat(timed.smove(b("src"), b("dst"), b("a"))).isTrue();
            assertThat(timed.exists(b("src"))).isZero();
            assertThat(timed.pttl(b("dst"))).isEqualTo(-1);
            timed.sadd(b("src"), b("b"));
            timed.pexpire(b("src"), 1000, ExpireCondition.ALWAYS);
            clock.advance(1001);
            assertThat(timed.smove(b("src"), b("dst"), b("b"))).isFalse();
            assertThat(timed.scard(b("dst"))).isEqualTo(1);
        }
    }

    @Test
    void shouldNotConfuseSetsWithSortedSets() {
        store.zadd(b("z"), ZAddArgs.PLAIN, List.of(new ScoredMember(b("a"), 1)));
        assertThatThrownBy(() -> store.sadd(b("z"), b("a"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.sinter(b("z"))).hasMessage(WRONGTYPE);
        assertThat(store.zcard(b("z"))).isEqualTo(1);
    }
}
