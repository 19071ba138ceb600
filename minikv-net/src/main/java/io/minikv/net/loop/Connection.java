package io.minikv.net.loop;

import io.minikv.net.command.Client;
import io.minikv.net.command.ClientControl;
import io.minikv.net.command.ClientPubSub;
import io.minikv.net.command.Dispatcher;
import io.minikv.net.command.ExecGate;
import io.minikv.net.command.ServerContext;
import io.minikv.net.resp.BufferPool;
import io.minikv.net.resp.RespLimits;
import io.minikv.net.resp.RespParser;
import io.minikv.net.resp.ReplyWriter;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * One client connection: socket, read buffer and parser, reply writer, and the {@link Client} session.
 * <p>
 * <b>Batching.</b> A read event reads what the socket has, runs every complete command in the buffer in order, and
 * writes all their replies with one {@code write}. {@code OP_WRITE} is registered only after a partial write; while
 * replies are pending the connection stops reading, so a client that does not read its replies cannot make the
 * server buffer without bound (and is disconnected when one batch's replies pass the output limit).
 * <p>
 * <b>Buffers.</b> The read and write buffers are borrowed from the event loop's pool only while there is unparsed
 * input or unsent output; an idle connection holds none. The read buffer grows only to what a validated length
 * requires (a bulk's declared length) or by doubling while length lines are read, never beyond
 * client-query-buffer-limit.
 * <p>
 * Owned by its event loop thread; {@link #kill()}, {@link #resume()} and {@link #execute(Runnable)} may be called
 * from any thread and hand the work to that loop.
 */
final class Connection implements ClientControl {
    /** Replies above this size are written before the rest of a batch is executed. */
    private static final int EARLY_FLUSH_BYTES = 256 * 1024;
    /** Reads per read event, so one busy client cannot starve the others on its loop. */
    private static final int MAX_READS_PER_EVENT = 16;

    private final EventLoop loop;
    private final SocketChannel channel;
    private final BufferPool pool;
    private final Dispatcher dispatcher;
    private final ServerContext server;
    private final ExecGate gate;
    private final RespParser parser;
    private final ReplyWriter writer;
    private final Client client;
    private SelectionKey key;
    private ByteBuffer in;
    private RespLimits limits;
    private boolean suspended;
    /** Whether the suspension holds a command put back into the input (CLIENT PAUSE), to run again on resume. */
    private boolean postponed;
    private boolean closed;
    /** Whether this connection's commands are running, so a CLIENT KILL from this loop targets itself. */
    private boolean processing;
    private List<Runnable> closeTasks;
    private int interest;

    Connection(final EventLoop loop, final SocketChannel channel, final ServerContext server,
        final Dispatcher dispatcher, final BufferPool pool, final long nowMillis) {
        this.loop = loop;
        this.channel = channel;
        this.pool = pool;
        this.dispatcher = dispatcher;
        this.server = server;
        this.gate = server.execGate();
        this.limits = server.limits();
        this.parser = new RespParser(limits);
        this.writer = new ReplyWriter(pool, limits.maxOutputBufferBytes());
        this.client = new Client(server.nextClientId(), server, this, address(channel, true),
            address(channel, false), writer, nowMillis);
    }

    private static String address(final SocketChannel channel, final boolean remote) {
        try {
            final SocketAddress address = remote ? channel.getRemoteAddress() : channel.getLocalAddress();
            if (address instanceof InetSocketAddress inet) {
                return inet.getAddress().getHostAddress() + ":" + inet.getPort();
            }
            return String.valueOf(address);
        } catch (final IOException e) {
            return "?:0";
        }
    }

    Client client() {
        return client;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isSuspended() {
        return suspended;
    }

    void register(final SelectionKey selectionKey) {
        this.key = selectionKey;
        this.interest = SelectionKey.OP_READ;
        server.clients().put(client.id(), client);
    }

    /**
     * Reads what the socket holds, executes every complete command and writes the replies once.
     *
     * @param nowMillis the loop's current time.
     */
    void onReadable(final long nowMillis) {
        if (closed) {
            return;
        }
        refreshLimits();
        client.touch(nowMillis);
        try {
            for (int reads = 0; reads < MAX_READS_PER_EVENT; reads++) {
                if (!ensureReadSpace()) {
                    return;
                }
                final int n = channel.read(in);
                if (n < 0) {
                    close();
                    return;
                }
                if (n == 0) {
                    break;
                }
                server.netInputBytes().add(n);
                final boolean drained = in.hasRemaining();
                process();
                if (closed || suspended || client.closeAfterReply() || drained) {
                    break;
                }
                if (writer.pending() > EARLY_FLUSH_BYTES && !flush()) {
                    return;
                }
            }
            flush();
        } catch (final IOException e) {
            close();
        }
    }

    /** Writes pending replies after the socket became writable again. */
    void onWritable() {
        if (closed) {
            return;
        }
        try {
            if (flush() && !suspended && in != null && !client.closeAfterReply()) {
                // Input that arrived while the replies were blocked is waiting in the socket and the buffer.
                process();
                flush();
            }
        } catch (final IOException e) {
            close();
        }
    }

    /** Executes every complete command in the read buffer, then recycles or compacts the buffer. */
    private void process() {
        if (in == null) {
            return;
        }
        final ByteBuffer in = this.in;
        final int end = in.position();
        int commands = 0;
        processing = true;
        try {
            while (!suspended && !client.closeAfterReply()) {
                parser.authenticated(!client.authRequired());
                final int result = parser.parse(in, end);
                if (result == RespParser.COMMAND) {
                    if (client.pubsub() != null && client.pubsub().hasQueued() && !writeQueuedPushes()) {
                        close();
                        return;
                    }
                    if (client.repliesControlled()) {
                        writer.mute(client.beginCommandReplies());
                    }
                    final ExecGate.Slot slot = loop.gateSlot();
                    if (gate.enterUnlessBusy(slot)) {
                        try {
                            dispatcher.dispatch(client, parser.args());
                        } finally {
                            gate.exit(slot);
                        }
                    } else {
                        // A script has held the gate past busy-reply-threshold: BUSY, or SCRIPT KILL and the few
                        // commands Redis allows then, outside the gate.
                        dispatcher.dispatchWhileBusy(client, parser.args());
                    }
                    if (postponed) {
                        break;
                    }
                    if (!suspended && client.repliesControlled()) {
                        writer.mute(client.endCommandReplies());
                    }
                    commands++;
                } else if (result == RespParser.INCOMPLETE) {
                    break;
                } else {
                    // Redis replies to a protocol error and closes the connection: the rest is unparseable.
                    writer.error(parser.errorText());
                    client.closeAfterReply(true);
                    break;
                }
            }
        } catch (final ReplyWriter.OutputLimitExceeded e) {
            close();
            return;
        } finally {
            processing = false;
            if (commands > 0) {
                server.commandsProcessed().add(commands);
            }
        }
        if (!parser.inCommand() && parser.position() == end) {
            releaseInput();
        }
    }

    /**
     * Makes room in the read buffer before a read: borrows one, compacts it, or grows it to what the pending
     * command needs.
     *
     * @return false when the pending command passes client-query-buffer-limit (the connection is then closed).
     */
    private boolean ensureReadSpace() {
        if (in == null) {
            in = pool.acquire();
            parser.reset();
            return true;
        }
        if (in.hasRemaining()) {
            return true;
        }
        parser.compact(in);
        if (in.hasRemaining()) {
            return true;
        }
        final long required = parser.requiredCapacity(in.position());
        if (required > limits.maxQueryBufferBytes() || required > Integer.MAX_VALUE - 8) {
            // As Redis: "closing client that reached max query buffer length", without a reply.
            close();
            return false;
        }
        final int capacity = (int) Math.max(required, in.capacity() + 1L);
        final ByteBuffer grown = ByteBuffer.allocateDirect(capacity);
        in.flip();
        grown.put(in);
        pool.release(in);
        in = grown;
        return true;
    }

    private void releaseInput() {
        if (in != null) {
            pool.release(in);
            in = null;
            parser.reset();
        }
    }

    /**
     * Writes pending replies with one write.
     *
     * @return true when everything was written (or nothing was pending), false when some remain or the connection
     *     was closed.
     */
    private boolean flush() throws IOException {
        if (closed) {
            return false;
        }
        final ByteBuffer out = writer.buffer();
        if (out != null && out.position() > 0) {
            out.flip();
            final int written = channel.write(out);
            server.netOutputBytes().add(written);
            if (out.hasRemaining()) {
                out.compact();
                interest(SelectionKey.OP_WRITE);
                return false;
            }
            writer.release();
        } else {
            writer.release();
        }
        if (client.closeAfterReply()) {
            close();
            return false;
        }
        // A suspended (parked) connection keeps reading: its input is buffered, bounded by the query buffer limit,
        // and a client that disconnects while parked is noticed at once.
        interest(SelectionKey.OP_READ);
        return true;
    }

    /**
     * Tries to send pending replies during shutdown, without waiting.
     *
     * @return true when nothing is left to send.
     */
    boolean flushForShutdown() {
        try {
            final ByteBuffer out = writer.buffer();
            if (closed || out == null || out.position() == 0) {
                return true;
            }
            out.flip();
            channel.write(out);
            final boolean done = !out.hasRemaining();
            out.compact();
            return done;
        } catch (final IOException e) {
            close();
            return true;
        }
    }

    /**
     * Shutdown, after the replies were sent: half-closes the connection (the client reads the end of the stream
     * after its last reply) and discards whatever the client still sends, so that closing does not reset the
     * connection and drop replies the client has not read yet.
     *
     * @param scratch a buffer for the discarded bytes.
     * @return true when the client has closed its side too (or the connection is gone).
     */
    boolean drainAfterShutdown(final ByteBuffer scratch) {
        if (closed) {
            return true;
        }
        try {
            if (!channel.socket().isOutputShutdown()) {
                channel.shutdownOutput();
            }
            while (true) {
                scratch.clear();
                final int n = channel.read(scratch);
                if (n < 0) {
                    return true;
                }
                if (n == 0) {
                    return false;
                }
            }
        } catch (final IOException e) {
            return true;
        }
    }

    private void interest(final int ops) {
        if (interest != ops && key != null && key.isValid()) {
            key.interestOps(ops);
            interest = ops;
        }
    }

    private void refreshLimits() {
        final RespLimits current = server.limits();
        if (current != limits) {
            limits = current;
            parser.limits(current);
            writer.limit(current.maxOutputBufferBytes());
        }
    }

    /** Closes the socket and releases the buffers; idempotent. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Leave the blocking queues and watches first: once the client no longer counts as connected (INFO), no
        // write may serve its BLPOP any more, or the popped element would go to a dead socket.
        try {
            if (closeTasks != null) {
                for (final Runnable task : closeTasks) {
                    task.run();
                }
                closeTasks = null;
            }
        } finally {
            release();
        }
    }

    private void release() {
        server.clients().remove(client.id());
        server.connectedClients().decrementAndGet();
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (final IOException ignored) {
            // Nothing more can be done for a socket that fails to close.
        }
        writer.discard();
        releaseInput();
        loop.forget(this);
    }

    // ------------------------------------------------------------------------------------------------ ClientControl

    @Override
    public void kill() {
        if (loop.inLoop() && processing) {
            // CLIENT KILL of oneself: Redis still sends the reply before closing.
            client.closeAfterReply(true);
        } else {
            // Another connection, possibly on this loop: closed at once, between batches, even if it never sends
            // another command (a subscriber).
            loop.execute(this::close);
        }
    }

    @Override
    public void suspend() {
        suspended = true;
    }

    @Override
    public void postpone() {
        parser.rewind();
        suspended = true;
        postponed = true;
    }

    @Override
    public void resume() {
        loop.execute(() -> {
            if (closed || !suspended) {
                return;
            }
            suspended = false;
            if (postponed) {
                postponed = false;
            } else {
                // The command that suspended the connection has replied: it ends now.
                client.completeDeferredCommand();
                if (client.repliesControlled()) {
                    writer.mute(client.endCommandReplies());
                }
            }
            process();
            try {
                flush();
            } catch (final IOException e) {
                close();
            }
        });
    }

    @Override
    public void onClose(final Runnable task) {
        if (closeTasks == null) {
            closeTasks = new ArrayList<>(2);
        }
        closeTasks.add(task);
    }

    @Override
    public void execute(final Runnable task) {
        loop.execute(task);
    }

    @Override
    public void writePushes() {
        loop.execute(this::onPushes);
    }

    /** Writes the queued pub/sub messages and sends them; disconnects a subscriber past its limit. */
    private void onPushes() {
        if (closed) {
            return;
        }
        try {
            if (!writeQueuedPushes()) {
                close();
                return;
            }
            flush();
        } catch (final ReplyWriter.OutputLimitExceeded | IOException e) {
            close();
        }
    }

    /**
     * Moves the client's queued pub/sub messages into the reply buffer.
     *
     * @return false when the client passed its pub/sub output limit (queued or unsent) and must be disconnected.
     */
    private boolean writeQueuedPushes() {
        final ClientPubSub pubsub = client.pubsub();
        // Always drained when asked, even if empty: draining re-arms the publishers' wake-up.
        return pubsub == null || pubsub.writeQueued(writer)
            && pubsub.withinLimits(writer.pending(), System.currentTimeMillis());
    }

    @Override
    public int queryBufferLength() {
        final ByteBuffer buffer = in;
        return buffer == null ? 0 : buffer.position();
    }

    @Override
    public ExecGate.Slot gateSlot() {
        return loop.gateSlot();
    }

    @Override
    public int outputBufferLength() {
        return writer.pending();
    }
}
