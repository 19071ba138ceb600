package io.minikv.engine.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The chunk flyweight handed to value sinks: every copy is bounded on both sides, and a destination buffer is written
 * at absolute indexes exactly as {@code ByteBuffer.put(int, ByteBuffer, int, int)} would.
 */
class NativeValueSourceTest {
    private static final byte[] TEXT = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static NativeValueSource source() {
        final ByteBuffer memory = ByteBuffer.allocateDirect(TEXT.length);
        memory.put(0, TEXT);
        return new NativeValueSource(memory);
    }

    @Test
    void shouldReadBytesWithinTheRegionOnly() {
        final NativeValueSource source = source();
        assertThat(source.getByte(0)).isEqualTo((byte) '0');
        assertThat(source.getByte(15)).isEqualTo((byte) 'f');
        assertThatThrownBy(() -> source.getByte(16)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> source.getByte(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldCopyIntoArrays() {
        final NativeValueSource source = source();
        final byte[] out = new byte[8];
        source.getBytes(10, out, 2, 6);
        assertThat(new String(out, 2, 6, StandardCharsets.US_ASCII)).isEqualTo("abcdef");
        assertThat(out[0]).isZero();
        source.getBytes(16, out, 0, 0);
        assertThatThrownBy(() -> source.getBytes(11, out, 0, 6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> source.getBytes(0, out, 3, 6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> source.getBytes(0, out, 0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> source.getBytes(-1, out, 0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldCopyIntoDirectBuffersAtAbsoluteIndexes() {
        final NativeValueSource source = source();
        final ByteBuffer out = ByteBuffer.allocateDirect(16).position(3).limit(12);
        source.getBytes(4, out, 6, 6);
        assertThat(out.position()).isEqualTo(3);
        assertThat(out.limit()).isEqualTo(12);
        final byte[] copy = new byte[6];
        out.get(6, copy);
        assertThat(new String(copy, StandardCharsets.US_ASCII)).isEqualTo("456789");
        // The range must lie below the limit, as for ByteBuffer's absolute bulk put.
        assertThatThrownBy(() -> source.getBytes(0, out, 8, 6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> source.getBytes(12, out, 0, 6)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldCopyIntoHeapBuffersThroughTheirArrayOffset() {
        final NativeValueSource source = source();
        final byte[] backing = new byte[12];
        final ByteBuffer out = ByteBuffer.wrap(backing).position(4).slice();
        source.getBytes(0, out, 1, 3);
        assertThat(new String(backing, 5, 3, StandardCharsets.US_ASCII)).isEqualTo("012");
        assertThat(backing[4]).isZero();
        assertThat(backing[8]).isZero();
    }

    @Test
    void shouldRefuseReadOnlyDestinations() {
        final NativeValueSource source = source();
        assertThatThrownBy(() -> source.getBytes(0, ByteBuffer.allocateDirect(8).asReadOnlyBuffer(), 0, 1))
            .isInstanceOf(ReadOnlyBufferException.class);
        assertThatThrownBy(() -> source.getBytes(0, ByteBuffer.allocate(8).asReadOnlyBuffer(), 0, 1))
            .isInstanceOf(ReadOnlyBufferException.class);
    }

    @Test
    void shouldExposeTheSameRegionAsAReadOnlyBuffer() {
        final ByteBuffer view = source().byteBuffer();
        assertThat(view.isReadOnly()).isTrue();
        assertThat(view.get(10)).isEqualTo((byte) 'a');
        assertThat(view.capacity()).isEqualTo(16);
    }
}
