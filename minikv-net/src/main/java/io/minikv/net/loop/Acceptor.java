package io.minikv.net.loop;

import io.minikv.api.KvError;
import io.minikv.net.command.Dispatcher;
import io.minikv.net.command.ServerContext;
import io.minikv.net.resp.SharedReplies;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The listening socket and its thread: accepts connections (blocking accept; closing the channel ends it), refuses
 * those beyond maxclients with Redis's error, and hands the others round-robin to the {@link EventLoop}s.
 * <p>
 * {@link #start()} and {@link #close()} are called by the server's owner; everything else runs on the acceptor
 * thread.
 */
public final class Acceptor implements Runnable {
    private static final Logger LOG = System.getLogger(Acceptor.class.getName());
    /**
     * Size of the pooled read and reply buffers a connection borrows while it has unparsed input or unsent replies.
     * Large enough for a whole pipeline of 16 commands with 1 KB values in either direction (17 KB of SETs, 16.5 KB
     * of GET replies): at 16 KB such a batch took two reads, and its replies outgrew the pooled buffer, so every
     * batch allocated, zeroed and freed a new direct buffer. Idle connections hold none, so the size costs memory
     * only per busy connection.
     */
    static final int BUFFER_SIZE = 64 * 1024;

    private final ServerContext server;
    private final ServerSocketChannel listener;
    private final EventLoop[] loops;
    private Thread thread;
    private int next;

    /**
     * Binds the listening socket and creates the workers (not started yet).
     *
     * @param server the server context.
     * @param dispatcher the dispatcher.
     * @param bind the address to listen on.
     * @param port the port, 0 for an ephemeral one.
     * @param workers the number of event loops.
     * @throws IOException when the address cannot be bound.
     */
    public Acceptor(final ServerContext server, final Dispatcher dispatcher, final String bind, final int port,
        final int workers) throws IOException {
        this.server = server;
        this.listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(bind, port), 511);
            this.loops = new EventLoop[workers];
            for (int i = 0; i < workers; i++) {
                loops[i] = new EventLoop(i, server, dispatcher, BUFFER_SIZE);
            }
        } catch (final IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    /**
     * Returns the bound port.
     *
     * @return the port.
     */
    public int port() {
        try {
            return ((InetSocketAddress) listener.getLocalAddress()).getPort();
        } catch (final IOException e) {
            return -1;
        }
    }

    /** Starts the workers and the acceptor thread. */
    public void start() {
        for (final EventLoop loop : loops) {
            loop.start();
        }
        thread = new Thread(this, "minikv-acceptor");
        thread.setDaemon(false);
        thread.start();
    }

    @Override
    public void run() {
        while (listener.isOpen()) {
            final SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (final ClosedChannelException e) {
                return;
            } catch (final IOException e) {
                LOG.log(Level.WARNING, "accept failed: " + e.getMessage());
                pauseAfterFailure();
                continue;
            }
            admit(channel);
        }
    }

    private void admit(final SocketChannel channel) {
        try {
            if (server.connectedClients().incrementAndGet() > server.maxClients()) {
                server.connectedClients().decrementAndGet();
                server.rejectedConnections().increment();
                // Still in blocking mode: the short error line goes out before the close, as Redis does.
                channel.write(ByteBuffer.wrap(SharedReplies.error(KvError.MAX_CLIENTS)));
                channel.close();
                return;
            }
            server.connectionsReceived().increment();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            loops[next].adopt(channel);
            next = next + 1 == loops.length ? 0 : next + 1;
        } catch (final IOException e) {
            server.connectedClients().decrementAndGet();
            try {
                channel.close();
            } catch (final IOException ignored) {
                // Already failing.
            }
        }
    }

    private static void pauseAfterFailure() {
        // Out of file descriptors and similar: back off instead of spinning on accept.
        try {
            Thread.sleep(10);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops accepting, lets every worker finish its in-flight commands and flush replies, then waits for them.
     */
    public void close() {
        try {
            listener.close();
        } catch (final IOException ignored) {
            // Closing is best effort.
        }
        if (thread != null) {
            try {
                thread.join();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (final EventLoop loop : loops) {
            loop.shutdown();
        }
        for (final EventLoop loop : loops) {
            try {
                loop.awaitStopped();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
