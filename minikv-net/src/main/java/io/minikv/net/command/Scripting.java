package io.minikv.net.command;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.minikv.api.KvError;
import io.minikv.net.resp.BufferPool;
import io.minikv.net.resp.ReplyWriter;
import io.minikv.net.script.LuaErrors;
import io.minikv.net.script.LuaReplies;
import io.minikv.net.script.LuaSandbox;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;

/**
 * The server's scripting state, as Redis's {@code eval.c}: the script cache (SHA1 of the body, lower-case hex, to
 * the compiled function; EVAL caches what it runs, as SCRIPT LOAD does), the one Lua state ({@link LuaSandbox}),
 * the script client {@code redis.call} runs commands as, and the script running now, which SCRIPT KILL stops and
 * which makes other clients' commands answer BUSY once it has run longer than busy-reply-threshold.
 * <p>
 * A script runs alone: inside the server's {@link ExecGate} (no other client's command and no write of the
 * embedding application interleaves, as with EXEC) and under {@code runLock}, which guards the Lua state. It runs
 * on a thread of its own, not on the caller's event loop, so that every event loop can answer BUSY and SCRIPT KILL
 * while it runs; inside EXEC it runs on the EXEC's thread.
 * <p>
 * Thread-safe: the cache is concurrent, the Lua state is used under the lock, the running script is volatile.
 */
final class Scripting {
    private static final Logger LOG = System.getLogger(Scripting.class.getName());
    /** Redis's default busy-reply-threshold (lua-time-limit), in milliseconds. */
    static final long DEFAULT_BUSY_THRESHOLD_MS = 5000;

    /** A cached script: its body and compiled function. */
    record Script(String sha, byte[] body, LuaFunction function) {
    }

    /** What a run executes: an EVAL script in the scripting sandbox, or a function in the function engine. */
    @FunctionalInterface
    interface Body {
        /**
         * Runs the Lua code.
         *
         * @param calls the run's link to the server.
         * @return the first value the code returned.
         * @throws LuaError when the code fails.
         */
        LuaValue invoke(ScriptCalls calls);
    }

    /**
     * One run of a script or a function.
     *
     * @param name what error replies and FUNCTION STATS call it: the script's SHA1 or the function's name.
     * @param function true for FCALL and FCALL_RO (FUNCTION KILL stops it, SCRIPT KILL does not).
     * @param command the command that started it, for FUNCTION STATS.
     * @param readOnly whether writes are refused (EVAL_RO, a {@code no-writes} function).
     * @param allowOom whether denyoom commands run over the memory limit (an {@code allow-oom} function).
     * @param body the code.
     */
    record Run(String name, boolean function, byte[][] command, boolean readOnly, boolean allowOom, Body body) {
    }

