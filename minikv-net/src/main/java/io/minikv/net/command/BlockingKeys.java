package io.minikv.net.command;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.minikv.api.KvError;
import io.minikv.api.KvStore;
import io.minikv.net.resp.CommandArgs;

/**
 * The clients parked by blocking commands (BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP, BZPOPMIN, BZPOPMAX, BZMPOP,
 * XREAD, XREADGROUP),
 * as Redis's {@code blocking.c}: one FIFO queue of waiters per (database, key), whatever the type. A write command
 * that touches a key with waiters signals it after it ran ({@link #signal}; the writes of EXEC and of a script
 * once the whole transaction or script ran, as Redis serves blocked clients after the command); the oldest waiter that can be served
 * gets what its {@link Request} pops, written on its own event loop, and its connection resumes. A waiter leaves
 * every queue when it is served, when its timeout fires, or when its connection closes.
 * <p>
 * Signals are handled as Redis's ready-keys list: a key signalled while waiters are being served (BLMOVE pushing
 * to its destination, which may have waiters of its own) is queued and served after the current key, never by
 * recursion, so a waiter is never looked at twice in one pass.
 * <p>
 * <b>Threads.</b> Thread-safe: any event loop may signal, block or cancel. All queue changes and the pops done for
 * waiters happen under this object's monitor, so two signals cannot serve one waiter twice nor one element to two
 * waiters. Timeouts run on one lazily started daemon timer thread, which only hands the nil reply to the client's
 * loop. With no waiter, {@link #hasWaiters()} is a single volatile read and nothing else happens on the write path.
 */
public final class BlockingKeys {
    private final Map<BlockKey, ArrayDeque<Waiter<?>>> queues = new HashMap<>();
    /** The waiter of each parked client, by client id; a client has at most one. */
    private final Map<Long, Waiter<?>> byClient = new HashMap<>();
    /** Clients whose connection already runs {@link #cancelClient} on close: one close task per client. */
    private final java.util.Set<Long> hooked = new java.util.HashSet<>();
    private final AtomicInteger waiting = new AtomicInteger();
    /** Keys signalled while serving, in signal order (monitor held). */
    private final ArrayDeque<BlockKey> ready = new ArrayDeque<>();
    private boolean serving;
    private ScheduledThreadPoolExecutor timer;

    /** A key of one database. */
    private record BlockKey(int db, ByteBuffer key) {
    }

    /**
     * What a waiter does once a key it waits on may hold data.
     *
     * @param <T> what a pop yields.
     */
    public interface Request<T> {
        /**
         * Pops for the waiter from one key; runs under the registry's monitor on the signalling thread. A pop that
         * changes another key (BLMOVE's destination) signals it through {@link #signal}; it is served next.
         *
         * @param store the waiter's database.
         * @param key the signalled key.
         * @return what was popped, or null when the key has nothing for this waiter (it keeps waiting).
         */
        T pop(KvStore store, byte[] key);

        /**
         * Writes the reply on the waiter's event loop.
         *
         * @param client the waiter.
         * @param popped what {@link #pop} returned, or null on timeout.
         */
        void reply(Client client, T popped);
    }

    /** One parked client. */
    private static final class Waiter<T> {
        final Client client;
        final KvStore store;
        final List<BlockKey> keys;
        final Request<T> request;
        ScheduledFuture<?> timeout;
        boolean done;

        Waiter(final Client client, final KvStore store, final List<BlockKey> keys, final Request<T> request) {
            this.client = client;
            this.store = store;
            this.keys = keys;
            this.request = request;
        }

        /** Pops for this waiter; returns the reply to run on its loop, or null when nothing was popped. */
        Runnable attempt(final byte[] key) {
            final T popped = request.pop(store, key);
            return popped == null ? null : () -> request.reply(client, popped);
        }

        /** The reply of a wait that ended unserved; as in Redis 7.0, such a command is not slow-logged. */
        Runnable timedOut() {
            return () -> {
                client.dropDeferredCommand();
                request.reply(client, null);
            };
        }
    }

