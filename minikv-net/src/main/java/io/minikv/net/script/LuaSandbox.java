package io.minikv.net.script;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.minikv.api.KvError;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.DebugLib;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.ZeroArgFunction;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * The Lua state scripts run in, as Redis 7 builds it ({@code script_lua.c}, {@code eval.c}).
 * <p>
 * <b>Libraries.</b> Lua's base, {@code table}, {@code string} and {@code math} libraries, Redis's {@code bit}
 * and {@code cjson} (encode, decode, null), and the {@code redis} table. luaj is a Lua 5.2 VM; scripts written for
 * Redis's Lua 5.1 get its names back: {@code unpack}, {@code loadstring}, {@code gcinfo}, {@code table.getn},
 * {@code table.maxn}, {@code math.mod}, {@code math.log10}, {@code string.gfind}. Missing, as in Redis: {@code os},
 * {@code io}, {@code debug}, {@code require}, {@code module}, {@code package}, {@code loadfile}, {@code dofile},
 * {@code print}. Missing here but present in Redis: {@code coroutine}, {@code struct}, {@code cmsgpack} and
 * {@code redis.acl_check_cmd}.
 * <p>
 * <b>Sandbox.</b> The globals and the libraries are read-only (a script that sets a global fails with
 * {@code Attempt to modify a readonly table}), and reading a global that does not exist fails with
 * {@code Script attempted to access nonexistent global variable 'x'}, as in Redis 7. {@code pcall} and
 * {@code xpcall} give Lua 5.1's error values ({@link LuaErrors}), and none of them stops a script being killed.
 * <p>
 * <b>Running time.</b> Every {@link #CHECK_INTERVAL} VM instructions the sandbox calls {@link Host#checkpoint()},
 * which may raise {@link LuaErrors.KillError}; once raised, it is raised again at every instruction, so a script
 * cannot swallow it. luaj calls the hook through its debug-library slot, which is taken over here without exposing
 * a {@code debug} table.
 * <p>
 * Not thread-safe: one script runs at a time (callers serialise through the server's gate and a lock).
 */
public final class LuaSandbox {
    /** VM instructions between two {@link Host#checkpoint()} calls. */
    static final int CHECK_INTERVAL = 1000;
    private static final String CHUNK = "@user_script";

    /** What scripts reach outside Lua: the commands, the log and the clock. */
    public interface Host {
        /**
         * Runs {@code redis.call} ({@code raise} true) or {@code redis.pcall}.
         *
         * @param args the Lua arguments, the command name first.
         * @param raise whether an error reply raises a {@link LuaErrors.CallError} instead of being returned.
         * @return the reply as a Lua value.
         */
        LuaValue call(Varargs args, boolean raise);

        /**
         * Writes {@code redis.log}'s message to the server log.
         *
         * @param level 0 (debug) to 3 (warning).
         * @param message the words, joined by spaces.
         */
        void log(int level, String message);

        /** Called every {@link #CHECK_INTERVAL} instructions: may raise {@link LuaErrors.KillError}. */
        void checkpoint();
    }

    private final SandboxGlobals globals = new SandboxGlobals();
    private final Watchdog watchdog = new Watchdog();
    private Host host;

    /** @return the host of the script running now; the {@code redis} library calls it. */
    Host host() {
        return host;
    }

    /**
     * Builds the Lua state.
     *
     * @param redisVersion what {@code redis.REDIS_VERSION} holds, e.g. {@code 7.0.15}.
     */
    public LuaSandbox(final String redisVersion) {
        globals.load(new BaseLib());
        globals.load(new PackageLib());
        globals.load(new TableLib());
        globals.load(new StringLib());
        globals.load(new JseMathLib());
        LoadState.install(globals);
        LuaC.install(globals);
        globals.debuglib = watchdog;
        for (final String name : new String[] {"dofile", "loadfile", "print", "require", "module", "package"}) {
            globals.rawset(name, LuaValue.NIL);
        }
        shims();
        globals.rawset("pcall", new PCall());
        globals.rawset("xpcall", new XPCall());
        globals.rawset("bit", BitLib.create());
        globals.rawset("cjson", CjsonLib.create());
        globals.rawset("redis", RedisLib.create(redisVersion, this));
        for (final String lib : new String[] {"string", "table", "math", "bit", "cjson", "redis"}) {
            globals.rawset(lib, ReadOnlyTable.copyOf((LuaTable) globals.get(lib)));
        }
        final LuaTable stringMeta = new LuaTable();
        stringMeta.rawset(LuaValue.INDEX, globals.get("string"));
        LuaString.s_metatable = ReadOnlyTable.copyOf(stringMeta);
        globals.setmetatable(nonexistentGuard());
        globals.lock();
    }

    /**
     * Returns a read-only metatable whose {@code __index} fails as Redis 7 does when a script reads a global that
     * does not exist: {@code Script attempted to access nonexistent global variable 'x'}.
     *
     * @return a new locked metatable.
     */
    static LuaTable nonexistentGuard() {
        final LuaTable protect = new LuaTable();
        protect.rawset(LuaValue.INDEX, new TwoArgFunction() {
            @Override
            public LuaValue call(final LuaValue table, final LuaValue key) {
                throw new LuaError("Script attempted to access nonexistent global variable '" + key.tojstring()
                    + "'");
            }
        });
        return ReadOnlyTable.copyOf(protect);
    }

    /** @return the instruction hook, which the function engine's globals share so that its closures are watched. */
    DebugLib watchdog() {
        return watchdog;
    }

    /** @return the global table (read-only once built); the function engine reads through it. */
    LuaTable globals() {
        return globals;
    }

    /** Lua 5.1 names Redis scripts use that luaj (a 5.2 VM) lacks or drops. */
    private void shims() {
        final LuaTable table = (LuaTable) globals.get("table");
        final LuaTable math = (LuaTable) globals.get("math");
        final LuaTable string = (LuaTable) globals.get("string");
        globals.rawset("unpack", table.get("unpack"));
        final LuaValue load = globals.get("load");
        globals.rawset("loadstring", new VarArgFunction() {
            @Override
            public Varargs invoke(final Varargs args) {
                return load.invoke(LuaValue.varargsOf(args.checkstring(1), args.optvalue(2, args.arg1())));
            }
        });
        globals.rawset("gcinfo", new ZeroArgFunction() {
            @Override
            public LuaValue call() {
                return LuaValue.valueOf(usedKilobytes());
            }
        });
        // luaj's collectgarbage("collect") would run System.gc() on the server: only the count is real here.
        globals.rawset("collectgarbage", new VarArgFunction() {
            @Override
            public Varargs invoke(final Varargs args) {
                final String option = args.optjstring(1, "collect");
                return LuaValue.valueOf(option.equals("count") ? usedKilobytes() : 0);
            }
        });
        table.rawset("getn", new OneArgFunction() {
            @Override
            public LuaValue call(final LuaValue t) {
                return LuaValue.valueOf(t.checktable().length());
            }
        });
        table.rawset("maxn", new OneArgFunction() {
            @Override
            public LuaValue call(final LuaValue t) {
                double max = 0;
                LuaValue k = LuaValue.NIL;
                while (true) {
                    final Varargs next = t.checktable().next(k);
                    k = next.arg1();
                    if (k.isnil()) {
                        return LuaValue.valueOf(max);
                    }
                    if (k.type() == LuaValue.TNUMBER) {
                        max = Math.max(max, k.todouble());
                    }
                }
            }
        });
        math.rawset("mod", math.get("fmod"));
        math.rawset("log10", new OneArgFunction() {
            @Override
            public LuaValue call(final LuaValue x) {
                return LuaValue.valueOf(Math.log10(x.checkdouble()));
            }
        });
        string.rawset("gfind", string.get("gmatch"));
        string.rawset("format", new LuaFormat());
    }

    private static int usedKilobytes() {
        final Runtime rt = Runtime.getRuntime();
        return (int) ((rt.totalMemory() - rt.freeMemory()) / 1024);
    }

    /**
     * Returns the lower-case hex SHA1 of bytes, as scripts are named.
     *
     * @param body the bytes.
     * @return 40 hex digits.
     */
    public static String sha1hex(final byte[] body) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-1").digest(body);
            final StringBuilder hex = new StringBuilder(40);
            for (final byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /**
     * Compiles a script body.
     *
     * @param body the Lua source, bytes as sent.
     * @return the compiled function, to {@link #run}.
     * @throws LuaError when it does not compile; {@link LuaErrors#compileMessage} words it.
     */
    public LuaFunction compile(final byte[] body) {
        return compile(body, CHUNK, globals);
    }

    /**
     * Compiles a chunk under a name and with a global environment of its own (the function engine's libraries).
     *
     * @param body the Lua source.
     * @param chunk the chunk name errors show, e.g. {@code @user_function}.
     * @param env the chunk's {@code _ENV}.
     * @return the compiled function.
     * @throws LuaError when it does not compile.
     */
    LuaFunction compile(final byte[] body, final String chunk, final LuaValue env) {
        return (LuaFunction) globals.load(new ByteArrayInputStream(body), chunk, "t", env);
    }

    /**
     * Runs a compiled script with its keys and arguments.
     *
     * @param function from {@link #compile}.
     * @param keys the {@code KEYS} table's contents.
     * @param argv the {@code ARGV} table's contents.
     * @param runHost the commands, log and watchdog for this run.
     * @return the script's first return value ({@code nil} when it returned none).
     * @throws LuaError when the script fails; {@link LuaErrors#reply} words it.
     */
    public LuaValue run(final LuaFunction function, final byte[][] keys, final byte[][] argv, final Host runHost) {
        globals.setUnprotected("KEYS", table(keys));
        globals.setUnprotected("ARGV", table(argv));
        return invoke(function, LuaValue.NONE, runHost);
    }

    /**
     * Calls a function with arguments under a host's watchdog, positioning errors as {@link #run} does.
     *
     * @param function the function.
     * @param args its arguments.
     * @param runHost the commands, log and watchdog for this call.
     * @return the function's first return value.
     * @throws LuaError when the function fails.
     */
    LuaValue invoke(final LuaFunction function, final Varargs args, final Host runHost) {
        this.host = runHost;
        watchdog.reset();
        try {
            return function.invoke(args).eval().arg1();
        } catch (final LuaError e) {
            LuaErrors.positionIfMissing(e, watchdog.fileline());
            throw e;
        } catch (final StackOverflowError e) {
            final LuaError error = new LuaError("stack overflow");
            LuaErrors.positionIfMissing(error, watchdog.fileline());
            throw error;
        } finally {
            this.host = null;
        }
    }

    static LuaTable table(final byte[][] items) {
        final LuaTable t = new LuaTable(items.length, 0);
        for (int i = 0; i < items.length; i++) {
            t.rawset(i + 1, LuaString.valueUsing(items[i]));
        }
        return t;
    }

    /**
     * The instruction hook: luaj calls it through the debug-library slot. It keeps the prototypes of the running Lua
     * functions and the last instruction run, which gives the line of an error luaj leaves unpositioned: one raised
     * by a function called in a tail call ({@code return redis.call(...)}), after the caller's frame is gone.
     */
    private final class Watchdog extends DebugLib {
        private Prototype[] frames = new Prototype[16];
        private int depth;
        private Prototype lastProto;
        private int lastPc;
        private int count;
        private boolean killed;

        void reset() {
            count = 0;
            killed = false;
            depth = 0;
            lastProto = null;
        }

        /** @return {@code @user_script:<line>} of the last instruction run, or null before the first. */
        String fileline() {
            final Prototype p = lastProto;
            if (p == null) {
                return null;
            }
            final int line = p.lineinfo != null && lastPc >= 0 && lastPc < p.lineinfo.length ? p.lineinfo[lastPc] : 0;
            return p.source.tojstring() + ":" + line;
        }

        @Override
        public void onCall(final LuaFunction f) {
            // Only Lua functions are tracked: errors are positioned at the Lua line that called.
        }

        @Override
        public void onCall(final LuaClosure c, final Varargs varargs, final LuaValue[] stack) {
            if (depth == frames.length) {
                frames = java.util.Arrays.copyOf(frames, depth * 2);
            }
            frames[depth++] = c.p;
        }

        @Override
        public void onReturn() {
            if (depth > 0) {
                frames[--depth] = null;
            }
        }

        @Override
        public void onInstruction(final int pc, final Varargs v, final int top) {
            if (depth > 0) {
                lastProto = frames[depth - 1];
                lastPc = pc;
            }
            if (killed || ++count >= CHECK_INTERVAL) {
                count = 0;
                try {
                    host.checkpoint();
                } catch (final LuaErrors.KillError e) {
                    killed = true;
                    throw e;
                }
            }
        }

        @Override
        public String traceback(final int level) {
            return "";
        }
    }

    /**
     * Redis 7's pcall: Lua 5.1's error values, except that an error table with an {@code err} string gives that
     * string; a kill is not caught.
     */
    private static final class PCall extends VarArgFunction {
        @Override
        public Varargs invoke(final Varargs args) {
            final LuaValue f = args.checkvalue(1);
            try {
                return LuaValue.varargsOf(LuaValue.TRUE, f.invoke(args.subargs(2)).eval());
            } catch (final LuaErrors.KillError e) {
                throw e;
            } catch (final LuaError e) {
                // Redis 7's pcall gives the err field of an error table, as a string.
                final LuaValue value = LuaErrors.value(e);
                final LuaValue err = value.istable() ? value.rawget("err") : LuaValue.NIL;
                return LuaValue.varargsOf(LuaValue.FALSE, err.isstring() ? err : value);
            } catch (final StackOverflowError e) {
                return LuaValue.varargsOf(LuaValue.FALSE, LuaValue.valueOf("stack overflow"));
            }
        }
    }

    /** Lua 5.1's xpcall: the handler gets Lua 5.1's error value; a kill is not caught. */
    private static final class XPCall extends VarArgFunction {
        @Override
        public Varargs invoke(final Varargs args) {
            final LuaValue f = args.checkvalue(1);
            final LuaValue handler = args.arg(2);
            try {
                return LuaValue.varargsOf(LuaValue.TRUE, f.invoke(LuaValue.NONE).eval());
            } catch (final LuaErrors.KillError e) {
                throw e;
            } catch (final LuaError e) {
                return LuaValue.varargsOf(LuaValue.FALSE, handler.call(LuaErrors.value(e)));
            } catch (final StackOverflowError e) {
                return LuaValue.varargsOf(LuaValue.FALSE, handler.call(LuaValue.valueOf("stack overflow")));
            }
        }
    }
}
