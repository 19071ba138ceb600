package io.minikv.net.diff;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One decoded RESP reply, kept next to the exact bytes it was read from.
 * <p>
 * The differential tests compare {@link #raw()} byte for byte; the decoded fields exist only for the normalisations
 * that cannot work on bytes (multiset comparison, numeric tolerance, following SCAN cursors). Immutable.
 *
 * @param type     the RESP type byte ({@code + - : $ *} and the RESP3 types)
 * @param raw      the complete reply as received, including nested elements and CRLFs
 * @param payload  the line or bulk payload; {@code null} for a null bulk, a null array and aggregates
 * @param children the elements of an aggregate (maps flattened as key, value, ...); {@code null} for a null array
 *                 and an empty list for scalars
 */
record RespReply(byte type, byte[] raw, byte[] payload, List<RespReply> children) {

    /** Returns whether this is an aggregate (array, map, set, push) including a null array. */
    boolean isAggregate() {
        return type == '*' || type == '%' || type == '~' || type == '>';
    }

    /** Returns whether this is a null bulk, a null array or a RESP3 null. */
    boolean isNull() {
        return (type == '$' && payload == null) || (type == '*' && children == null) || type == '_';
    }

    /** Returns whether this is an error reply. */
    boolean isError() {
        return type == '-' || type == '!';
    }

    /** Returns the payload as text (ISO-8859-1, so every byte survives); {@code null} when absent. */
    String text() {
        return payload == null ? null : new String(payload, StandardCharsets.ISO_8859_1);
    }

    /** Returns the payload as a UTF-8 string; {@code null} when absent. */
    String utf8() {
        return payload == null ? null : new String(payload, StandardCharsets.UTF_8);
    }

    /** Returns the integer of a {@code :} reply; throws for any other type. */
    long integer() {
        if (type != ':') {
            throw new IllegalStateException("not an integer reply: " + RespEscape.escape(raw));
        }
        return Long.parseLong(text());
    }

    /** Returns the elements, or an empty list for a null array and scalars. */
    List<RespReply> elements() {
        return children == null ? Collections.emptyList() : children;
    }

    /** Returns the raw bytes escaped for a failure message. */
    @Override
    public String toString() {
        return RespEscape.escape(raw);
    }

    /** Returns whether both replies have exactly the same bytes. */
    boolean sameBytes(final RespReply other) {
        return Arrays.equals(raw, other.raw);
    }

    /** Builds a RESP2 array of bulk strings, as a client sends a command. */
    static byte[] encodeCommand(final List<byte[]> args) {
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(64);
        writeAscii(out, "*" + args.size() + "\r\n");
        for (final byte[] arg : args) {
            writeAscii(out, "$" + arg.length + "\r\n");
            out.writeBytes(arg);
            writeAscii(out, "\r\n");
        }
        return out.toByteArray();
    }

    private static void writeAscii(final java.io.ByteArrayOutputStream out, final String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** Returns a mutable copy of the elements, for sorting. */
    List<RespReply> elementsCopy() {
        return new ArrayList<>(elements());
    }
}
