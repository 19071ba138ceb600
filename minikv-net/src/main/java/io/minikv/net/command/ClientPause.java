package io.minikv.net.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * CLIENT PAUSE, as Redis 7.0's {@code pauseClients}: while a pause lasts, the commands it covers are held, not
 * refused. ALL holds every command; WRITE holds those that write or may replicate (Redis's {@code write} and
 * {@code may_replicate} flags: PUBLISH, PFCOUNT, EVAL, EVALSHA...) and an EXEC whose transaction queued one, while
 * reads go on. As in Redis, the command is held after the checks that can refuse it (unknown command, arity,
 * authentication...), so a wrong command is answered at once, and the background expiry pauses too.
 * <p>
 * <b>Holding.</b> The dispatcher asks {@link #hold} before it runs a command, only while {@link #active()} (one
 * volatile read). A held client's connection puts the command back into its input ({@link ClientControl#postpone})
 * and stops reading commands, as a blocked client does: nothing spins. When the pause ends, by CLIENT UNPAUSE or its
 * deadline (a timer, so that held clients wake up without anyone sending a command), every held connection resumes
 * and runs the command again, which a newer pause may hold again. A pause never holds the commands EXEC or a script
 * runs (a pause set inside MULTI starts after the transaction, as in Redis).
 * <p>
 * Thread-safe: pauses, holds and the end of a pause are serialized by this object's monitor, so no client is held
 * after the pause that held it was lifted.
 */
final class ClientPause {
    /** No pause. */
    static final int NONE = 0;
    /** Writes are held. */
    static final int WRITE = 1;
    /** Every command is held. */
    static final int ALL = 2;

    private final ServerContext server;
    private final List<ClientControl> held = new ArrayList<>();
    private volatile int type = NONE;
    private long endMillis;
    private ScheduledThreadPoolExecutor timer;
    private ScheduledFuture<?> deadline;

    ClientPause(final ServerContext server) {
        this.server = server;
    }

    /** @return whether a pause may be under way: the dispatcher asks {@link #hold} only then. */
    boolean active() {
        return type != NONE;
    }

    /**
     * Pauses clients, or extends the current pause: as Redis, the later deadline and the stricter mode win.
     *
     * @param untilMillis the end of the pause, Unix milliseconds; a past one pauses nothing.
     * @param mode {@link #WRITE} or {@link #ALL}.
     */
    synchronized void pause(final long untilMillis, final int mode) {
        final long now = System.currentTimeMillis();
        final long end = Math.max(endMillis, untilMillis);
        if (end <= now) {
            return;
        }
        endMillis = end;
        type = Math.max(type, mode);
        if (server.engine() != null) {
            server.engine().pauseActiveExpiry(true);
        }
        if (deadline != null) {
            deadline.cancel(false);
        }
        deadline = timer().schedule(this::expire, end - now, TimeUnit.MILLISECONDS);
    }

    /**
     * Holds a command if the pause covers it: its connection puts it back and waits for the end of the pause.
     *
     * @param client the client, on its event loop thread, outside EXEC and scripts.
     * @param spec the command.
     * @return true when the command was held and must not run now.
     */
    synchronized boolean hold(final Client client, final CommandSpec spec) {
        final int mode = type;
        if (mode == NONE) {
            return false;
        }
        if (System.currentTimeMillis() >= endMillis) {
            unpause();
            return false;
        }
        if (mode == WRITE && !writes(client, spec)) {
            return false;
        }
        held.add(client.control());
        client.control().postpone();
        return true;
    }

    /** A command a WRITE pause holds: a write, a may_replicate command, or EXEC of a transaction that queued one. */
    private static boolean writes(final Client client, final CommandSpec spec) {
        if (spec.has(CommandSpec.FLAG_WRITE) || spec.has(CommandSpec.FLAG_MAY_REPLICATE)) {
            return true;
        }
        return spec.handler() == TransactionCommands.EXEC && client.inMulti() && client.transaction().hasWrite();
    }

    /** Ends the pause (CLIENT UNPAUSE, or its deadline): held clients run their commands again. */
    synchronized void unpause() {
        type = NONE;
        endMillis = 0;
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
        if (server.engine() != null) {
            server.engine().pauseActiveExpiry(false);
        }
        for (final ClientControl control : held) {
            control.resume();
        }
        held.clear();
    }

    /** The timer's end of a pause; the wall clock may lag the timer's by a little, so an early wake-up waits more. */
    private synchronized void expire() {
        if (type == NONE) {
            return;
        }
        final long now = System.currentTimeMillis();
        if (now >= endMillis) {
            unpause();
        } else {
            deadline = timer().schedule(this::expire, endMillis - now, TimeUnit.MILLISECONDS);
        }
    }

    /** @return how many connections wait for the end of the pause. */
    synchronized int heldCount() {
        return held.size();
    }

    private ScheduledThreadPoolExecutor timer() {
        if (timer == null) {
            timer = DaemonTimers.create("minikv-client-pause");
        }
        return timer;
    }
}
