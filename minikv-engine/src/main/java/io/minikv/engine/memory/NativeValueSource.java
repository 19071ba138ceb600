package io.minikv.engine.memory;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;

import org.agrona.BufferUtil;
import org.agrona.UnsafeAccess;

import io.minikv.api.ValueSource;
import sun.misc.Unsafe;

/**
 * The {@link ValueSource} of one chunk: its native address and capacity, and a read-only view that keeps the memory
 * mapped while the source is in use.
 * <p>
 * Copies go straight through {@code Unsafe.copyMemory} after one bounds check per side: the JDK's
 * {@code ByteBuffer.put(int, ByteBuffer, int, int)} adds read-only, scope and alignment checks that cost a fifth of a
 * cached GET.
 */
public final class NativeValueSource implements ValueSource {
    private static final Unsafe UNSAFE = UnsafeAccess.UNSAFE;

    private final long address;
    private final int capacity;
    private final ByteBuffer view;

    /**
     * Creates the source of a direct buffer.
     *
     * @param buffer the chunk's buffer.
     */
    public NativeValueSource(final ByteBuffer buffer) {
        this.address = NativeBytes.address(buffer);
        this.capacity = buffer.capacity();
        this.view = buffer.asReadOnlyBuffer();
    }

    @Override
    public byte getByte(final int index) {
        Objects.checkIndex(index, capacity);
        final byte b = UNSAFE.getByte(address + index);
        Reference.reachabilityFence(view);
        return b;
    }

    @Override
    public void getBytes(final int index, final byte[] dst, final int dstOffset, final int length) {
        Objects.checkFromIndexSize(index, length, capacity);
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        UNSAFE.copyMemory(null, address + index, dst, NativeBytes.BYTE_ARRAY_BASE + dstOffset, length);
        Reference.reachabilityFence(view);
    }

    @Override
    public void getBytes(final int index, final ByteBuffer dst, final int dstIndex, final int length) {
        Objects.checkFromIndexSize(index, length, capacity);
        Objects.checkFromIndexSize(dstIndex, length, dst.limit());
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        if (dst.isDirect()) {
            UNSAFE.copyMemory(null, address + index, null, BufferUtil.address(dst) + dstIndex, length);
        } else {
            UNSAFE.copyMemory(null, address + index, dst.array(),
                NativeBytes.BYTE_ARRAY_BASE + dst.arrayOffset() + dstIndex, length);
        }
        Reference.reachabilityFence(view);
        Reference.reachabilityFence(dst);
    }

    @Override
    public ByteBuffer byteBuffer() {
        return view;
    }
}
