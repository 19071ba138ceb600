package io.minikv.net.diff;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads exactly one complete RESP reply from a stream and returns it with its raw bytes.
 * <p>
 * It parses only as much as needed to find the reply's end: line types ({@code + - : _ , # (}), length-prefixed
 * types ({@code $ ! =}, with {@code $-1} as null) and aggregates ({@code * % ~ > |}, with {@code *-1} as null),
 * nested to any depth. RESP3 types are understood only so that a stray RESP3 reply (after {@code HELLO 3} on Redis)
 * cannot desynchronise the stream. Not thread-safe; one reader per connection.
 */
final class RespReader {

    /** Replies larger than this are refused rather than buffered: the tests never produce them. */
    private static final long MAX_BULK = 600L * 1024 * 1024;
    private static final int MAX_LINE = 64 * 1024;

    private final InputStream in;

    RespReader(final InputStream in) {
        this.in = in;
    }

    /**
     * Reads one reply.
     *
     * @return the reply
     * @throws EOFException when the peer closed the stream before a reply started or in the middle of one
     * @throws IOException  on a socket error or timeout, or a malformed reply
     */
    RespReply read() throws IOException {
        return read(new RawBuffer(), 0);
    }

    private RespReply read(final ByteArrayOutputStream raw, final int depth) throws IOException {
        if (depth > 64) {
            throw new IOException("reply nested deeper than 64 levels");
        }
        final int start = raw.size();
        final int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed by the server");
        }
        raw.write(type);
        final byte[] line = readLine(raw);
        switch (type) {
            case '+', '-', ':', '_', ',', '#', '(' -> {
                return new RespReply((byte) type, slice(raw, start), type == '_' ? null : line, List.of());
            }
            case '$', '!', '=' -> {
                final long len = parseLength(line);
                if (len == -1 && type == '$') {
                    return new RespReply((byte) type, slice(raw, start), null, List.of());
                }
                if (len < 0 || len > MAX_BULK) {
                    throw new IOException("bad bulk length in reply: " + RespEscape.escape(line));
                }
                final byte[] body = in.readNBytes((int) len);
                if (body.length != len) {
                    throw new EOFException("connection closed inside a bulk reply");
                }
                raw.writeBytes(body);
                final int cr = in.read();
                final int lf = in.read();
                if (cr < 0 || lf < 0) {
                    throw new EOFException("connection closed inside a bulk reply");
                }
                raw.write(cr);
                raw.write(lf);
                if (cr != '\r' || lf != '\n') {
                    throw new IOException("bulk reply not terminated by CRLF");
                }
                return new RespReply((byte) type, slice(raw, start), body, List.of());
            }
            case '*', '%', '~', '>', '|' -> {
                final long n = parseLength(line);
                if (n == -1 && type == '*') {
                    return new RespReply((byte) type, slice(raw, start), null, null);
                }
                if (n < 0 || n > Integer.MAX_VALUE / 2) {
                    throw new IOException("bad aggregate length in reply: " + RespEscape.escape(line));
                }
                final long count = (type == '%' || type == '|') ? 2 * n : n;
                final List<RespReply> items = new ArrayList<>((int) Math.min(count, 1024));
                for (long i = 0; i < count; i++) {
                    items.add(read(raw, depth + 1));
                }
                if (type == '|') {
                    // An attribute annotates the reply that follows it; that reply is the one the caller wants.
                    return read(raw, depth + 1);
                }
                return new RespReply((byte) type, slice(raw, start), null, List.copyOf(items));
            }
            default -> throw new IOException("unknown reply type byte " + RespEscape.escape(new byte[] {(byte) type})
                + " followed by " + RespEscape.escape(line));
        }
    }

    private byte[] readLine(final ByteArrayOutputStream raw) throws IOException {
        final ByteArrayOutputStream line = new ByteArrayOutputStream(32);
        while (true) {
            final int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside a reply line");
            }
            raw.write(b);
            if (b == '\r') {
                final int lf = in.read();
                if (lf < 0) {
                    throw new EOFException("connection closed inside a reply line");
                }
                raw.write(lf);
                if (lf != '\n') {
                    throw new IOException("CR not followed by LF in a reply line");
                }
                return line.toByteArray();
            }
            line.write(b);
            if (line.size() > MAX_LINE) {
                throw new IOException("reply line longer than " + MAX_LINE + " bytes");
            }
        }
    }

    private static long parseLength(final byte[] line) throws IOException {
        try {
            return Long.parseLong(new String(line, StandardCharsets.US_ASCII));
        } catch (final NumberFormatException e) {
            throw new IOException("bad length in reply: " + RespEscape.escape(line), e);
        }
    }

    private static byte[] slice(final ByteArrayOutputStream raw, final int start) {
        return ((RawBuffer) raw).copy(start);
    }

    /** A byte sink whose tail can be copied without copying the whole buffer first. */
    private static final class RawBuffer extends ByteArrayOutputStream {
        RawBuffer() {
            super(64);
        }

        byte[] copy(final int start) {
            return java.util.Arrays.copyOfRange(buf, start, count);
        }
    }
}
