package io.minikv.net.command;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes EXEC atomic across event loops at almost no cost to ordinary commands.
 * <p>
 * <b>Design.</b> Each event loop owns a {@link Slot} with a volatile {@code executing} flag that it raises around
 * every command ({@link #enter}/{@link #exit}). EXEC takes the server-wide {@code execLock}, closes the gate (a
 * volatile flag) and waits until every other loop's flag is down; it then runs its queued commands alone and
 * reopens the gate. A loop that raises its flag and then finds the gate closed lowers it again and waits for the
 * EXEC to finish by taking and releasing {@code execLock}. Raising the flag then reading the gate, against closing
 * the gate then reading the flags, is Dekker's handshake over volatiles: at least one side sees the other, so no
 * command of another loop can run while an EXEC does. The cost of an ordinary command is two volatile writes and
 * one volatile read of data that is written only by its own loop (and the gate, written only by EXEC).
 * <p>
 * <b>Deadlocks.</b> EXEC lowers its own loop's flag before it takes {@code execLock}, so two loops running EXEC at
 * once simply queue on the lock. A loop waits at the gate only before a command, holding no lock: never inside
 * the engine's segment locks nor the blocking-clients registry's monitor, which an EXEC may then need. Threads that
 * are not event loops (the blocking timer, the embedding application) never wait here.
 */
public final class ExecGate {
    private final ReentrantLock execLock = new ReentrantLock();
    private volatile Slot[] slots = new Slot[0];
    private volatile boolean closed;

    /**
     * One event loop's flag. Written by its loop twice per command, so it gets a cache line of its own: the slots are
     * allocated together, and without the padding (HotSpot lays the longs out first, the flag after them) every
     * command would invalidate the line the other loops write too.
     */
    public static final class Slot {
        private long p01;
        private long p02;
        private long p03;
        private long p04;
        private long p05;
        private long p06;
        private long p07;
        private long p08;
        private volatile boolean executing;
    }

    private static final VarHandle EXECUTING;

    static {
        try {
            EXECUTING = MethodHandles.lookup().findVarHandle(Slot.class, "executing", boolean.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Registers an event loop.
     *
     * @return the loop's slot.
     */
    public synchronized Slot register() {
        final Slot slot = new Slot();
        final Slot[] next = java.util.Arrays.copyOf(slots, slots.length + 1);
        next[slots.length] = slot;
        slots = next;
        return slot;
    }

    /**
     * Called by a loop before it runs a command: waits while an EXEC of another loop runs.
     *
     * @param slot the loop's slot.
     */
    public void enter(final Slot slot) {
        slot.executing = true;
        while (closed) {
            slot.executing = false;
            execLock.lock();
            execLock.unlock();
            slot.executing = true;
        }
    }

    /**
     * Called by a loop after a command.
     *
     * @param slot the loop's slot.
     */
    public void exit(final Slot slot) {
        // A release store is enough: an EXEC waiting for this flag sees it soon, and nothing after it
        // needs ordering; the full fence is only needed when raising the flag, before the gate is read.
        EXECUTING.setRelease(slot, false);
    }

    /**
     * Runs a transaction alone: no other loop runs a command meanwhile.
     *
     * @param own the calling loop's slot (it is inside {@link #enter}), or null when the caller is no loop.
     * @param body the transaction.
     */
    public void exclusive(final Slot own, final Runnable body) {
        if (own != null) {
            own.executing = false;
        }
        execLock.lock();
        try {
            closed = true;
            for (final Slot slot : slots) {
                while (slot != own && slot.executing) {
                    // The loop finishes one command; yielding lets it run when loops outnumber the cores.
                    Thread.yield();
                }
            }
            body.run();
        } finally {
            closed = false;
            execLock.unlock();
            if (own != null) {
                enter(own);
            }
        }
    }
}
