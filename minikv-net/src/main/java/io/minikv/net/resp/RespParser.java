package io.minikv.net.resp;

import io.minikv.api.KvError;

import java.nio.ByteBuffer;

/**
 * The RESP2 request parser: multibulk ({@code *2\r\n$3\r\nGET\r\n$1\r\nk\r\n}) and inline ({@code GET k\r\n})
 * commands, exactly as Redis 7's {@code processMultibulkBuffer} and {@code processInlineBuffer}.
 * <p>
 * <b>Resumable.</b> The parser keeps its state between calls, so a command split across any number of TCP segments
 * is parsed once, without rescanning what was already read: arguments already seen stay recorded as offsets, and a
 * bulk payload is skipped by its length, never scanned. {@link #compact(ByteBuffer)} moves a pending partial command
 * to the start of the buffer and shifts the recorded offsets with it.
 * <p>
 * <b>Zero-copy.</b> Multibulk arguments are offsets into the read buffer ({@link CommandArgs}). Inline commands are
 * unescaped into a small scratch buffer (they are at most 64 KB).
 * <p>
 * <b>Bounded.</b> Every length is validated against {@link RespLimits} before the caller is asked to grow the
 * buffer to {@link #requiredCapacity()}. As in Redis, the CRLF after a bulk payload is skipped, not checked, and a
 * multibulk count of zero or below is an empty command that is silently skipped.
 * <p>
 * Owned by one connection, used by its event loop thread only.
 */
public final class RespParser {
    /** A complete command is in {@link #args()}. */
    public static final int COMMAND = 0;
    /** More bytes are needed; call again after reading. */
    public static final int INCOMPLETE = 1;
    /** The input is malformed: reply {@link #errorText()} and close the connection. */
    public static final int ERROR = 2;
    /** Redis's limits for clients that have not authenticated. */
    private static final int UNAUTHENTICATED_MAX_ARGS = 10;
    private static final int UNAUTHENTICATED_MAX_BULK = 16384;

    private final CommandArgs args = new CommandArgs();
    private RespLimits limits;
    private ByteBuffer scratch;
    /** Next byte to examine. */
    private int pos;
    /** First byte of the command being parsed; everything before it may be discarded. */
    private int commandStart;
    /** Arguments still expected by the current multibulk command, 0 outside one. */
    private int multibulkRemaining;
    /** Length of the bulk payload being waited for, -1 when the next thing is a {@code $} line. */
    private long bulkLength = -1;
    private KvError error;
    private String errorText;
    private boolean authenticated = true;

    /**
     * Creates a parser.
     *
     * @param limits the limits to enforce.
     */
    public RespParser(final RespLimits limits) {
        this.limits = limits;
    }

    /**
     * Replaces the limits, for CONFIG SET; applies from the next length read.
     *
     * @param limits the new limits.
     */
    public void limits(final RespLimits limits) {
        this.limits = limits;
    }

    /**
     * Tells the parser whether the client has authenticated. Until it has, Redis caps commands at 10 arguments of
     * at most 16 KB, so that an anonymous client cannot make the server buffer large requests.
     *
     * @param value false while requirepass is set and AUTH has not succeeded.
     */
    public void authenticated(final boolean value) {
        this.authenticated = value;
    }

    /**
     * Returns the arguments of the command found by the last {@link #parse} that returned {@link #COMMAND}.
     *
     * @return the flyweight, reused for every command.
     */
    public CommandArgs args() {
        return args;
    }

    /**
     * Returns the error found by the last {@link #parse} that returned {@link #ERROR}.
     *
     * @return the catalogue entry.
     */
    public KvError error() {
        return error;
    }

    /**
     * Returns the exact text of the last protocol error.
     *
     * @return the text without {@code '-'} and CRLF.
     */
    public String errorText() {
        return errorText;
    }

    /**
     * Returns the offset of the next unparsed byte.
     *
     * @return the position.
     */
    public int position() {
        return pos;
    }

    /**
     * Returns whether a partially received command is pending.
     *
     * @return true in the middle of a command, false at a command boundary.
     */
    public boolean inCommand() {
        return multibulkRemaining > 0;
    }

    /**
     * Returns the first byte that must be kept in the buffer: the start of a partial command, or the parse
     * position at a command boundary.
     *
     * @return an offset into the buffer.
     */
    public int keepFrom() {
        return multibulkRemaining > 0 ? commandStart : pos;
    }

    /**
     * Returns how many bytes, counted from {@link #keepFrom()}, the buffer must be able to hold to make progress
     * with the pending command. Exact when a bulk payload of known length is awaited, otherwise twice what is held.
     *
     * @param end the end of the data in the buffer.
     * @return the capacity needed after compaction.
     */
    public long requiredCapacity(final int end) {
        final int keep = keepFrom();
        if (multibulkRemaining > 0 && bulkLength >= 0) {
            return (long) (pos - keep) + bulkLength + 2;
        }
        return Math.max(64L, 2L * (end - keep));
    }

    /**
     * Moves back to the start of the command the last {@link #parse} returned, so that the next parse returns it
     * again: a command held by CLIENT PAUSE stays in the input until the pause ends.
     */
    public void rewind() {
        pos = commandStart;
    }

    /**
     * Resets to a command boundary at offset 0, for a cleared buffer.
     */
    public void reset() {
        pos = 0;
        commandStart = 0;
        multibulkRemaining = 0;
        bulkLength = -1;
    }

