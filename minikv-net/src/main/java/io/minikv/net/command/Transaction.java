package io.minikv.net.command;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.minikv.api.KvStore;
import io.minikv.net.resp.CommandArgs;

/**
 * One client's MULTI/WATCH state, as the {@code mstate} and watched keys of Redis's client: the queued commands
 * (copies of their arguments, since the parser's flyweight points into the read buffer), whether a refused command
 * aborts the transaction, and the watched keys with whether each existed when watched (a watched key that expires
 * before EXEC aborts it, as Redis 7's {@code isWatchedKeyExpired}).
 * <p>
 * Owned by the client's event loop; only {@link #dirtyWatch()} is called by other threads.
 */
final class Transaction {
    private final List<CommandArgs> queued = new ArrayList<>();
    private final List<WatchedKeys.WatchKey> watchedKeys = new ArrayList<>();
    private final List<Boolean> existed = new ArrayList<>();
    private boolean active;
    private boolean aborted;
    private boolean executing;
    private long queuedBytes;
    private boolean queuedDenyOom;
    /** Whether a queued command writes or may replicate: a WRITE pause then holds the EXEC, as Redis. */
    private boolean queuedWrite;
    private boolean closeHooked;
    private volatile boolean watchDirty;

    boolean active() {
        return active;
    }

    void begin() {
        active = true;
    }

    boolean aborted() {
        return aborted;
    }

    /** A command was refused while queueing: EXEC will answer EXECABORT. */
    void abort() {
        if (active) {
            aborted = true;
        }
    }

    boolean executing() {
        return executing;
    }

    void executing(final boolean value) {
        executing = value;
    }

    /**
     * Queues a copy of a command.
     *
     * @return the bytes queued so far, to bound them.
     */
    long queue(final CommandArgs args) {
        queued.add(args.copy());
        queuedBytes += args.byteLength() + 16L * args.count();
        return queuedBytes;
    }

    /** A queued command may grow the store: EXEC is refused over the memory limit, as Redis's mstate.cmd_flags. */
    void queuedDenyOom() {
        queuedDenyOom = true;
    }

    boolean hasDenyOom() {
        return queuedDenyOom;
    }

    void queuedWrite() {
        queuedWrite = true;
    }

    boolean hasWrite() {
        return queuedWrite;
    }

    List<CommandArgs> queued() {
        return queued;
    }

    /** Ends the MULTI state (EXEC, DISCARD): the queue is dropped. */
    void reset() {
        queued.clear();
        active = false;
        aborted = false;
        queuedBytes = 0;
        queuedDenyOom = false;
        queuedWrite = false;
    }

    void dirtyWatch() {
        watchDirty = true;
    }

    /** Watches a key; a key already watched is left as it is. */
    void watch(final Client c, final byte[] key) {
        final WatchedKeys.WatchKey id = new WatchedKeys.WatchKey(c.dbIndex(), ByteBuffer.wrap(key));
        if (watchedKeys.contains(id)) {
            return;
        }
        if (!closeHooked) {
            closeHooked = true;
            c.control().onClose(() -> unwatch(c.server().watches()));
        }
        watchedKeys.add(id);
        existed.add(c.db().exists(key) > 0);
        c.server().watches().watch(this, id);
    }

    /**
     * Returns whether EXEC must fail: a watched key was written, or existed when watched and has expired since.
     */
    boolean watchFailed(final KvStore db) {
        if (watchDirty) {
            return true;
        }
        for (int i = 0; i < watchedKeys.size(); i++) {
            if (existed.get(i)) {
                final WatchedKeys.WatchKey id = watchedKeys.get(i);
                final byte[] key = new byte[id.key().remaining()];
                id.key().duplicate().get(key);
                if (db.database(id.db()).exists(key) == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Drops every watch (EXEC, DISCARD, UNWATCH, close). */
    void unwatch(final WatchedKeys registry) {
        if (!watchedKeys.isEmpty()) {
            registry.unwatch(this, watchedKeys);
            watchedKeys.clear();
            existed.clear();
        }
        watchDirty = false;
    }
}
