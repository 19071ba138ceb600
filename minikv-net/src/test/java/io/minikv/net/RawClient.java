package io.minikv.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw socket client for protocol tests: sends exact bytes and reads exact reply bytes, so tests assert on the wire
 * format rather than on what a client library makes of it.
 */
public final class RawClient implements AutoCloseable {
    private static final Pattern BLOCKED_CLIENTS = Pattern.compile("blocked_clients:(\\d+)");
    private static final int TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int pushback = -1;

    /**
     * Connects.
     *
     * @param host the host.
     * @param port the port.
     * @throws IOException on failure.
     */
    public RawClient(final String host, final int port) throws IOException {
        this.socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MS);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Encodes a command as a RESP multibulk.
     *
     * @param args the arguments.
     * @return the bytes.
     */
    public static byte[] command(final String... args) {
        final StringBuilder b = new StringBuilder().append('*').append(args.length).append("\r\n");
        for (final String arg : args) {
            b.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg)
                .append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sends bytes in one write.
     *
     * @param bytes the bytes.
     * @return this client.
     * @throws IOException on failure.
     */
    public RawClient send(final byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /**
     * Sends text as bytes.
     *
     * @param text the text (ISO-8859-1).
     * @return this client.
     * @throws IOException on failure.
     */
    public RawClient send(final String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Sends a command and reads the given number of reply bytes.
     *
     * @param args the command.
     * @return the raw reply as text.
     * @throws IOException on failure.
     */
    public String call(final String... args) throws IOException {
        send(command(args));
        return readReply();
    }

    /**
     * Reads exactly {@code n} bytes.
     *
     * @param n the count.
     * @return the bytes as ISO-8859-1 text.
     * @throws IOException on failure or early end of stream.
     */
    public String read(final int n) throws IOException {
        final byte[] data = in.readNBytes(n);
        if (data.length < n) {
            throw new IOException("stream ended after " + data.length + " of " + n + " bytes: "
                + new String(data, StandardCharsets.ISO_8859_1));
        }
        return new String(data, StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads one complete RESP2 reply (nested arrays included) and returns its raw bytes as text.
     *
     * @return the reply.
     * @throws IOException on failure.
     */
    public String readReply() throws IOException {
        final ByteArrayOutputStream raw = new ByteArrayOutputStream();
        readValue(raw);
        return raw.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads one complete reply, or returns null when the server ended the stream (end of stream or reset) exactly
     * at a reply boundary. A reply cut short throws.
     *
     * @return the reply, or null at a clean end.
     * @throws IOException when the stream ends inside a reply.
     */
    public String readReplyOrNull() throws IOException {
        final int first;
        try {
            first = in.read();
        } catch (final java.net.SocketException e) {
            return null;
        }
        if (first < 0) {
            return null;
        }
        final ByteArrayOutputStream raw = new ByteArrayOutputStream();
        pushback = first;
        readValue(raw);
        return raw.toString(StandardCharsets.ISO_8859_1);
    }

    private void readValue(final ByteArrayOutputStream raw) throws IOException {
        final String line = readLine();
        raw.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
        final char type = line.charAt(0);
        final String body = line.substring(1, line.length() - 2);
        if (type == '$') {
            final int length = Integer.parseInt(body);
            if (length >= 0) {
                final byte[] payload = in.readNBytes(length + 2);
                if (payload.length < length + 2) {
                    throw new IOException("stream ended inside a bulk reply");
                }
                raw.writeBytes(payload);
            }
        } else if (type == '*') {
            final int count = Integer.parseInt(body);
            for (int i = 0; i < count; i++) {
                readValue(raw);
            }
        }
    }

    private String readLine() throws IOException {
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            final int b;
            if (pushback >= 0) {
                b = pushback;
                pushback = -1;
            } else {
                b = in.read();
            }
            if (b < 0) {
                throw new IOException("stream ended in a reply line: " + line.toString(StandardCharsets.ISO_8859_1));
            }
            line.write(b);
            if (previous == '\r' && b == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1);
            }
            previous = b;
        }
    }

    /**
     * Reads everything until the server closes the connection.
     *
     * @return the bytes received before the end of the stream.
     * @throws IOException when the server does not close within the timeout.
     */
    public String readUntilClosed() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /**
     * Returns whether the server closed the connection, waiting up to the timeout.
     *
     * @return true at end of stream.
     * @throws IOException when data arrives instead.
     */
    public boolean isClosedByServer() throws IOException {
        try {
            final int b = in.read();
            if (b >= 0) {
                throw new IOException("unexpected byte " + b);
            }
            return true;
        } catch (final SocketTimeoutException e) {
            return false;
        } catch (final IOException e) {
            // A reset counts as closed.
            return e.getMessage() != null && e.getMessage().toLowerCase().contains("reset");
        }
    }

    /**
     * Sets the read timeout.
     *
     * @param millis the timeout.
     * @throws IOException on failure.
     */
    public void timeout(final int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /**
     * Returns how many clients are parked by blocking commands now, from {@code INFO clients}.
     *
     * @return the {@code blocked_clients} field.
     * @throws IOException on a connection error.
     */
    public int blockedClients() throws IOException {
        final Matcher m = BLOCKED_CLIENTS.matcher(call("INFO", "clients"));
        if (!m.find()) {
            throw new AssertionError("INFO clients has no blocked_clients field");
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * Waits until exactly {@code n} clients are parked by blocking commands, polling {@code INFO clients} through
     * this connection (a bounded wait, never a timed assertion).
     *
     * @param n the expected count.
     * @throws IOException on a connection error.
     * @throws InterruptedException when interrupted.
     */
    public void awaitBlockedClients(final int n) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 5000; attempt++) {
            if (blockedClients() == n) {
                return;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("expected " + n + " blocked clients, have " + blockedClients());
    }

    public void close() throws IOException {
        socket.close();
    }
}