    /**
     * Returns whether any client is parked; cheap enough for every write command.
     *
     * @return true when at least one client waits.
     */
    public boolean hasWaiters() {
        return waiting.get() > 0;
    }

    /**
     * Parks a client on keys: suspends its connection until a signal serves it, the timeout passes, or it
     * disconnects. The caller has already found every key empty; a write that raced with that check is caught by
     * the re-check here.
     *
     * @param client the client, on its event loop thread.
     * @param keys the keys, in the order given.
     * @param timeoutMillis 0 to wait forever.
     * @param request the pop and the reply.
     */
    public <T> void block(final Client client, final byte[][] keys, final long timeoutMillis,
        final Request<T> request) {
        if (client.inExec()) {
            // Inside EXEC nothing may wait: the command answers as if its timeout had passed, as in Redis.
            request.reply(client, null);
            return;
        }
        final BlockKey[] ids = new BlockKey[keys.length];
        for (int i = 0; i < keys.length; i++) {
            ids[i] = new BlockKey(client.dbIndex(), ByteBuffer.wrap(keys[i].clone()));
        }
        final Waiter<T> w = new Waiter<>(client, client.db(), List.of(ids), request);
        client.control().suspend();
        synchronized (this) {
            for (final BlockKey id : w.keys) {
                queues.computeIfAbsent(id, k -> new ArrayDeque<>()).add(w);
            }
            waiting.incrementAndGet();
            byClient.put(client.id(), w);
            if (hooked.add(client.id())) {
                final long id = client.id();
                client.control().onClose(() -> cancelClient(id));
            }
            if (timeoutMillis > 0) {
                w.timeout = timer().schedule(() -> expire(w), timeoutMillis, TimeUnit.MILLISECONDS);
            }
        }
        for (final BlockKey id : w.keys) {
            ready(id);
        }
    }

    private ScheduledThreadPoolExecutor timer() {
        if (timer == null) {
            timer = DaemonTimers.create("minikv-blocking-timer");
        }
        return timer;
    }

    /**
     * Signals that a key may have members now: serves its waiters, oldest first, while pops succeed.
     *
     * @param db the database index.
     * @param key the key bytes (not kept).
     */
    public void signal(final int db, final byte[] key) {
        if (!hasWaiters()) {
            return;
        }
        ready(new BlockKey(db, ByteBuffer.wrap(key.clone())));
    }

    /**
     * Signals every key of two databases that has waiters, after SWAPDB exchanged them: as Redis's
     * {@code scanDatabaseForReadyKeys}, a client waiting on a key the swap brought in is served. FLUSHDB and FLUSHALL
     * pass one database twice: a waiter whose key went is told (XREADGROUP), the others keep waiting.
     *
     * @param first one database.
     * @param second the other.
     */
    public void signalDatabases(final int first, final int second) {
        if (!hasWaiters()) {
            return;
        }
        final java.util.List<BlockKey> keys = new java.util.ArrayList<>();
        synchronized (this) {
            for (final BlockKey id : queues.keySet()) {
                if (id.db() == first || id.db() == second) {
                    keys.add(id);
                }
            }
        }
        for (final BlockKey id : keys) {
            ready(id);
        }
    }

    /** Queues a key and, unless a pass is already running on this thread, serves every queued key in order. */
    private synchronized void ready(final BlockKey id) {
        ready.add(id);
        if (serving) {
            return;
        }
        serving = true;
        try {
            BlockKey next;
            while ((next = ready.poll()) != null) {
                serve(next);
            }
        } finally {
            serving = false;
        }
    }

