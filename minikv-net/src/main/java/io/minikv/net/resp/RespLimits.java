package io.minikv.net.resp;

/**
 * The protocol limits, with Redis 7's defaults. Every length read from the wire is checked against these before any
 * buffer grows to hold it.
 *
 * @param maxBulkLength proto-max-bulk-len: the largest bulk argument, 512 MB by default.
 * @param maxQueryBufferBytes client-query-buffer-limit: the most bytes one pending command may occupy, 1 GB.
 * @param maxMultibulkLength the largest argument count of one command (Redis accepts up to {@code INT_MAX}).
 * @param maxInlineLength the longest inline command line or length line, 64 KB.
 * @param maxOutputBufferBytes the most reply bytes a connection may have pending; a client that stops reading is
 *     disconnected when its pending replies pass this.
 */
public record RespLimits(long maxBulkLength, long maxQueryBufferBytes, int maxMultibulkLength, int maxInlineLength,
                         long maxOutputBufferBytes) {

    /** Redis's proto-max-bulk-len default. */
    public static final long DEFAULT_MAX_BULK_LENGTH = 512L * 1024 * 1024;
    /** Redis's client-query-buffer-limit default. */
    public static final long DEFAULT_MAX_QUERY_BUFFER = 1024L * 1024 * 1024;
    /** Redis's PROTO_INLINE_MAX_SIZE. */
    public static final int DEFAULT_MAX_INLINE = 64 * 1024;
    /** Pending output above which a client that does not read is disconnected. */
    public static final long DEFAULT_MAX_OUTPUT_BUFFER = 1024L * 1024 * 1024;
    /** The defaults. */
    public static final RespLimits DEFAULTS = new RespLimits(DEFAULT_MAX_BULK_LENGTH, DEFAULT_MAX_QUERY_BUFFER,
        Integer.MAX_VALUE, DEFAULT_MAX_INLINE, DEFAULT_MAX_OUTPUT_BUFFER);

    /**
     * Validates the limits.
     *
     * @param maxBulkLength at least 1 and at most {@code Integer.MAX_VALUE - 2}.
     * @param maxQueryBufferBytes at least 1.
     * @param maxMultibulkLength at least 1.
     * @param maxInlineLength at least 16.
     * @param maxOutputBufferBytes at least 1.
     */
    public RespLimits {
        if (maxBulkLength < 1 || maxBulkLength > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("proto-max-bulk-len out of range: " + maxBulkLength);
        }
        if (maxQueryBufferBytes < 1) {
            throw new IllegalArgumentException("client-query-buffer-limit must be positive: " + maxQueryBufferBytes);
        }
        if (maxMultibulkLength < 1) {
            throw new IllegalArgumentException("multibulk limit must be positive: " + maxMultibulkLength);
        }
        if (maxInlineLength < 16) {
            throw new IllegalArgumentException("inline limit must be at least 16: " + maxInlineLength);
        }
        if (maxOutputBufferBytes < 1) {
            throw new IllegalArgumentException("output buffer limit must be positive: " + maxOutputBufferBytes);
        }
    }

    /**
     * Returns a copy with another bulk length limit.
     *
     * @param bytes the new proto-max-bulk-len.
     * @return the new limits.
     */
    public RespLimits withMaxBulkLength(final long bytes) {
        return new RespLimits(bytes, maxQueryBufferBytes, maxMultibulkLength, maxInlineLength, maxOutputBufferBytes);
    }

    /**
     * Returns a copy with another query buffer limit.
     *
     * @param bytes the new client-query-buffer-limit.
     * @return the new limits.
     */
    public RespLimits withMaxQueryBufferBytes(final long bytes) {
        return new RespLimits(maxBulkLength, bytes, maxMultibulkLength, maxInlineLength, maxOutputBufferBytes);
    }

    /**
     * Returns a copy with another output buffer limit.
     *
     * @param bytes the new limit.
     * @return the new limits.
     */
    public RespLimits withMaxOutputBufferBytes(final long bytes) {
        return new RespLimits(maxBulkLength, maxQueryBufferBytes, maxMultibulkLength, maxInlineLength, bytes);
    }
}
