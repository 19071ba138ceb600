package io.minikv.net.diff;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal blocking RESP2 client for the differential tests: it sends commands as arrays of binary-safe bulk
 * strings (or any raw bytes) and reads back one complete reply at a time, keeping the exact reply bytes.
 * <p>
 * Deliberately not a client library: a library decodes and normalises replies, and the point of the differential
 * tests is to compare what the servers really wrote. Not thread-safe; one client per connection.
 */
final class RawRespClient implements AutoCloseable {

    /** How long one reply may take before the test gives up on it (a hang is a failure, not a wait). */
    static final int READ_TIMEOUT_MS = 10_000;

    private final String host;
    private final int port;
    private final Socket socket;
    private final OutputStream out;
    private final RespReader reader;
    private final BufferedInputStream in;

    /** Connects to {@code host:port} with TCP_NODELAY and {@link #READ_TIMEOUT_MS}. */
    RawRespClient(final String host, final int port) throws IOException {
        this.host = host;
        this.port = port;
        this.socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        socket.connect(new InetSocketAddress(host, port), READ_TIMEOUT_MS);
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.reader = new RespReader(in);
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    /** Sends one command made of the given arguments and returns its reply. */
    RespReply call(final List<byte[]> args) throws IOException {
        send(args);
        return read();
    }

    /** Sends one command made of the given string arguments (UTF-8) and returns its reply. */
    RespReply call(final String... args) throws IOException {
        final List<byte[]> list = new ArrayList<>(args.length);
        for (final String a : args) {
            list.add(a.getBytes(StandardCharsets.UTF_8));
        }
        return call(list);
    }

    /** Sends one command without reading its reply (pipelining). */
    void send(final List<byte[]> args) throws IOException {
        sendRaw(RespReply.encodeCommand(args));
    }

    /** Sends bytes verbatim: inline commands, malformed frames, pipelines. */
    void sendRaw(final byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one complete reply. */
    RespReply read() throws IOException {
        return reader.read();
    }

    /**
     * Returns whether the server closed the connection: waits up to {@code timeoutMs} for end of stream. Bytes that
     * arrive instead mean it did not close, and are reported in the exception.
     */
    boolean awaitClosed(final int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        try {
            final int b = in.read();
            if (b < 0) {
                return true;
            }
            throw new IOException("expected the connection to close, but the server sent more bytes, starting with "
                + RespEscape.escape(new byte[] {(byte) b}));
        } catch (final SocketTimeoutException e) {
            return false;
        } catch (final IOException e) {
            // A reset is a close too.
            if (e instanceof EOFException || "Connection reset".equals(e.getMessage())) {
                return true;
            }
            throw e;
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(READ_TIMEOUT_MS);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