    /**
     * Moves the unparsed bytes (from {@link #keepFrom()}) of {@code buffer} to its start and shifts the parser's
     * offsets accordingly. The buffer is in write mode: its position is the end of the data.
     *
     * @param buffer the read buffer.
     */
    public void compact(final ByteBuffer buffer) {
        final int keep = keepFrom();
        if (keep == 0) {
            return;
        }
        final int end = buffer.position();
        buffer.put(0, buffer, keep, end - keep);
        buffer.position(end - keep);
        pos -= keep;
        commandStart -= keep;
        if (multibulkRemaining > 0) {
            args.shift(keep);
        }
    }

    /**
     * Parses the next command in {@code buffer} between the current position and {@code end}.
     *
     * @param buffer the read buffer; absolute access only.
     * @param end the end of the received data.
     * @return {@link #COMMAND}, {@link #INCOMPLETE} or {@link #ERROR}.
     */
    public int parse(final ByteBuffer buffer, final int end) {
        while (true) {
            if (multibulkRemaining == 0) {
                if (pos >= end) {
                    return INCOMPLETE;
                }
                commandStart = pos;
                if (buffer.get(pos) != '*') {
                    final int result = parseInline(buffer, end);
                    if (result == COMMAND && args.count() == 0) {
                        continue;
                    }
                    return result;
                }
                final int cr = indexOf(buffer, pos + 1, end, (byte) '\r');
                if (cr < 0 || cr + 1 >= end) {
                    if (end - pos > limits.maxInlineLength()) {
                        return fail(KvError.PROTO_TOO_BIG_MBULK_COUNT);
                    }
                    return INCOMPLETE;
                }
                if (!args.parseLong(buffer, pos + 1, cr - pos - 1)
                    || args.longValue() > limits.maxMultibulkLength()) {
                    return fail(KvError.PROTO_INVALID_MULTIBULK_LENGTH);
                }
                final long count = args.longValue();
                if (!authenticated && count > UNAUTHENTICATED_MAX_ARGS) {
                    return fail(KvError.PROTO_UNAUTH_MULTIBULK_LENGTH);
                }
                pos = cr + 2;
                if (count <= 0) {
                    continue;
                }
                multibulkRemaining = (int) count;
                bulkLength = -1;
                args.reset(buffer);
            }
            final int result = parseBulks(buffer, end);
            if (result != COMMAND) {
                return result;
            }
            return COMMAND;
        }
    }

    private int parseBulks(final ByteBuffer buffer, final int end) {
        // The connection may have moved a partial command into a larger buffer since the last call.
        args.rebind(buffer);
        while (multibulkRemaining > 0) {
            if (bulkLength < 0) {
                if (pos >= end) {
                    return INCOMPLETE;
                }
                final int cr = indexOf(buffer, pos, end, (byte) '\r');
                if (cr < 0 || cr + 1 >= end) {
                    if (end - pos > limits.maxInlineLength()) {
                        return fail(KvError.PROTO_TOO_BIG_BULK_COUNT);
                    }
                    return INCOMPLETE;
                }
                final byte type = buffer.get(pos);
                if (type != '$') {
                    error = KvError.PROTO_EXPECTED_DOLLAR;
                    errorText = KvError.PROTO_EXPECTED_DOLLAR.format(String.valueOf((char) (type & 0xff)));
                    return ERROR;
                }
                if (!args.parseLong(buffer, pos + 1, cr - pos - 1) || args.longValue() < 0
                    || args.longValue() > limits.maxBulkLength()) {
                    return fail(KvError.PROTO_INVALID_BULK_LENGTH);
                }
                if (!authenticated && args.longValue() > UNAUTHENTICATED_MAX_BULK) {
                    return fail(KvError.PROTO_UNAUTH_BULK_LENGTH);
                }
                bulkLength = args.longValue();
                pos = cr + 2;
            }
            if ((long) end - pos < bulkLength + 2) {
                return INCOMPLETE;
            }
            args.add(pos, (int) bulkLength);
            pos += (int) bulkLength + 2;
            bulkLength = -1;
            multibulkRemaining--;
        }
        return COMMAND;
    }

    private int parseInline(final ByteBuffer buffer, final int end) {
        final int newline = indexOf(buffer, pos, end, (byte) '\n');
        if (newline < 0) {
            if (end - pos > limits.maxInlineLength()) {
                return fail(KvError.PROTO_TOO_BIG_INLINE);
            }
            return INCOMPLETE;
        }
        int lineEnd = newline;
        if (lineEnd > pos && buffer.get(lineEnd - 1) == '\r') {
            lineEnd--;
        }
        final int length = lineEnd - pos;
        if (scratch == null || scratch.capacity() < length) {
            scratch = ByteBuffer.allocate(Math.max(256, length));
        }
        args.reset(scratch);
        if (!InlineSplitter.split(buffer, pos, lineEnd, scratch, args)) {
            return fail(KvError.PROTO_UNBALANCED_QUOTES);
        }
        pos = newline + 1;
        return COMMAND;
    }

    private int fail(final KvError kind) {
        error = kind;
        errorText = kind.text();
        return ERROR;
    }

    private static int indexOf(final ByteBuffer buffer, final int from, final int end, final byte b) {
        for (int p = from; p < end; p++) {
            if (buffer.get(p) == b) {
                return p;
            }
        }
        return -1;
    }
}
