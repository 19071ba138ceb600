package io.minikv.net.resp;

import io.minikv.api.KvError;
import io.minikv.api.ValueSink;
import io.minikv.api.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The only RESP2 encoder: every reply the server sends is written through this class, into the connection's output
 * buffer (direct, borrowed from the event loop's {@link BufferPool} while replies are pending).
 * <p>
 * Numbers are written as ASCII in place, fixed replies are copied from {@link SharedReplies}, and a value read from
 * the store is copied straight from the store's memory into the output buffer: the writer is the {@link ValueSink}
 * of the zero-copy {@code get}. Start such a read with {@link #beginValue()}, which marks where the bulk starts so
 * that a retried (optimistic) read overwrites the previous attempt.
 * <p>
 * The buffer grows as needed, up to the output limit; past it {@link OutputLimitExceeded} is thrown and the
 * connection is closed, so a client that pipelines without reading cannot make the server grow without bound.
 * <p>
 * <b>Muting.</b> While {@link #mute muted} (CLIENT REPLY OFF or SKIP), replies are encoded into a scratch buffer
 * that is overwritten as needed, so no command needs to know; the pending output stays as it was.
 * <p>
 * Owned by one connection, used by its event loop thread only.
 */
public final class ReplyWriter implements ValueSink {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] MIN_LONG = "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);

    private final BufferPool pool;
    private long limit;
    /** Where replies are written: the pending output, or the scratch buffer while muted. */
    private ByteBuffer buffer;
    private int valueMark = -1;
    private boolean muted;
    /** The pending output while muted. */
    private ByteBuffer held;
    /** The scratch buffer muted replies are written to; kept for the next time. */
    private ByteBuffer scratch;

    /**
     * Creates a writer.
     *
     * @param pool where standard buffers are borrowed from and returned to.
     * @param limit the most bytes of pending output.
     */
    public ReplyWriter(final BufferPool pool, final long limit) {
        this.pool = pool;
        this.limit = limit;
    }

    /**
     * Changes the output limit.
     *
     * @param limit the most bytes of pending output.
     */
    public void limit(final long limit) {
        this.limit = limit;
    }

    /**
     * Returns the output buffer in write mode (position = end of pending output), or null when nothing is pending.
     *
     * @return the buffer or null.
     */
    public ByteBuffer buffer() {
        return muted ? held : buffer;
    }

    /**
     * Returns the number of pending bytes.
     *
     * @return bytes written and not yet sent.
     */
    public int pending() {
        final ByteBuffer out = buffer();
        return out == null ? 0 : out.position();
    }

    /**
     * Returns the output buffer to the pool; call when everything was sent.
     */
    public void release() {
        if (muted) {
            if (held != null) {
                pool.release(held);
                held = null;
            }
        } else if (buffer != null) {
            pool.release(buffer);
            buffer = null;
        }
    }

    /**
     * Drops or resumes the replies written from now on (CLIENT REPLY); the pending output is kept either way.
     *
     * @param value true to drop the replies, false to write them.
     */
    public void mute(final boolean value) {
        if (value == muted) {
            return;
        }
        valueMark = -1;
        if (value) {
            held = buffer;
            if (scratch == null) {
                scratch = ByteBuffer.allocate(256);
            }
            scratch.clear();
            buffer = scratch;
        } else {
            buffer = held;
            held = null;
        }
        muted = value;
    }

    /**
     * Drops any pending output, for a connection being closed.
     */
    public void discard() {
        release();
    }

    // ------------------------------------------------------------------------------------------------ simple types

    /**
     * Copies pre-encoded reply bytes, e.g. from {@link SharedReplies}.
     *
     * @param encoded complete RESP bytes.
     */
    public void raw(final byte[] encoded) {
        ensure(encoded.length);
        buffer.put(encoded);
    }

    /**
     * Writes {@code +OK}.
     */
    public void ok() {
        raw(SharedReplies.OK);
    }

    /**
     * Writes a simple string.
     *
     * @param text ASCII text without CR or LF.
     */
    public void simple(final String text) {
        ensure(text.length() + 3);
        buffer.put((byte) '+');
        putAscii(text);
        buffer.put(CRLF);
    }

    /**
     * Writes an array of simple strings: the reply of every {@code HELP} subcommand.
     *
     * @param lines the strings, each without CR or LF.
     */
    public void simpleArray(final String[] lines) {
        array(lines.length);
        for (final String line : lines) {
            simple(line);
        }
    }

    /**
     * Writes a fixed error from the catalogue.
     *
     * @param error the error.
     */
    public void error(final KvError error) {
        raw(SharedReplies.error(error));
    }

    /**
     * Writes an error line; CR and LF in the text become spaces, as Redis does, so the reply stays one line.
     *
     * @param text the full error text, e.g. {@code ERR syntax error}.
     */
    public void error(final String text) {
        final byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        ensure(bytes.length + 3);
        buffer.put((byte) '-');
        for (final byte b : bytes) {
            buffer.put(b == '\r' || b == '\n' ? (byte) ' ' : b);
        }
        buffer.put(CRLF);
    }

    /**
     * Writes an integer reply.
     *
     * @param value the value.
     */
    public void integer(final long value) {
        if (value == 0) {
            raw(SharedReplies.ZERO);
        } else if (value == 1) {
            raw(SharedReplies.ONE);
        } else {
            ensure(23);
            buffer.put((byte) ':');
            putLong(value);
            buffer.put(CRLF);
        }
    }

    /**
     * Writes {@code :1} or {@code :0}.
     *
     * @param value the boolean.
     */
    public void bool(final boolean value) {
        raw(value ? SharedReplies.ONE : SharedReplies.ZERO);
    }

    // ------------------------------------------------------------------------------------------------ bulk strings

    /**
     * Writes a bulk string, or nil when {@code value} is null.
     *
     * @param value the bytes or null.
     */
    public void bulk(final byte[] value) {
        if (value == null) {
            nullBulk();
            return;
        }
        ensure(value.length + 16);
        bulkHeader(value.length);
        buffer.put(value);
        buffer.put(CRLF);
    }

    /**
     * Writes a bulk string copied from a buffer.
     *
     * @param source the buffer; absolute access only.
     * @param offset the first byte.
     * @param length the length.
     */
    public void bulk(final ByteBuffer source, final int offset, final int length) {
        ensure(length + 16L);
        bulkHeader(length);
        buffer.put(buffer.position(), source, offset, length);
        buffer.position(buffer.position() + length);
        buffer.put(CRLF);
    }

    /**
     * Writes text as a UTF-8 bulk string, or nil when null.
     *
     * @param text the text or null.
     */
    public void bulk(final String text) {
        bulk(text == null ? null : text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes a number as a bulk string, as Redis does for TIME and cursors.
     *
     * @param value the value.
     */
    public void bulk(final long value) {
        bulk(Long.toString(value));
    }

    /**
     * Writes a double as a bulk string in Redis 7.0's format ({@link DoubleFormat}): integral scores without
     * allocating, others through the exact {@code %.17g} rendering.
     *
     * @param value the value.
     */
    public void bulkDouble(final double value) {
        if (DoubleFormat.isPlainInteger(value) && value != 0) {
            final long v = DoubleFormat.integralValue(value);
            ensure(48);
            bulkHeader(v < 0 ? digits(-v) + 1 : digits(v));
            putLong(v);
            buffer.put(CRLF);
            return;
        }
        bulk(DoubleFormat.format(value));
    }

    /**
     * Writes nil ({@code $-1}).
     */
    public void nullBulk() {
        raw(SharedReplies.NULL_BULK);
    }

    /**
     * Marks the start of a value read through this sink; call before the store's zero-copy {@code get}.
     */
    public void beginValue() {
        ensure(16);
        valueMark = buffer.position();
    }

    /**
     * Writes the value as a bulk string; a repeated call for the same read replaces the previous attempt.
     */
    @Override
    public void accept(final ValueSource source, final int offset, final int length) {
        buffer.position(valueMark);
        ensure(length + 16L);
        bulkHeader(length);
        source.getBytes(offset, buffer, buffer.position(), length);
        buffer.position(buffer.position() + length);
        buffer.put(CRLF);
    }

    // ------------------------------------------------------------------------------------------------ aggregates

    /**
     * Writes an array header; the elements follow.
     *
     * @param count the number of elements.
     */
    public void array(final long count) {
        if (count == 0) {
            raw(SharedReplies.EMPTY_ARRAY);
            return;
        }
        ensure(23);
        buffer.put((byte) '*');
        putLong(count);
        buffer.put(CRLF);
    }

    /**
     * Writes the null array ({@code *-1}).
     */
    public void nullArray() {
        raw(SharedReplies.NULL_ARRAY);
    }

    // ------------------------------------------------------------------------------------------------ internals

    private void bulkHeader(final int length) {
        buffer.put((byte) '$');
        putLong(length);
        buffer.put(CRLF);
    }

    private void putAscii(final String text) {
        for (int i = 0; i < text.length(); i++) {
            buffer.put((byte) text.charAt(i));
        }
    }

    private void putLong(final long value) {
        if (value == Long.MIN_VALUE) {
            buffer.put(MIN_LONG);
            return;
        }
        long v = value;
        if (v < 0) {
            buffer.put((byte) '-');
            v = -v;
        }
        final int digits = digits(v);
        final int start = buffer.position();
        int p = start + digits;
        buffer.position(p);
        do {
            buffer.put(--p, (byte) ('0' + (v % 10)));
            v /= 10;
        } while (v != 0);
    }

    private static int digits(final long v) {
        long bound = 10;
        for (int d = 1; d < 19; d++) {
            if (v < bound) {
                return d;
            }
            bound *= 10;
        }
        return 19;
    }

    private void ensure(final long bytes) {
        if (buffer == null) {
            buffer = pool.acquire();
        }
        if (buffer.remaining() >= bytes) {
            return;
        }
        if (muted) {
            // Nobody reads what a muted reply wrote: start the scratch buffer over, large enough for this write.
            if (scratch.capacity() < bytes) {
                scratch = ByteBuffer.allocate((int) Math.min(bytes, Integer.MAX_VALUE - 8));
            }
            scratch.clear();
            buffer = scratch;
            valueMark = valueMark >= 0 ? 0 : -1;
            return;
        }
        final long needed = buffer.position() + bytes;
        if (needed > limit || needed > Integer.MAX_VALUE - 8) {
            throw OutputLimitExceeded.INSTANCE;
        }
        final long doubled = Math.min(Math.min(2L * buffer.capacity(), limit), Integer.MAX_VALUE - 8);
        final ByteBuffer grown = ByteBuffer.allocateDirect((int) Math.max(needed, doubled));
        buffer.flip();
        grown.put(buffer);
        pool.release(buffer);
        buffer = grown;
    }

    /** Thrown when a connection's pending output would pass its limit; the connection is then closed. */
    public static final class OutputLimitExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        /** The shared instance; it has no stack trace. */
        public static final OutputLimitExceeded INSTANCE = new OutputLimitExceeded();

        private OutputLimitExceeded() {
            super("output buffer limit exceeded", null, false, false);
        }
    }
}