    /** Serves the waiters of one key, oldest first, while their pops succeed (monitor held). */
    private void serve(final BlockKey id) {
        final ArrayDeque<Waiter<?>> queue = queues.get(id);
        if (queue == null) {
            return;
        }
        final byte[] key = new byte[id.key().remaining()];
        id.key().duplicate().get(key);
        while (!queue.isEmpty()) {
            final Waiter<?> w = queue.peek();
            final Runnable reply;
            try {
                reply = w.attempt(key);
            } catch (final RuntimeException e) {
                // WRONGTYPE and the like: the key holds another type now; waiters keep waiting, as in Redis.
                return;
            }
            if (reply == null) {
                return;
            }
            finish(w, reply);
        }
    }

    /** Removes a waiter everywhere and hands its reply to its event loop (monitor held). */
    private void finish(final Waiter<?> w, final Runnable reply) {
        remove(w);
        w.client.control().execute(() -> {
            reply.run();
            w.client.control().resume();
        });
    }

    private void remove(final Waiter<?> w) {
        w.done = true;
        waiting.decrementAndGet();
        if (w.timeout != null) {
            w.timeout.cancel(false);
        }
        byClient.remove(w.client.id());
        for (final BlockKey id : w.keys) {
            final ArrayDeque<Waiter<?>> queue = queues.get(id);
            if (queue != null) {
                queue.remove(w);
                if (queue.isEmpty()) {
                    queues.remove(id);
                }
            }
        }
    }

    private synchronized void expire(final Waiter<?> w) {
        if (!w.done) {
            finish(w, w.timedOut());
        }
    }

    /**
     * Ends a client's wait from another connection (CLIENT UNBLOCK): it gets the reply its timeout would give, or
     * the UNBLOCKED error.
     *
     * @param clientId the parked client.
     * @param error true for the error, false for the timeout reply.
     * @return false when that client is not waiting.
     */
    public synchronized boolean unblock(final long clientId, final boolean error) {
        final Waiter<?> w = byClient.get(clientId);
        if (w == null || w.done) {
            return false;
        }
        finish(w, error ? () -> {
            w.client.dropDeferredCommand();
            w.client.reply().error(KvError.UNBLOCKED);
        } : w.timedOut());
        return true;
    }

    /** The connection closed: its waiter, if any, leaves every queue without being served. */
    private synchronized void cancelClient(final long clientId) {
        hooked.remove(clientId);
        final Waiter<?> w = byClient.get(clientId);
        if (w != null && !w.done) {
            remove(w);
        }
    }

    /**
     * Returns how many clients wait on a key (tests, INFO).
     *
     * @param db the database.
     * @param key the key.
     * @return the queue length.
     */
    public synchronized int waiters(final int db, final byte[] key) {
        final ArrayDeque<Waiter<?>> queue = queues.get(new BlockKey(db, ByteBuffer.wrap(key)));
        return queue == null ? 0 : queue.size();
    }

    /**
     * Parses a blocking command's timeout in seconds as Redis 7.0.15's {@code getTimeoutFromObjectOrReply} does: a
     * float, times 1000, rounded up to whole milliseconds (so 0.0001 waits 1 ms, while -0.0001 rounds to 0 and waits
     * forever); a result below zero, including the overflow of a huge or infinite value, is "negative". 0 waits
     * forever. Replies with the error and returns -1 on bad input.
     *
     * @param c the client.
     * @param i the timeout's argument index.
     * @return the timeout in milliseconds, or -1 after an error reply.
     */
    static long timeoutMillis(final Client c, final int i) {
        final CommandArgs a = c.args();
        if (!a.parseScore(i)) {
            c.reply().error(KvError.TIMEOUT_NOT_FLOAT);
            return -1;
        }
        final double millis = Math.ceil(a.doubleValue() * 1000.0);
        // C's cast of an out-of-range double yields Long.MIN_VALUE on x86: Redis then reports a negative timeout.
        final long value = millis >= 0x1p63 || Double.isInfinite(millis) ? Long.MIN_VALUE : (long) millis;
        if (value < 0) {
            c.reply().error(KvError.TIMEOUT_NEGATIVE);
            return -1;
        }
        return value;
    }
}
