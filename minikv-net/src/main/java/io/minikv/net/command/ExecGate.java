package io.minikv.net.command;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.ReentrantLock;

import io.minikv.engine.WriteGate;

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
 * the engine's segment locks nor the blocking-clients registry's monitor, which an EXEC may then need. The blocking
 * timer never waits here; the embedding application's writes do, as follows.
 * <p>
 * <b>The application's writes.</b> While a server runs, every write the application makes through the store passes
 * the gate as a {@link WriteGate}: the same handshake, with a counter per stripe of threads instead of a flag per
 * loop (any number of threads write, so a flag of its own each is not possible; striping by thread keeps two
 * writers off one cache line most of the time). An increment is a full fence, as raising a flag is. So an EXEC never
 * runs while an application write is under way, an application write waits while an EXEC runs, and an application
 * write that modified a watched key has told the watch registry before an EXEC can check it. The cost of an
 * application write is two uncontended atomic increments; with no server, the engine skips the gate entirely. An
 * application write holds no lock while it waits, and takes none of the server's between its entry and exit but
 * the blocking registry's monitor (to wake blocked clients), which nothing holds while waiting for the gate.
 */
public final class ExecGate implements WriteGate {
    /** Stripes of the application's writers: a power of two, a few per core. */
    private static final int STRIPES = Integer.highestOneBit(Math.max(1,
        Runtime.getRuntime().availableProcessors() * 4 - 1)) * 2;
    /** Ints between two stripes' counters: 64 bytes, so each has a cache line of its own. */
    private static final int SPREAD = 16;
    /** How often a command waiting for a script checks whether the script turned busy. */
    private static final long BUSY_POLL_MS = 10;
    private final ReentrantLock execLock = new ReentrantLock();
    private volatile Slot[] slots = new Slot[0];
    private volatile boolean closed;
    /** Set while a script holding the gate runs past busy-reply-threshold: waiting commands then get BUSY. */
    private volatile boolean busy;
    /** Application writes under way, per stripe of threads (index {@code stripe * SPREAD}). */
    private final AtomicIntegerArray writers = new AtomicIntegerArray(STRIPES * SPREAD);

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
     * Called by a loop before it runs a command, as {@link #enter}, but gives up when the gate's holder is a script
     * that has run past busy-reply-threshold: the command is then answered BUSY (or, for the few allowed, run outside
     * the gate) instead of waiting for the script. Waits in short parks so that it notices a script turning busy.
     *
     * @param slot the loop's slot.
     * @return true when the command may run (as after {@link #enter}); false when a busy script holds the gate (the
     *     flag is then down: do not call {@link #exit}).
     */
    public boolean enterUnlessBusy(final Slot slot) {
        slot.executing = true;
        while (closed) {
            slot.executing = false;
            if (busy) {
                return false;
            }
            try {
                if (execLock.tryLock(BUSY_POLL_MS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    execLock.unlock();
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            slot.executing = true;
        }
        return true;
    }

    /**
     * Marks the script holding the gate as busy (past busy-reply-threshold) or not; the script's thread clears it
     * before it reopens the gate.
     *
     * @param value true once the threshold passed.
     */
    public void busy(final boolean value) {
        busy = value;
    }

    /** @return whether a busy script holds the gate. */
    public boolean busy() {
        return busy;
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

    /** @return whether an EXEC holds the gate closed; for tests. */
    boolean closed() {
        return closed;
    }

    /**
     * Called by the engine before an application write: waits while an EXEC runs, then keeps one from starting until
     * {@link #exitWrite}.
     */
    @Override
    public void enterWrite() {
        final int i = stripe();
        // The increment is a full fence: the gate is read after it, as a loop reads it after raising its flag.
        writers.getAndIncrement(i);
        while (closed) {
            writers.getAndDecrement(i);
            execLock.lock();
            execLock.unlock();
            writers.getAndIncrement(i);
        }
    }

    /** Called by the engine after an application write, on the thread that entered. */
    @Override
    public void exitWrite() {
        writers.getAndDecrement(stripe());
    }

    /** The calling thread's stripe: its id is fixed, so the entry and the exit of a write find the same counter. */
    private static int stripe() {
        return (int) (Thread.currentThread().getId() & (STRIPES - 1)) * SPREAD;
    }

    /**
     * Runs a transaction alone: no other loop runs a command meanwhile, nor does the application write.
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
            for (int i = 0; i < STRIPES * SPREAD; i += SPREAD) {
                while (writers.get(i) != 0) {
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
