package io.minikv.engine.type;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.LcsMatch;
import io.minikv.api.LcsResult;

class LcsTest {
    private static byte[] b(final String s) {
        return s.getBytes(ISO_8859_1);
    }

    /**
     * Redis 7.0's lcsCommand transcribed with its full table of lengths: the model the one-bit table must agree with.
     */
    private static final class RedisModel {
        final byte[] subsequence;
        final List<LcsMatch> matches = new ArrayList<>();
        final int length;

        RedisModel(final byte[] a, final byte[] b, final long minMatchLength) {
            final int alen = a.length;
            final int blen = b.length;
            final int[][] lcs = new int[alen + 1][blen + 1];
            for (int i = 1; i <= alen; i++) {
                for (int j = 1; j <= blen; j++) {
                    lcs[i][j] = a[i - 1] == b[j - 1] ? lcs[i - 1][j - 1] + 1 : Math.max(lcs[i - 1][j], lcs[i][j - 1]);
                }
            }
            length = lcs[alen][blen];
            subsequence = new byte[length];
            int idx = length;
            int arangeStart = alen;
            int arangeEnd = 0;
            int brangeStart = 0;
            int brangeEnd = 0;
            int i = alen;
            int j = blen;
            while (i > 0 && j > 0) {
                boolean emit = false;
                if (a[i - 1] == b[j - 1]) {
                    subsequence[idx - 1] = a[i - 1];
                    if (arangeStart == alen) {
                        arangeStart = i - 1;
                        arangeEnd = i - 1;
                        brangeStart = j - 1;
                        brangeEnd = j - 1;
                    } else if (arangeStart == i && brangeStart == j) {
                        arangeStart--;
                        brangeStart--;
                    } else {
                        emit = true;
                    }
                    if (arangeStart == 0 || brangeStart == 0) {
                        emit = true;
                    }
                    idx--;
                    i--;
                    j--;
                } else {
                    if (lcs[i - 1][j] > lcs[i][j - 1]) {
                        i--;
                    } else {
                        j--;
                    }
                    if (arangeStart != alen) {
                        emit = true;
                    }
                }
                if (emit) {
                    if (minMatchLength == 0 || arangeEnd - arangeStart + 1 >= minMatchLength) {
                        matches.add(new LcsMatch(arangeStart, arangeEnd, brangeStart, brangeEnd));
                    }
                    arangeStart = alen;
                }
            }
        }
    }

    @Test
    void shouldAnswerRedissDocumentedExample() {
        final Lcs lcs = Lcs.of(b("ohmytext"), b("mynewtext"), StringOps.MAX_STRING_LENGTH);
        assertThat(lcs.subsequence()).isEqualTo(b("mytext"));
        assertThat(lcs.length()).isEqualTo(6);
        assertThat(lcs.matches(0)).isEqualTo(new LcsResult(
            List.of(new LcsMatch(4, 7, 5, 8), new LcsMatch(2, 3, 0, 1)), 6));
        assertThat(lcs.matches(4)).isEqualTo(new LcsResult(List.of(new LcsMatch(4, 7, 5, 8)), 6));
        assertThat(lcs.matches(4).matches().get(0).length()).isEqualTo(4);
    }

    @Test
    void shouldAgreeWithRedissFullTableOnRandomStrings() {
        final SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 3_000; round++) {
            final byte[] a = randomString(random);
            final byte[] b = randomString(random);
            final long min = random.nextInt(0, 4);
            final RedisModel model = new RedisModel(a, b, min);
            final Lcs lcs = Lcs.of(a, b, StringOps.MAX_STRING_LENGTH);
            assertThat(lcs.subsequence()).as("subsequence of %s and %s", s(a), s(b)).isEqualTo(model.subsequence);
            assertThat(lcs.length()).isEqualTo(model.length);
            assertThat(lcs.matches(min)).as("matches of %s and %s, min %d", s(a), s(b), min)
                .isEqualTo(new LcsResult(model.matches, model.length));
        }
    }

    private static byte[] randomString(final SplittableRandom random) {
        // Small alphabets make long, tied subsequences: the cases where the backtrack's choices show.
        final byte[] bytes = new byte[random.nextInt(0, 40)];
        final int alphabet = random.nextInt(1, 5);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ('a' + random.nextInt(alphabet));
        }
        return bytes;
    }

    private static String s(final byte[] bytes) {
        return new String(bytes, ISO_8859_1);
    }

    @Test
    void shouldRefuseATableBeyondTheLimitAsRedisSizesIt() {
        // (3 + 1) * (2 + 1) cells of 4 bytes: 48 bytes.
        assertThat(Lcs.of(b("abc"), b("ab"), 48).length()).isEqualTo(2);
        assertThatThrownBy(() -> Lcs.of(b("abc"), b("ab"), 47))
            .hasMessage("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
    }

    @Test
    void shouldReadKeysOfTheStoreAndRefuseOtherTypes() {
        try (KvStore store = MiniKv.open(KvOptions.builder().build())) {
            store.set(b("k1"), b("ohmytext"));
            store.set(b("k2"), b("mynewtext"));
            store.rpush(b("list"), b("x"));
            assertThat(store.lcs(b("k1"), b("k2"))).isEqualTo(b("mytext"));
            assertThat(store.lcsLength(b("k1"), b("k2"))).isEqualTo(6);
            assertThat(store.lcsIdx(b("k1"), b("k2"), 3).matches()).containsExactly(new LcsMatch(4, 7, 5, 8));
            assertThat(store.lcs(b("k1"), b("missing"))).isEmpty();
            assertThat(store.lcsIdx(b("missing"), b("missing"), 0)).isEqualTo(new LcsResult(List.of(), 0));
            assertThatThrownBy(() -> store.lcs(b("list"), b("k1")))
                .hasMessage("ERR The specified keys must contain string values");
            assertThatThrownBy(() -> store.lcsLength(b("k1"), b("list")))
                .hasMessage("ERR The specified keys must contain string values");
            store.setrange(b("huge"), 11_999, b("x"));
            assertThatThrownBy(() -> store.lcsLength(b("huge"), b("huge")))
                .hasMessage("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
        }
    }
}
