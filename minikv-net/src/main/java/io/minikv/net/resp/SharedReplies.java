package io.minikv.net.resp;

import io.minikv.api.KvError;

import java.nio.charset.StandardCharsets;

/**
 * Pre-encoded replies, as Redis's {@code shared} objects: the common fixed replies and one encoded error line per
 * fixed {@link KvError}. Written with {@link ReplyWriter#raw(byte[])}.
 */
public final class SharedReplies {
    /** {@code +OK}. */
    public static final byte[] OK = ascii("+OK\r\n");
    /** {@code +PONG}. */
    public static final byte[] PONG = ascii("+PONG\r\n");
    /** A command queued by MULTI. */
    public static final byte[] QUEUED = ascii("+QUEUED\r\n");
    /** {@code :0}. */
    public static final byte[] ZERO = ascii(":0\r\n");
    /** {@code :1}. */
    public static final byte[] ONE = ascii(":1\r\n");
    /** {@code :-1}. */
    public static final byte[] MINUS_ONE = ascii(":-1\r\n");
    /** {@code :-2}. */
    public static final byte[] MINUS_TWO = ascii(":-2\r\n");
    /** The null bulk string, Redis's nil. */
    public static final byte[] NULL_BULK = ascii("$-1\r\n");
    /** The null array. */
    public static final byte[] NULL_ARRAY = ascii("*-1\r\n");
    /** An empty array. */
    public static final byte[] EMPTY_ARRAY = ascii("*0\r\n");
    /** An empty bulk string. */
    public static final byte[] EMPTY_BULK = ascii("$0\r\n\r\n");

    private static final byte[][] ERRORS = new byte[KvError.values().length][];

    static {
        for (final KvError error : KvError.values()) {
            ERRORS[error.ordinal()] = ascii("-" + error.text() + "\r\n");
        }
    }

    private SharedReplies() {
    }

    /**
     * Returns the encoded error line of a fixed error.
     *
     * @param error the error; templates are encoded unformatted, so use only fixed texts.
     * @return the bytes {@code -TEXT\r\n}; do not modify.
     */
    public static byte[] error(final KvError error) {
        return ERRORS[error.ordinal()];
    }

    private static byte[] ascii(final String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
