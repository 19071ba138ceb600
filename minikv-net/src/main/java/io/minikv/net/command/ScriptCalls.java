package io.minikv.net.command;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;

import io.minikv.api.KvError;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.DoubleFormat;
import io.minikv.net.script.LuaErrors;
import io.minikv.net.script.LuaReplies;
import io.minikv.net.script.LuaSandbox;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * One script run's link to the server: {@code redis.call} and {@code redis.pcall} run commands through the one
 * {@link Dispatcher} on the script's own {@link Client} (Redis's Lua client: its database starts as the caller's,
 * it is always authenticated, and it counts as inside EXEC, so a blocking command answers at once), and the reply
 * the command wrote is read back as a Lua value ({@link LuaReplies}). Before dispatching it refuses, with Redis's
 * texts, what a script may not call: unknown commands, wrong arities, {@code noscript} commands, writes from a
 * read-only script, and {@code denyoom} commands over the memory limit before the script's first write.
 * <p>
 * It is also the run's watchdog: the state SCRIPT KILL and BUSY read from other threads is volatile.
 * <p>
 * Used by the thread running the script.
 */
final class ScriptCalls implements LuaSandbox.Host {
    private static final Logger LOG = System.getLogger("io.minikv.net.script");

    private final ServerContext server;
    private final Client script;
    private final Scripting.Run run;
    /** The client running the script, whose CLIENT LIST line the ACL log shows. */
    private final Client caller;
    private final boolean readOnly;
    private final long startNanos;
    private final long thresholdNanos;
    private volatile boolean wrote;
    private volatile boolean killRequested;
    private volatile boolean busy;

    ScriptCalls(final ServerContext server, final Client script, final Client caller, final Scripting.Run run,
        final long startNanos, final long thresholdMillis) {
        this.server = server;
        this.script = script;
        this.caller = caller;
        this.run = run;
        this.readOnly = run.readOnly();
        this.startNanos = startNanos;
        this.thresholdNanos = thresholdMillis * 1_000_000L;
    }

    @Override
    public LuaValue call(final Varargs args, final boolean raise) {
        final int n = args.narg();
        if (n == 0) {
            return fail(KvError.SCRIPT_NO_ARGS.text(), raise);
        }
        final byte[][] argv = new byte[n][];
        for (int i = 0; i < n; i++) {
            final LuaValue a = args.arg(i + 1);
            if (a.type() == LuaValue.TSTRING) {
                final LuaString s = a.checkstring();
                argv[i] = new byte[s.m_length];
                System.arraycopy(s.m_bytes, s.m_offset, argv[i], 0, s.m_length);
            } else if (a.type() == LuaValue.TNUMBER) {
                // Redis formats a number argument with %.17g.
                argv[i] = DoubleFormat.format(a.todouble());
            } else {
                return fail(KvError.SCRIPT_BAD_ARG.text(), raise);
            }
        }
        final CommandArgs command = CommandArgs.of(argv);
        CommandSpec spec = server.table().lookup(command, 0);
        if (spec != null && !spec.subcommands().isEmpty() && n >= 2) {
            spec = CommandTable.lookupSub(spec, command, 1);
        }
        if (spec == null) {
            return fail(KvError.SCRIPT_UNKNOWN_COMMAND.text(), raise);
        }
        if (!spec.arityOk(n)) {
            return fail(KvError.SCRIPT_WRONG_ARITY.text(), raise);
        }
        if (spec.has(CommandSpec.FLAG_NOSCRIPT)) {
            return fail(KvError.SCRIPT_NOT_ALLOWED.text(), raise);
        }
        final String denied = aclDenial(spec, command);
        if (denied != null) {
            return fail(denied, raise);
        }
        final boolean write = spec.has(CommandSpec.FLAG_WRITE);
        // Redis counts may_replicate commands (PUBLISH, PFCOUNT) as writes for read-only scripts.
        if ((write || spec.has(CommandSpec.FLAG_MAY_REPLICATE)) && readOnly) {
            return fail(KvError.SCRIPT_WRITE_READONLY.text(), raise);
        }
        if (spec.has(CommandSpec.FLAG_DENYOOM) && !wrote && !run.allowOom() && server.memoryExceeded()) {
            return fail(KvError.OOM.text(), raise);
        }
        if (write) {
            wrote = true;
        }
        server.dispatcher().dispatch(script, command);
        final ByteBuffer out = script.reply().buffer();
        final LuaValue reply = LuaReplies.toLua(out, 0, out.position());
        script.reply().release();
        if (raise && reply.istable()) {
            final LuaValue err = reply.rawget("err");
            if (err.isstring()) {
                throw new LuaErrors.CallError(err.tojstring());
            }
        }
        return reply;
    }

    /**
     * Checks the command against the caller's ACL user, as Redis's {@code scriptVerifyACL}, and logs a denial.
     *
     * @return null when allowed, otherwise the error text.
     */
    private String aclDenial(final CommandSpec spec, final CommandArgs command) {
        final AclUser user = script.user();
        final AclUser.Rules rules = user.rules();
        if (rules.unrestricted()) {
            return null;
        }
        final Acl acl = server.acl();
        final int verdict = acl.check(rules, spec, command, 0);
        if (verdict == Acl.OK) {
            return null;
        }
        acl.logDenial(caller, user, verdict, AclLog.LUA, spec, command, 0);
        final int code = Acl.code(verdict);
        return (code == Acl.DENIED_CMD ? KvError.SCRIPT_ACL_COMMAND : code == Acl.DENIED_KEY ? KvError.SCRIPT_ACL_KEY
            : KvError.SCRIPT_ACL_CHANNEL).text();
    }

    private static LuaValue fail(final String text, final boolean raise) {
        if (raise) {
            throw new LuaErrors.CallError(text);
        }
        final LuaTable t = new LuaTable();
        t.rawset("err", LuaValue.valueOf(text));
        return t;
    }

    @Override
    public void log(final int level, final String message) {
        final Level l = level == 3 ? Level.WARNING : level == 2 ? Level.INFO : Level.DEBUG;
        LOG.log(l, message);
    }

    @Override
    public void checkpoint() {
        if (!busy && System.nanoTime() - startNanos > thresholdNanos) {
            busy = true;
            LOG.log(Level.WARNING, "Slow script detected: still in execution after "
                + (thresholdNanos / 1_000_000) + " milliseconds. You can try killing the script using the "
                + "SCRIPT KILL command.");
            server.execGate().busy(true);
        }
        if (killRequested) {
            throw new LuaErrors.KillError(KvError.SCRIPT_KILLED.text());
        }
    }

    /** @return what runs. */
    Scripting.Run run() {
        return run;
    }

    /** @return when the run started, in {@link System#nanoTime()} terms. */
    long startNanos() {
        return startNanos;
    }

    /** @return whether the script has run a write command (SCRIPT KILL then refuses). */
    boolean wrote() {
        return wrote;
    }

    /** @return whether the script has run past busy-reply-threshold. */
    boolean busy() {
        return busy;
    }

    /** Asks the script to stop at its next checkpoint. Thread-safe. */
    void kill() {
        killRequested = true;
    }
}
