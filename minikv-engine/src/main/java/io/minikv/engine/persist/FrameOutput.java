package io.minikv.engine.persist;

import static io.minikv.engine.persist.SnapshotFormat.FRAME_END;
import static io.minikv.engine.persist.SnapshotFormat.FRAME_HEADER_LENGTH;
import static io.minikv.engine.persist.SnapshotFormat.FRAME_LZ4;
import static io.minikv.engine.persist.SnapshotFormat.FRAME_SIZE;
import static io.minikv.engine.persist.SnapshotFormat.FRAME_STORED;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.zip.CRC32C;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * Cuts the record stream into frames of at most {@link SnapshotFormat#FRAME_SIZE} raw bytes, compresses each with LZ4
 * and writes it with its checksum. Memory is two frame buffers, whatever the snapshot's size.
 * <p>
 * Not thread-safe: one save uses one instance.
 */
final class FrameOutput {
    private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();

    private final WritableByteChannel channel;
    private final byte[] raw = new byte[FRAME_SIZE];
    private final ByteBuffer out;
    private final CRC32C crc = new CRC32C();
    private int length;
    private long written;

    FrameOutput(final WritableByteChannel channel) {
        this.channel = channel;
        this.out = ByteBuffer.allocate(FRAME_HEADER_LENGTH + COMPRESSOR.maxCompressedLength(FRAME_SIZE));
    }

    /**
     * Appends bytes of the record stream.
     *
     * @param b the bytes.
     * @param off where they start.
     * @param len how many.
     * @throws IOException when a frame cannot be written.
     */
    void write(final byte[] b, final int off, final int len) throws IOException {
        int o = off;
        int n = len;
        while (n > 0) {
            final int chunk = Math.min(n, FRAME_SIZE - length);
            System.arraycopy(b, o, raw, length, chunk);
            length += chunk;
            o += chunk;
            n -= chunk;
            if (length == FRAME_SIZE) {
                flushFrame();
            }
        }
    }

    /**
     * Writes the last data frame and the end frame.
     *
     * @throws IOException when they cannot be written.
     */
    void finish() throws IOException {
        if (length > 0) {
            flushFrame();
        }
        out.clear();
        putFrameHeader(FRAME_END, 0, 0);
        out.putInt(FRAME_HEADER_LENGTH - 4, checksum(0));
        drain();
    }

    /**
     * Returns the bytes written to the channel so far.
     *
     * @return bytes.
     */
    long written() {
        return written;
    }

    private void flushFrame() throws IOException {
        out.clear();
        final byte[] dest = out.array();
        final int compressed = COMPRESSOR.compress(raw, 0, length, dest, FRAME_HEADER_LENGTH,
            dest.length - FRAME_HEADER_LENGTH);
        final int stored;
        if (compressed < length) {
            putFrameHeader(FRAME_LZ4, length, compressed);
            stored = compressed;
        } else {
            putFrameHeader(FRAME_STORED, length, length);
            System.arraycopy(raw, 0, dest, FRAME_HEADER_LENGTH, length);
            stored = length;
        }
        out.putInt(FRAME_HEADER_LENGTH - 4, checksum(stored));
        out.position(FRAME_HEADER_LENGTH + stored);
        drain();
        length = 0;
    }

    private void putFrameHeader(final byte kind, final int rawLength, final int storedLength) {
        out.put(kind).putInt(rawLength).putInt(storedLength).putInt(0);
    }

    /** CRC32C of the header's first nine bytes and the stored bytes (the CRC field itself excluded). */
    private int checksum(final int stored) {
        crc.reset();
        crc.update(out.array(), 0, FRAME_HEADER_LENGTH - 4);
        crc.update(out.array(), FRAME_HEADER_LENGTH, stored);
        return (int) crc.getValue();
    }

    private void drain() throws IOException {
        out.flip();
        while (out.hasRemaining()) {
            written += channel.write(out);
        }
    }
}
