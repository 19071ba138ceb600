package io.minikv.net.loop;

import io.minikv.net.command.Dispatcher;
import io.minikv.net.command.ExecGate;
import io.minikv.net.command.ServerContext;
import io.minikv.net.resp.BufferPool;
import org.jctools.queues.MpscUnboundedArrayQueue;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One worker: a thread with its own NIO {@link Selector} serving the connections handed to it. A connection stays on
 * its loop for its whole life, and the loop parses, executes and replies, so a client's pipelined commands run and
 * reply strictly in order with no hand-off on the command path.
 * <p>
 * Other threads talk to the loop only through two JCTools MPSC queues, new connections from the acceptor and tasks
 * (CLIENT KILL, resuming parked clients), followed by one {@code selector.wakeup()} per burst: a flag suppresses
 * wakeups while one is already pending. Selected keys are consumed with {@code select(Consumer)}, so the loop does
 * not allocate a selected-key set.
 * <p>
 * The loop reads the clock once per cycle and passes it down; it checks idle timeouts once per second.
 */
final class EventLoop implements Runnable {
    private static final Logger LOG = System.getLogger(EventLoop.class.getName());
    private static final long SELECT_TIMEOUT_MS = 1000;
    private static final long SHUTDOWN_FLUSH_MS = 5000;
    /** How long to wait for clients to close after they were sent the end of the stream. */
    private static final long SHUTDOWN_DRAIN_MS = 1000;

    private final int index;
    private final Selector selector;
    private final ServerContext server;
    private final Dispatcher dispatcher;
    private final BufferPool pool;
    private final MpscUnboundedArrayQueue<SocketChannel> handoff = new MpscUnboundedArrayQueue<>(256);
    private final MpscUnboundedArrayQueue<Runnable> tasks = new MpscUnboundedArrayQueue<>(256);
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final List<Connection> connections = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Cached so that each select does not allocate a new bound method reference. */
    private final Consumer<SelectionKey> onSelected = this::onSelected;
    /** This loop's flag in the server's EXEC gate. */
    private final ExecGate.Slot gateSlot;
    private volatile boolean running = true;
    private Thread thread;
    private long nowMillis;
    private long lastTimeoutCheck;

    EventLoop(final int index, final ServerContext server, final Dispatcher dispatcher, final int bufferSize)
        throws IOException {
        this.index = index;
        this.selector = Selector.open();
        this.server = server;
        this.dispatcher = dispatcher;
        this.pool = new BufferPool(bufferSize, 64);
        this.gateSlot = server.execGate().register();
    }

    /** @return this loop's slot in the server's EXEC gate. */
    ExecGate.Slot gateSlot() {
        return gateSlot;
    }

    /** Starts the loop's thread. */
    void start() {
        thread = new Thread(this, "minikv-worker-" + index);
        thread.setDaemon(false);
        thread.start();
    }

    /**
     * Returns whether the caller runs on this loop's thread.
     *
     * @return true on the loop thread.
     */
    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Hands an accepted connection to this loop. Thread-safe.
     *
     * @param channel the accepted socket.
     */
    void adopt(final SocketChannel channel) {
        handoff.offer(channel);
        wakeup();
    }

    /**
     * Runs a task on the loop thread. Thread-safe.
     *
     * @param task the task.
     */
    void execute(final Runnable task) {
        tasks.offer(task);
        wakeup();
    }

    private void wakeup() {
        if (!wakeupPending.getAndSet(true)) {
            selector.wakeup();
        }
    }

    /** Asks the loop to stop; it finishes its current batch, flushes replies and closes its connections. */
    void shutdown() {
        running = false;
        selector.wakeup();
    }

    /**
     * Waits until the loop has stopped.
     *
     * @throws InterruptedException when interrupted.
     */
    void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void run() {
        try {
            nowMillis = System.currentTimeMillis();
            while (running) {
                doWork();
            }
            drainAndClose();
        } catch (final Throwable t) {
            LOG.log(Level.ERROR, "event loop " + index + " failed", t);
            drainAndClose();
        } finally {
            try {
                selector.close();
            } catch (final IOException ignored) {
                // The selector is being discarded.
            }
            stopped.countDown();
        }
    }

