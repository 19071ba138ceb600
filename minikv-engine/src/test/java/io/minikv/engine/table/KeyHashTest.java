package io.minikv.engine.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.minikv.engine.memory.NativeBytes;
import net.openhft.hashing.LongHashFunction;

class KeyHashTest {
    private static final LongHashFunction LIBRARY = LongHashFunction.xx3();

    private static long hashOf(final String text) {
        return KeyHash.hash(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void matchesXxhsumVectors() {
        // `printf '%s' TEXT | xxhsum -H3` (xxHash 0.8): XXH3-64, seed 0.
        assertThat(hashOf("")).isEqualTo(0x2d06800538d394c2L);
        assertThat(hashOf("abcd")).isEqualTo(0x6497a96f53a89890L);
        assertThat(hashOf("abcdefgh")).isEqualTo(0x6f45a76842a96483L);
        assertThat(hashOf("abcdefghi")).isEqualTo(0xe0dde4fc174590a0L);
        assertThat(hashOf("0123456789abcde")).isEqualTo(0x1bba6832325beacfL);
        assertThat(hashOf("k000000000012345")).isEqualTo(0xfed5152d4f8f6f22L);
    }

    @Test
    void matchesTheLibraryOnEveryShortLengthWhereverTheKeyLives() {
        final SplittableRandom random = new SplittableRandom(42);
        final ByteBuffer direct = ByteBuffer.allocateDirect(128);
        for (int length = 0; length <= 48; length++) {
            for (int round = 0; round < 200; round++) {
                final byte[] key = new byte[length];
                random.nextBytes(key);
                final long expected = LIBRARY.hashBytes(key);
                final byte[] padded = new byte[length + 9];
                final int at = random.nextInt(10);
                System.arraycopy(key, 0, padded, at, length);
                direct.put(at, key);
                assertThat(KeyHash.hash(key)).as("byte[] of %d", length).isEqualTo(expected);
                assertThat(KeyHash.hash(padded, NativeBytes.BYTE_ARRAY_BASE + at, length))
                    .as("array slice of %d at %d", length, at).isEqualTo(expected);
                assertThat(KeyHash.hash(null, NativeBytes.address(direct) + at, length))
                    .as("native %d at %d", length, at).isEqualTo(expected);
            }
        }
    }
}
