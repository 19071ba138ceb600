package io.minikv.engine.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;

import org.junit.jupiter.api.Test;

class NativeBytesTest {
    @Test
    void shouldCompareEveryLengthAndSeeADifferenceAtEveryPosition() {
        final Random random = new Random(3);
        final ByteBuffer direct = ByteBuffer.allocateDirect(64);
        final long address = NativeBytes.address(direct) + 3;
        for (int length = 0; length <= 40; length++) {
            final byte[] bytes = new byte[length + 5];
            random.nextBytes(bytes);
            direct.put(3, bytes, 2, length);
            final long arrayOffset = NativeBytes.BYTE_ARRAY_BASE + 2;
            assertThat(NativeBytes.equals(null, address, bytes, arrayOffset, length)).as("length %d", length).isTrue();
            assertThat(NativeBytes.equals(bytes, arrayOffset, null, address, length)).isTrue();
            for (int at = 0; at < length; at++) {
                bytes[2 + at] ^= 0x40;
                assertThat(NativeBytes.equals(null, address, bytes, arrayOffset, length))
                    .as("length %d, difference at %d", length, at).isFalse();
                bytes[2 + at] ^= 0x40;
            }
            // Bytes just outside the range never count.
            bytes[1] ^= 1;
            bytes[2 + length] ^= 1;
            assertThat(NativeBytes.equals(null, address, bytes, arrayOffset, length)).isTrue();
        }
    }
}