    /**
     * One cycle: wait for I/O, serve ready connections, adopt new ones, run tasks, check timeouts.
     *
     * @return the amount of work done.
     */
    int doWork() throws IOException {
        int work = selector.select(onSelected, SELECT_TIMEOUT_MS);
        nowMillis = System.currentTimeMillis();
        wakeupPending.set(false);
        work += adoptConnections();
        work += runTasks();
        if (nowMillis - lastTimeoutCheck >= 1000) {
            lastTimeoutCheck = nowMillis;
            work += closeIdle();
        }
        return work;
    }

    private void onSelected(final SelectionKey key) {
        final Connection connection = (Connection) key.attachment();
        try {
            if (key.isValid() && key.isWritable()) {
                connection.onWritable();
            }
            if (key.isValid() && key.isReadable()) {
                connection.onReadable(nowMillis);
            }
        } catch (final RuntimeException | OutOfMemoryError e) {
            // Memory exhaustion in this connection's buffers (a huge reply or argument) costs this connection only;
            // the loop goes on serving the others. The store's own exhaustion arrives as an -OOM reply instead.
            LOG.log(Level.ERROR, "connection failed; closing it", e);
            connection.close();
        }
    }

    private int adoptConnections() {
        int adopted = 0;
        SocketChannel channel;
        while ((channel = handoff.poll()) != null) {
            adopted++;
            final Connection connection = new Connection(this, channel, server, dispatcher, pool, nowMillis);
            try {
                final SelectionKey key = channel.register(selector, SelectionKey.OP_READ, connection);
                connection.register(key);
                connections.add(connection);
            } catch (final IOException e) {
                connection.close();
            }
        }
        return adopted;
    }

    private int runTasks() {
        int ran = 0;
        Runnable task;
        while ((task = tasks.poll()) != null) {
            ran++;
            try {
                task.run();
            } catch (final RuntimeException e) {
                LOG.log(Level.ERROR, "task failed", e);
            }
        }
        return ran;
    }

    private int closeIdle() {
        final int timeout = server.timeoutSeconds();
        if (timeout <= 0) {
            return 0;
        }
        final long limit = timeout * 1000L;
        int closed = 0;
        for (int i = connections.size() - 1; i >= 0; i--) {
            final Connection connection = connections.get(i);
            // A parked (blocked) client is waiting for the server, not idle.
            if (!connection.isSuspended() && nowMillis - connection.client().lastInteractionMillis() > limit) {
                connection.close();
                closed++;
            }
        }
        return closed;
    }

    /**
     * Removes a closed connection from the loop's list.
     *
     * @param connection the connection.
     */
    void forget(final Connection connection) {
        connections.remove(connection);
    }

    /**
     * Shutdown: executes the commands that already arrived, sends every pending reply (for up to a few seconds),
     * half-closes each connection and waits briefly for the clients to close theirs, then closes all connections.
     */
    private void drainAndClose() {
        runTasks();
        adoptConnections();
        for (final Connection connection : new ArrayList<>(connections)) {
            try {
                connection.onReadable(nowMillis);
            } catch (final RuntimeException e) {
                connection.close();
            }
        }
        final long deadline = System.currentTimeMillis() + SHUTDOWN_FLUSH_MS;
        while (System.currentTimeMillis() < deadline) {
            boolean done = true;
            for (final Connection connection : new ArrayList<>(connections)) {
                done &= connection.flushForShutdown();
            }
            if (done) {
                break;
            }
            try {
                Thread.sleep(1);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        final ByteBuffer scratch = ByteBuffer.allocateDirect(64 * 1024);
        final long drainDeadline = System.currentTimeMillis() + SHUTDOWN_DRAIN_MS;
        while (System.currentTimeMillis() < drainDeadline) {
            boolean done = true;
            for (final Connection connection : new ArrayList<>(connections)) {
                done &= connection.drainAfterShutdown(scratch);
            }
            if (done) {
                break;
            }
            try {
                Thread.sleep(1);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (final Connection connection : new ArrayList<>(connections)) {
            connection.close();
        }
    }
}
