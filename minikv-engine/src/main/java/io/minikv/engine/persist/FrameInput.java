package io.minikv.engine.persist;

import static io.minikv.engine.persist.SnapshotFormat.FRAME_END;
import static io.minikv.engine.persist.SnapshotFormat.FRAME_HEADER_LENGTH;
import static io.minikv.engine.persist.SnapshotFormat.FRAME_LZ4;
import static io.minikv.engine.persist.SnapshotFormat.FRAME_SIZE;
import static io.minikv.engine.persist.SnapshotFormat.FRAME_STORED;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Reads the frames of a snapshot back into the record stream, checking each frame's lengths and checksum before
 * decompressing it (with LZ4's bounds-checked decompressor). Every problem is a {@link CorruptionException} naming
 * the byte offset of the frame at fault.
 * <p>
 * Not thread-safe: one load uses one instance.
 */
final class FrameInput {
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();
    private static final int MAX_STORED = LZ4Factory.fastestInstance().fastCompressor().maxCompressedLength(FRAME_SIZE);

    private final InputStream in;
    private final byte[] header = new byte[FRAME_HEADER_LENGTH];
    private final byte[] stored = new byte[MAX_STORED];
    private final byte[] raw = new byte[FRAME_SIZE];
    private final CRC32C crc = new CRC32C();
    private int position;
    private int limit;
    private long offset;
    private boolean ended;

    /**
     * Starts reading frames.
     *
     * @param in the file, positioned after the header.
     * @param offset the file offset of the first frame.
     */
    FrameInput(final InputStream in, final long offset) {
        this.in = in;
        this.offset = offset;
    }

    /** Thrown for any content problem; the loader adds the file name. */
    static final class CorruptionException extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptionException(final String message) {
            super(message, null, false, false);
        }
    }

    byte readByte() throws IOException, CorruptionException {
        if (position == limit) {
            nextFrame();
        }
        return raw[position++];
    }

    int readInt() throws IOException, CorruptionException {
        if (limit - position >= 4) {
            final int v = (raw[position] & 0xFF) << 24 | (raw[position + 1] & 0xFF) << 16
                | (raw[position + 2] & 0xFF) << 8 | raw[position + 3] & 0xFF;
            position += 4;
            return v;
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = v << 8 | readByte() & 0xFF;
        }
        return v;
    }

    long readLong() throws IOException, CorruptionException {
        return (long) readInt() << 32 | readInt() & 0xFFFF_FFFFL;
    }

    /**
     * Reads bytes into an array, across frames as needed.
     *
     * @param dest the array.
     * @param off where to start.
     * @param len how many.
     */
    void readFully(final byte[] dest, final int off, final int len) throws IOException, CorruptionException {
        int o = off;
        int n = len;
        while (n > 0) {
            if (position == limit) {
                nextFrame();
            }
            final int chunk = Math.min(n, limit - position);
            System.arraycopy(raw, position, dest, o, chunk);
            position += chunk;
            o += chunk;
            n -= chunk;
        }
    }

    /**
     * Checks that the record stream is fully consumed and followed by the end frame and nothing else.
     */
    void expectEnd() throws IOException, CorruptionException {
        if (position != limit) {
            throw new CorruptionException((limit - position) + " unexpected bytes after the end record");
        }
        if (!ended) {
            readFrame();
            if (!ended) {
                throw new CorruptionException("data frame after the end record at byte " + offset);
            }
        }
        if (in.read() >= 0) {
            throw new CorruptionException("unexpected bytes after the end frame at byte " + offset);
        }
    }

    /**
     * Returns the file offset just past the last frame read.
     *
     * @return bytes.
     */
    long offset() {
        return offset;
    }

    private void nextFrame() throws IOException, CorruptionException {
        do {
            if (ended) {
                throw new CorruptionException("the records end early: end frame before the end record");
            }
            readFrame();
        } while (limit == 0);
    }

    private void readFrame() throws IOException, CorruptionException {
        final long frameOffset = offset;
        readExactly(header, FRAME_HEADER_LENGTH, frameOffset, true);
        final ByteBuffer h = ByteBuffer.wrap(header);
        final byte kind = h.get();
        final int rawLength = h.getInt();
        final int storedLength = h.getInt();
        final int expected = h.getInt();
        final boolean lengthsValid;
        switch (kind) {
            case FRAME_END:
                lengthsValid = rawLength == 0 && storedLength == 0;
                break;
            case FRAME_LZ4:
                lengthsValid = rawLength > 0 && rawLength <= FRAME_SIZE && storedLength > 0
                    && storedLength <= MAX_STORED;
                break;
            case FRAME_STORED:
                lengthsValid = rawLength > 0 && rawLength <= FRAME_SIZE && storedLength == rawLength;
                break;
            default:
                throw new CorruptionException("unknown frame kind " + (kind & 0xFF) + " at byte " + frameOffset);
        }
        if (!lengthsValid) {
            throw new CorruptionException("impossible frame lengths (raw " + rawLength + ", stored " + storedLength
                + ") at byte " + frameOffset);
        }
        readExactly(stored, storedLength, frameOffset, false);
        crc.reset();
        crc.update(header, 0, FRAME_HEADER_LENGTH - 4);
        crc.update(stored, 0, storedLength);
        if ((int) crc.getValue() != expected) {
            throw new CorruptionException("checksum mismatch in the frame at byte " + frameOffset);
        }
        offset += FRAME_HEADER_LENGTH + storedLength;
        position = 0;
        if (kind == FRAME_END) {
            ended = true;
            limit = 0;
        } else if (kind == FRAME_STORED) {
            System.arraycopy(stored, 0, raw, 0, rawLength);
            limit = rawLength;
        } else {
            final int n;
            try {
                n = DECOMPRESSOR.decompress(stored, 0, storedLength, raw, 0, rawLength);
            } catch (final LZ4Exception e) {
                throw new CorruptionException("undecodable LZ4 block in the frame at byte " + frameOffset);
            }
            if (n != rawLength) {
                throw new CorruptionException("the frame at byte " + frameOffset + " decodes to " + n
                    + " bytes, not " + rawLength);
            }
            limit = rawLength;
        }
    }

    private void readExactly(final byte[] dest, final int len, final long frameOffset, final boolean atFrameStart)
        throws IOException, CorruptionException {
        int n = 0;
        while (n < len) {
            final int r = in.read(dest, n, len - n);
            if (r < 0) {
                throw new CorruptionException(atFrameStart && n == 0
                    ? "truncated: the file ends at byte " + frameOffset + " without an end frame"
                    : "truncated: the file ends inside the frame at byte " + frameOffset);
            }
            n += r;
        }
    }
}
