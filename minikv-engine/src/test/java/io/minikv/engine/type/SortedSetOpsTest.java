package io.minikv.engine.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.KvError;
import io.minikv.api.KvException;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.LexBound;
import io.minikv.api.RankScore;
import io.minikv.api.ScoreBound;
import io.minikv.api.ScoredMember;
import io.minikv.api.ZAddArgs;
import io.minikv.api.ZScanResult;

/** Sorted-set single-key commands through the embedded store, with Redis 7's results and error texts. */
class SortedSetOpsTest {
    private final KvStore store = MiniKv.open(KvOptions.defaults());

    @AfterEach
    void close() {
        store.close();
    }

    static byte[] b(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(final byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Renders pairs as Redis-cli's WITHSCORES list, e.g. "a 1 b 2". */
    static String pairs(final List<ScoredMember> list) {
        final StringBuilder out = new StringBuilder();
        for (final ScoredMember m : list) {
            if (out.length() > 0) {
                out.append(' ');
            }
            final double d = m.score();
            out.append(s(m.member())).append(' ')
                .append(d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d));
        }
        return out.toString();
    }

    private void abcde() {
        store.zadd(b("z"), ZAddArgs.PLAIN, List.of(new ScoredMember(b("a"), 1), new ScoredMember(b("b"), 2),
            new ScoredMember(b("c"), 3), new ScoredMember(b("d"), 4), new ScoredMember(b("e"), 5)));
    }

    private static ZAddArgs args(final String options) {
        final List<String> o = Arrays.asList(options.split(" "));
        return new ZAddArgs(o.contains("NX"), o.contains("XX"), o.contains("GT"), o.contains("LT"),
            o.contains("CH"));
    }

    @Test
    void shouldMatchRedisZaddOptionMatrix() throws IOException {
        final String text;
        try (InputStream in = getClass().getResourceAsStream("/zset/zadd-matrix.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int checked = 0;
        for (final String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            final String[] f = line.split(";");
            store.del(b("zm"));
            store.zadd(b("zm"), 1, b("other"));
            if (f[1].equals("existing")) {
                store.zadd(b("zm"), 5, b("m"));
            }
            final ZAddArgs a = args(f[0]);
            final double v = Double.parseDouble(f[2]);
            final String reply;
            if (f[0].contains("INCR")) {
                final Double r = store.zaddIncr(b("zm"), a, v, b("m"));
                reply = r == null ? "(nil)" : "\"" + (long) r.doubleValue() + "\"";
            } else {
                reply = "(integer) " + store.zadd(b("zm"), a, List.of(new ScoredMember(b("m"), v)));
            }
            assertThat(reply).as(line).isEqualTo(f[3]);
            final Double score = store.zscore(b("zm"), b("m"));
            assertThat(score == null ? "(nil)" : "\"" + (long) score.doubleValue() + "\"").as(line).isEqualTo(f[4]);
            assertThat("(integer) " + store.zcard(b("zm"))).as(line).isEqualTo(f[5]);
            checked++;
        }
        assertThat(checked).isEqualTo(168);
    }

    @Test
    void shouldRejectIncompatibleZaddOptions() {
        assertThatThrownBy(() -> new ZAddArgs(true, true, false, false, false))
            .hasMessage("ERR XX and NX options at the same time are not compatible");
        assertThatThrownBy(() -> new ZAddArgs(true, false, true, false, false))
            .hasMessage("ERR GT, LT, and/or NX options at the same time are not compatible");
        assertThatThrownBy(() -> new ZAddArgs(false, false, true, true, false))
            .hasMessage("ERR GT, LT, and/or NX options at the same time are not compatible");
        assertThatThrownBy(() -> new ZAddArgs(true, false, false, true, false))
            .hasMessage("ERR GT, LT, and/or NX options at the same time are not compatible");
    }

    @Test
    void shouldNotCreateKeyForXxOrRejectedPairs() {
        assertThat(store.zadd(b("k"), new ZAddArgs(false, true, false, false, false),
            List.of(new ScoredMember(b("m"), 1)))).isZero();
        assertThat(store.exists(b("k"))).isZero();
        assertThat(store.zaddIncr(b("k"), new ZAddArgs(false, true, false, false, false), 1, b("m"))).isNull();
        assertThat(store.exists(b("k"))).isZero();
        assertThatThrownBy(() -> store.zadd(b("k"), Double.NaN, b("m"))).hasMessage("ERR value is not a valid float");
        assertThat(store.exists(b("k"))).isZero();
        assertThatThrownBy(() -> store.zadd(b("k"), ZAddArgs.PLAIN,
            List.of(new ScoredMember(b("m"), 1), new ScoredMember(b("n"), Double.NaN))))
            .hasMessage("ERR value is not a valid float");
        assertThat(store.exists(b("k"))).isZero();
    }

    @Test
    void shouldCountAddsAndChangesWithRepeatedMembers() {
        assertThat(store.zadd(b("z"), ZAddArgs.PLAIN, List.of(new ScoredMember(b("a"), 1),
            new ScoredMember(b("a"), 2), new ScoredMember(b("b"), 3)))).isEqualTo(2);
        assertThat(store.zscore(b("z"), b("a"))).isEqualTo(2.0);
        assertThat(store.zadd(b("z"), new ZAddArgs(false, false, false, false, true), List.of(
            new ScoredMember(b("a"), 5), new ScoredMember(b("b"), 3), new ScoredMember(b("c"), 0)))).isEqualTo(2);
    }

    @Test
    void shouldIncrementAndRejectNaNResults() {
        assertThat(store.zincrby(b("z"), 2.5, b("m"))).isEqualTo(2.5);
        assertThat(store.zincrby(b("z"), -1, b("m"))).isEqualTo(1.5);
        assertThat(store.zincrby(b("z"), Double.POSITIVE_INFINITY, b("m"))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> store.zincrby(b("z"), Double.NEGATIVE_INFINITY, b("m")))
            .hasMessage("ERR resulting score is not a number (NaN)");
        assertThatThrownBy(() -> store.zaddIncr(b("z"), ZAddArgs.PLAIN, Double.NEGATIVE_INFINITY, b("m")))
            .isInstanceOf(KvException.class).hasMessage(KvError.SCORE_NAN.text());
        assertThat(store.zscore(b("z"), b("m"))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> store.zincrby(b("z"), Double.NaN, b("m"))).hasMessage("ERR value is not a valid float");
        assertThat(store.zincrby(b("z2"), -0.0, b("m"))).isEqualTo(0.0);
        assertThat(Double.doubleToRawLongBits(store.zscore(b("z2"), b("m")))).isZero();
    }

    @Test
    void shouldRemoveScoreAndDeleteEmptiedKey() {
        abcde();
        assertThat(store.zrem(b("z"), b("a"), b("a"), b("x"))).isEqualTo(1);
        assertThat(store.zscore(b("z"), b("a"))).isNull();
        assertThat(store.zscore(b("nokey"), b("a"))).isNull();
        assertThat(store.zmscore(b("z"), b("b"), b("x"), b("e"))).containsExactly(2.0, null, 5.0);
        assertThat(store.zmscore(b("nokey"), b("b"))).containsExactly((Double) null);
        assertThat(store.zcard(b("z"))).isEqualTo(4);
        assertThat(store.zcard(b("nokey"))).isZero();
        assertThat(store.zrem(b("z"), b("b"), b("c"), b("d"), b("e"))).isEqualTo(4);
        assertThat(store.exists(b("z"))).isZero();
        assertThat(store.zrem(b("z"), b("b"))).isZero();
    }

    @Test
    void shouldCountByScoreAndLex() {
        abcde();
        assertThat(store.zcount(b("z"), ScoreBound.exclusive(1), ScoreBound.POS_INF)).isEqualTo(4);
        assertThat(store.zcount(b("z"), ScoreBound.inclusive(3), ScoreBound.inclusive(1))).isZero();
        assertThat(store.zcount(b("z"), ScoreBound.inclusive(2), ScoreBound.exclusive(2))).isZero();
        assertThat(store.zcount(b("z"), ScoreBound.inclusive(2), ScoreBound.inclusive(2))).isEqualTo(1);
        assertThat(store.zcount(b("nokey"), ScoreBound.NEG_INF, ScoreBound.POS_INF)).isZero();
        assertThat(store.zlexcount(b("z"), LexBound.exclusive(b("a")), LexBound.inclusive(b("c")))).isEqualTo(2);
        assertThat(store.zlexcount(b("z"), LexBound.MIN, LexBound.MAX)).isEqualTo(5);
        assertThat(store.zlexcount(b("z"), LexBound.MAX, LexBound.MIN)).isZero();
        assertThat(store.zlexcount(b("z"), LexBound.inclusive(b("b")), LexBound.exclusive(b("b")))).isZero();
        assertThatThrownBy(() -> ScoreBound.inclusive(Double.NaN)).hasMessage("ERR min or max is not a float");
    }

    @Test
    void shouldRankWithAndWithoutScores() {
        abcde();
        assertThat(store.zrank(b("z"), b("c"))).isEqualTo(2);
        assertThat(store.zrevrank(b("z"), b("c"))).isEqualTo(2);
        assertThat(store.zrank(b("z"), b("a"))).isZero();
        assertThat(store.zrevrank(b("z"), b("a"))).isEqualTo(4);
        assertThat(store.zrank(b("z"), b("x"))).isNull();
        assertThat(store.zrank(b("nokey"), b("x"))).isNull();
        assertThat(store.zrankWithScore(b("z"), b("d"), false)).isEqualTo(new RankScore(3, 4));
        assertThat(store.zrankWithScore(b("z"), b("d"), true)).isEqualTo(new RankScore(1, 4));
        assertThat(store.zrankWithScore(b("z"), b("x"), true)).isNull();
    }

    @Test
    void shouldPopAndDeleteEmptiedKey() {
        abcde();
        assertThat(pairs(store.zpopmin(b("z"), 1))).isEqualTo("a 1");
        assertThat(pairs(store.zpopmax(b("z"), 2))).isEqualTo("e 5 d 4");
        assertThat(pairs(store.zpopmin(b("z"), 0))).isEmpty();
        assertThatThrownBy(() -> store.zpopmin(b("z"), -1)).hasMessage("ERR value is out of range, must be positive");
        assertThat(pairs(store.zpopmin(b("z"), 10))).isEqualTo("b 2 c 3");
        assertThat(store.exists(b("z"))).isZero();
        assertThat(store.zpopmax(b("z"), 1)).isEmpty();
    }

    @Test
    void shouldMpopFromFirstNonEmptyKey() {
        abcde();
        assertThat(store.zmpop(false, 1, b("none"), b("z"))).satisfies(r -> {
            assertThat(s(r.key())).isEqualTo("z");
            assertThat(pairs(r.members())).isEqualTo("a 1");
        });
        assertThat(pairs(store.zmpop(true, 10, b("z")).members())).isEqualTo("e 5 d 4 c 3 b 2");
        assertThat(store.zmpop(true, 1, b("z"), b("none"))).isNull();
        assertThatThrownBy(() -> store.zmpop(true, 0, b("z"))).hasMessage("ERR count should be greater than 0");
        store.set(b("str"), b("v"));
        assertThatThrownBy(() -> store.zmpop(true, 1, b("none"), b("str")))
            .hasMessage(KvError.WRONGTYPE.text());
    }

    @Test
    void shouldPickRandomMembers() {
        abcde();
        final Set<String> all = Set.of("a", "b", "c", "d", "e");
        assertThat(all).contains(s(store.zrandmember(b("z")).member()));
        assertThat(store.zrandmember(b("nokey"))).isNull();
        assertThat(store.zrandmember(b("nokey"), 5)).isEmpty();
        assertThat(store.zrandmember(b("z"), 0)).isEmpty();
        // A count reaching the size returns the whole set, highest first, as Redis 7.0 does.
        assertThat(pairs(store.zrandmember(b("z"), 9))).isEqualTo("e 5 d 4 c 3 b 2 a 1");
        for (int round = 0; round < 50; round++) {
            final List<ScoredMember> three = store.zrandmember(b("z"), 3);
            final Set<String> distinct = new HashSet<>();
            three.forEach(m -> distinct.add(s(m.member())));
            assertThat(distinct).hasSize(3).isSubsetOf(all);
            final List<ScoredMember> repeated = store.zrandmember(b("z"), -20);
            assertThat(repeated).hasSize(20);
            repeated.forEach(m -> assertThat(all).contains(s(m.member())));
        }
        assertThatThrownBy(() -> store.zrandmember(b("z"), Long.MIN_VALUE)).hasMessage(
            "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
        // Repeats are capped (Redis would build the reply until memory runs out); a missing key stays empty.
        assertThatThrownBy(() -> store.zrandmember(b("z"), -16_777_217)).hasMessage(KvError.VALUE_OUT_OF_RANGE.text());
        assertThat(store.zrandmember(b("nokey"), -Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void shouldRemoveRanges() {
        abcde();
        assertThat(store.zremrangebyrank(b("z"), -1, -1)).isEqualTo(1);
        assertThat(store.zremrangebyrank(b("z"), 5, 10)).isZero();
        assertThat(store.zremrangebyscore(b("z"), ScoreBound.exclusive(3), ScoreBound.POS_INF)).isEqualTo(1);
        assertThat(store.zremrangebylex(b("z"), LexBound.MIN, LexBound.exclusive(b("b")))).isEqualTo(1);
        assertThat(pairs(store.zrange(b("z"), 0, -1))).isEqualTo("b 2 c 3");
        assertThat(store.zremrangebyrank(b("z"), 0, -1)).isEqualTo(2);
        assertThat(store.exists(b("z"))).isZero();
        assertThat(store.zremrangebyscore(b("z"), ScoreBound.NEG_INF, ScoreBound.POS_INF)).isZero();
    }

    @Test
    void shouldAnswerZqueryAsTheBook() {
        store.zadd(b("k"), 10, b("a"));
        store.zadd(b("k"), 20, b("b"));
        store.zadd(b("k"), 20, b("c"));
        store.zadd(b("k"), 30, b("d"));
        assertThat(pairs(store.zquery(b("k"), 20, b("c"), 0, 2))).isEqualTo("c 20");
        assertThat(pairs(store.zquery(b("k"), 10, b("a"), 1, 4))).isEqualTo("b 20 c 20");
        assertThat(pairs(store.zquery(b("k"), 10, b("a"), 1, 3))).isEqualTo("b 20 c 20");
        assertThat(pairs(store.zquery(b("k"), 10, b("a"), 0, 1))).isEqualTo("a 10");
        assertThat(pairs(store.zquery(b("k"), 15, b("a"), -1, 100))).isEqualTo("a 10 b 20 c 20 d 30");
        assertThat(store.zquery(b("k"), 15, b("a"), -2, 100)).isEmpty();
        assertThat(store.zquery(b("k"), 40, b("a"), -1, 100)).isEmpty();
        assertThat(store.zquery(b("k"), 10, b("a"), 0, 0)).isEmpty();
        assertThat(store.zquery(b("k"), 10, b("a"), 0, -5)).isEmpty();
        assertThat(store.zquery(b("nokey"), 10, b("a"), 0, 10)).isEmpty();
        assertThatThrownBy(() -> store.zquery(b("k"), Double.NaN, b("a"), 0, 2))
            .hasMessage("ERR value is not a valid float");
    }

    @Test
    void shouldScanSmallSetsWholeAndLargeSetsCompletely() {
        abcde();
        final ZScanResult small = store.zscan(b("z"), 0, null, 1);
        assertThat(small.cursor()).isZero();
        assertThat(pairs(small.members())).isEqualTo("a 1 b 2 c 3 d 4 e 5");
        assertThat(pairs(store.zscan(b("z"), 0, b("[bd]"), 10).members())).isEqualTo("b 2 d 4");
        assertThat(store.zscan(b("nokey"), 0, null, 10).members()).isEmpty();
        final List<ScoredMember> big = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            big.add(new ScoredMember(b("m" + i), i));
        }
        store.zadd(b("big"), ZAddArgs.PLAIN, big);
        final Set<String> seen = new HashSet<>();
        long cursor = 0;
        int calls = 0;
        do {
            final ZScanResult r = store.zscan(b("big"), cursor, b("m1*"), 10);
            r.members().forEach(m -> {
                assertThat(m.score()).isEqualTo(Double.parseDouble(s(m.member()).substring(1)));
                seen.add(s(m.member()));
            });
            cursor = r.cursor();
            calls++;
        } while (cursor != 0);
        assertThat(calls).isGreaterThan(1);
        assertThat(seen).hasSize(111).allMatch(m -> m.startsWith("m1"));
    }
}