    private final ServerContext server;
    private final Map<String, Script> cache = new ConcurrentHashMap<>();
    private final ReentrantLock runLock = new ReentrantLock();
    private LuaSandbox sandbox;
    private Client scriptClient;
    private volatile ScriptCalls running;
    private volatile boolean aborting;
    /** Where a script run on the scripting thread writes its reply, before it is copied to the client's loop. */
    private final ReplyWriter resultWriter = new ReplyWriter(new BufferPool(4096, 2), Integer.MAX_VALUE - 64);
    /** The scripting thread: one, as one script runs at a time; it ends when idle, and never holds up an exit. */
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
            final Thread t = new Thread(r, "minikv-scripting");
            t.setDaemon(true);
            return t;
        });
    private volatile long busyThresholdMillis = DEFAULT_BUSY_THRESHOLD_MS;

    Scripting(final ServerContext server) {
        this.server = server;
    }

    /** @return busy-reply-threshold in milliseconds. */
    long busyThresholdMillis() {
        return busyThresholdMillis;
    }

    /**
     * Sets busy-reply-threshold (CONFIG SET busy-reply-threshold or lua-time-limit).
     *
     * @param millis milliseconds, 0 for BUSY from the first checkpoint.
     */
    void busyThresholdMillis(final long millis) {
        busyThresholdMillis = millis;
    }

    /**
     * Compiles a body and caches it under its SHA1 (SCRIPT LOAD, EVAL).
     *
     * @param body the Lua source.
     * @return the cached script.
     * @throws LuaError when it does not compile.
     */
    Script load(final byte[] body) {
        final String sha = LuaSandbox.sha1hex(body);
        final Script cached = cache.get(sha);
        if (cached != null) {
            return cached;
        }
        runLock.lock();
        try {
            final Script script = new Script(sha, body.clone(), sandbox().compile(body));
            cache.put(sha, script);
            return script;
        } finally {
            runLock.unlock();
        }
    }

    /**
     * Looks a script up by SHA1, case-insensitively.
     *
     * @param sha the hex digest as the client sent it.
     * @return the script, or null.
     */
    Script lookup(final String sha) {
        return sha.length() == 40 ? cache.get(sha.toLowerCase(Locale.ROOT)) : null;
    }

    /**
     * Returns whether a script is cached (SCRIPT EXISTS).
     *
     * @param sha the hex digest.
     * @return true when cached.
     */
    boolean exists(final String sha) {
        return lookup(sha) != null;
    }

    /** Empties the cache (SCRIPT FLUSH). */
    void flush() {
        cache.clear();
    }

    /**
     * Runs a script for a client and writes its reply. Inside EXEC it runs at once on the caller's thread (EXEC holds
     * the gate). Otherwise the client's connection is parked and the script runs on the scripting thread, inside the
     * gate: the event loops stay free to answer other clients, with BUSY once the script passes busy-reply-threshold
     * (clients on the caller's own loop included), and to take SCRIPT KILL. The reply is handed back to the client's
     * loop, which then runs the client's next commands.
     *
     * @param c the calling client.
     * @param script the script.
     * @param keys its KEYS.
     * @param argv its ARGV.
     * @param readOnly true for EVAL_RO and EVALSHA_RO.
     */
    void run(final Client c, final Script script, final byte[][] keys, final byte[][] argv, final boolean readOnly) {
        run(c, new Run(script.sha(), false, null, readOnly, false,
            calls -> sandbox().run(script.function(), keys, argv, calls)));
    }

    /**
     * Runs a script or a function for a client and writes its reply, as {@link #run(Client, Script, byte[][],
     * byte[][], boolean)} describes.
     *
     * @param c the calling client.
     * @param run what to run.
     */
    void run(final Client c, final Run run) {
        if (c.inExec()) {
            runAlone(c.reply(), c, run);
            return;
        }
        final ClientControl control = c.control();
        control.suspend();
        executor.execute(() -> {
            final byte[][] reply = new byte[1][];
            final long[] ranNanos = new long[1];
            try {
                server.execGate().exclusive(null, () -> {
                    final long start = System.nanoTime();
                    runAlone(resultWriter, c, run);
                    ranNanos[0] = System.nanoTime() - start;
                    reply[0] = drain(resultWriter);
                });
            } finally {
                final byte[] bytes = reply[0];
                final long nanos = ranNanos[0];
                control.execute(() -> {
                    // The script's run is part of EVAL's execution time, as the slow log counts it.
                    c.addDeferredNanos(nanos);
                    if (bytes != null) {
                        c.reply().raw(bytes);
                    } else {
                        c.reply().error(KvError.INTERNAL);
                    }
                    control.resume();
                });
            }
        });
    }

    /** Runs a script under the run lock, writing its reply to {@code out}; the caller holds the gate. */
    private void runAlone(final ReplyWriter out, final Client c, final Run run) {
        runLock.lock();
        try {
            final Client lua = scriptClient();
            lua.select(c.db());
            // Its commands are checked against the caller's ACL user, as Redis's script client takes it.
            lua.user(c.user());
            final ScriptCalls calls = new ScriptCalls(server, lua, c, run, System.nanoTime(), busyThresholdMillis);
            running = calls;
            try {
                if (aborting) {
                    calls.kill();
                }
                final LuaValue result = run.body().invoke(calls);
                LuaReplies.toResp(result, out);
            } catch (final LuaError e) {
                out.error(LuaErrors.reply(e, run.name()));
            } catch (final RuntimeException e) {
                LOG.log(Level.ERROR, "script " + run.name() + " failed", e);
                out.error(KvError.INTERNAL);
            } finally {
                running = null;
                server.execGate().busy(false);
                lua.reply().release();
                // Clients blocked on keys the script wrote are served once it ended, as in Redis.
                lua.releaseSignals();
            }
        } finally {
            runLock.unlock();
        }
    }

    private static byte[] drain(final ReplyWriter writer) {
        final java.nio.ByteBuffer buffer = writer.buffer();
        final byte[] bytes = new byte[buffer == null ? 0 : buffer.position()];
        if (buffer != null) {
            buffer.get(0, bytes);
        }
        writer.release();
        return bytes;
    }

    /**
     * Stops the running script, written or not, and every script that starts from now on: the server is closing
     * (Redis's SHUTDOWN NOSAVE is the only way out of a script that has written).
     */
    void abort() {
        aborting = true;
        final ScriptCalls calls = running;
        if (calls != null) {
            calls.kill();
        }
    }

    /**
     * SCRIPT KILL and FUNCTION KILL: asks the running script or function to stop, as Redis's {@code scriptKill}.
     *
     * @param function true for FUNCTION KILL, which stops functions only (SCRIPT KILL, EVAL scripts only).
     * @return null when asked, else the error to reply (NOTBUSY, UNKILLABLE, or BUSY naming the other KILL).
     */
    KvError kill(final boolean function) {
        final ScriptCalls calls = running;
        if (calls == null) {
            return KvError.NOTBUSY;
        }
        if (calls.wrote()) {
            return KvError.UNKILLABLE;
        }
        if (calls.run().function() != function) {
            return busyError(calls);
        }
        calls.kill();
        return null;
    }

    /** @return the run under way, or null. */
    ScriptCalls running() {
        return running;
    }

    /** @return the BUSY error for the run under way: it names the KILL that stops it. */
    KvError busyError() {
        return busyError(running);
    }

    private static KvError busyError(final ScriptCalls calls) {
        return calls != null && calls.run().function() ? KvError.BUSY_FUNCTION : KvError.BUSY;
    }

    /** The Lua state, built on first use (loading the libraries takes a few milliseconds). */
    private LuaSandbox sandbox() {
        if (sandbox == null) {
            sandbox = new LuaSandbox(ServerContext.REDIS_VERSION);
        }
        return sandbox;
    }

    /**
     * Tells whether a client is the one scripts run their commands as (Redis's {@code CLIENT_SCRIPT} flag).
     *
     * @param c a client.
     * @return true for the script client.
     */
    static boolean isScriptClient(final Client c) {
        return c.control() instanceof ScriptControl;
    }

    /** Redis's Lua client: the commands of every script run as this client. */
    private Client scriptClient() {
        if (scriptClient == null) {
            final Client lua = new Client(server.nextClientId(), server, new ScriptControl(), "lua", "",
                new ReplyWriter(new BufferPool(4096, 4), Integer.MAX_VALUE - 64), System.currentTimeMillis());
            lua.authenticated(true);
            lua.markScript();
            // It always counts as inside EXEC: blocking commands answer at once, SAVE runs inline.
            lua.transaction().executing(true);
            scriptClient = lua;
        }
        return scriptClient;
    }

    /** The script client's connection: there is none, so nothing parks, closes or receives pushes. */
    private static final class ScriptControl implements ClientControl {
        @Override
        public void kill() {
            // No connection to close.
        }

        @Override
        public void suspend() {
            // Never asked: the script client counts as inside EXEC, where nothing blocks.
        }

        @Override
        public boolean isSuspended() {
            return false;
        }

        @Override
        public void resume() {
            // Never suspended.
        }

        @Override
        public void onClose(final Runnable task) {
            // The script client never closes.
        }

        @Override
        public void execute(final Runnable task) {
            task.run();
        }

        @Override
        public int queryBufferLength() {
            return 0;
        }

        @Override
        public int outputBufferLength() {
            return 0;
        }

        @Override
        public void writePushes() {
            // Subscribing is refused in scripts: nothing is ever pushed.
        }
    }
}
