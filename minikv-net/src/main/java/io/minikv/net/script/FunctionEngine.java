package io.minikv.net.script;

import java.util.Locale;

import io.minikv.api.KvError;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The Lua engine of Redis 7 functions ({@code function_lua.c}): a Lua state of its own, apart from EVAL's, where
 * libraries are loaded and their functions run.
 * <p>
 * <b>Globals.</b> Every library chunk gets the same empty, read-only global table, whose metatable's {@code __index}
 * is switched as Redis switches it: while FUNCTION LOAD runs a library's code, only a {@code redis} table with
 * {@code register_function}, {@code log} and the version is visible; once loaded, the functions see the full
 * sandbox ({@link LuaSandbox}: {@code redis.call}, {@code string}, {@code cjson}...) but no {@code KEYS} or
 * {@code ARGV}: keys and arguments are the function's two parameters.
 * <p>
 * <b>Loading.</b> A library's code runs under a watchdog that stops it after {@link #LOAD_TIMEOUT_MILLIS}, with
 * Redis's {@code FUNCTION LOAD timeout}; each {@code redis.register_function} call is checked as Redis checks it and
 * handed to the caller's {@link Registrar}. Errors are raised as {@link LuaErrors.CallError}s with Redis's texts.
 * <p>
 * Not thread-safe: one library loads or one function runs at a time (the server's gate and the scripting lock).
 */
public final class FunctionEngine {
    /** Function flag {@code no-writes}. */
    public static final int FLAG_NO_WRITES = 1;
    /** Function flag {@code allow-oom}. */
    public static final int FLAG_ALLOW_OOM = 1 << 1;
    /** Function flag {@code allow-stale}. */
    public static final int FLAG_ALLOW_STALE = 1 << 2;
    /** Function flag {@code no-cluster}. */
    public static final int FLAG_NO_CLUSTER = 1 << 3;
    /** Function flag {@code allow-cross-slot-keys}. */
    public static final int FLAG_ALLOW_CROSS_SLOT_KEYS = 1 << 4;
    /** The flags' names, bit i named at index i, in Redis's order ({@code scripts_flags_def}). */
    private static final String[] FLAG_NAMES = {"no-writes", "allow-oom", "allow-stale", "no-cluster",
        "allow-cross-slot-keys"};
    /** How long a library's code may run while loading, as Redis's {@code LOAD_TIMEOUT_MS}. */
    static final long LOAD_TIMEOUT_MILLIS = 500;
    private static final String CHUNK = "@user_function";

    /** Receives the functions a library registers while it loads. */
    public interface Registrar {
        /**
         * Registers one function.
         *
         * @param name its name, as given.
         * @param callback the Lua function.
         * @param description its description's bytes, or null.
         * @param flags {@code FLAG_*} bits.
         * @throws LuaErrors.CallError with Redis's text when refused (bad name, already registered).
         */
        void register(String name, LuaFunction callback, byte[] description, int flags);
    }

    private final LuaSandbox sandbox;
    private final LuaTable loadApi;
    private final LuaTable env;
    private Registrar registrar;

    /**
     * Builds the engine's Lua state.
     *
     * @param redisVersion what {@code redis.REDIS_VERSION} holds.
     */
    public FunctionEngine(final String redisVersion) {
        sandbox = new LuaSandbox(redisVersion);
        final LuaTable api = new LuaTable();
        api.rawset("redis", RedisLib.createLoadApi(redisVersion, sandbox, new RegisterFunction()));
        final ReadOnlyTable lockedApi = ReadOnlyTable.copyOf(api);
        lockedApi.unlockedSetMetatable(LuaSandbox.nonexistentGuard());
        loadApi = lockedApi;
        final LuaTable meta = new LuaTable();
        meta.rawset(LuaValue.INDEX, new TwoArgFunction() {
            @Override
            public LuaValue call(final LuaValue table, final LuaValue key) {
                return (registrar != null ? loadApi : sandbox.globals()).get(key);
            }
        });
        // A Globals, not a plain table: luaj runs its instruction hook (the watchdog) only for closures whose
        // environment is one.
        final SandboxGlobals globals = new SandboxGlobals();
        globals.debuglib = sandbox.watchdog();
        globals.setmetatable(ReadOnlyTable.copyOf(meta));
        globals.lock();
        env = globals;
    }

    /**
     * Compiles a library's code (without its shebang line).
     *
     * @param code the Lua source.
     * @return the chunk, to {@link #load}.
     * @throws LuaError when it does not compile; {@link LuaErrors#compileMessage} words it.
     */
    public LuaFunction compile(final byte[] code) {
        return sandbox.compile(code, CHUNK, env);
    }

    /**
     * Runs a compiled library chunk so that it registers its functions.
     *
     * @param chunk from {@link #compile}.
     * @param target receives each registered function.
     * @param host receives {@code redis.log}.
     * @throws LuaError when the code fails or runs too long; {@link LuaErrors#text} words it.
     */
    public void load(final LuaFunction chunk, final Registrar target, final LoadHost host) {
        registrar = target;
        try {
            sandbox.invoke(chunk, LuaValue.NONE, host);
        } finally {
            registrar = null;
        }
    }

    /**
     * Calls a registered function with its keys and arguments as its two parameters.
     *
     * @param callback the function.
     * @param keys the keys.
     * @param args the arguments.
     * @param host the commands, log and watchdog for this run.
     * @return the function's first return value.
     * @throws LuaError when it fails; {@link LuaErrors#reply} words it.
     */
    public LuaValue call(final LuaFunction callback, final byte[][] keys, final byte[][] args,
        final LuaSandbox.Host host) {
        return sandbox.invoke(callback, LuaValue.varargsOf(LuaSandbox.table(keys), LuaSandbox.table(args)), host);
    }

    /**
     * Returns the names of a function's flags, in Redis's order.
     *
     * @param flags {@code FLAG_*} bits.
     * @return the names.
     */
    public static String[] flagNames(final int flags) {
        final String[] names = new String[Integer.bitCount(flags)];
        int k = 0;
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if ((flags & (1 << i)) != 0) {
                names[k++] = FLAG_NAMES[i];
            }
        }
        return names;
    }

    /** The host of a library's load: its log goes to the server log, and it may run {@link #LOAD_TIMEOUT_MILLIS}. */
    public abstract static class LoadHost implements LuaSandbox.Host {
        private final long startNanos = System.nanoTime();
        private final boolean timed;

        /**
         * Creates the host of one load.
         *
         * @param timed whether the load timeout applies (FUNCTION LOAD; not a restore, as in Redis).
         */
        protected LoadHost(final boolean timed) {
            this.timed = timed;
        }

        @Override
        public final LuaValue call(final Varargs args, final boolean raise) {
            // Unreachable: the load-time redis table has no call or pcall.
            throw new IllegalStateException("redis.call while loading a library");
        }

        @Override
        public final void checkpoint() {
            if (timed && System.nanoTime() - startNanos > LOAD_TIMEOUT_MILLIS * 1_000_000L) {
                throw new LuaErrors.KillError(KvError.FUNCTION_LOAD_TIMEOUT.text());
            }
        }
    }

    private static int flag(final String name) {
        final String lower = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if (FLAG_NAMES[i].equals(lower)) {
                return 1 << i;
            }
        }
        return 0;
    }

    /** {@code redis.register_function}, positional {@code (name, callback)} or named {@code {function_name=...}}. */
    private final class RegisterFunction extends VarArgFunction {
        @Override
        public Varargs invoke(final Varargs args) {
            final Registrar target = registrar;
            if (target == null) {
                // A function that kept a reference to register_function and calls it when run.
                throw new LuaErrors.CallError(KvError.FUNCTION_REGISTER_OUTSIDE_LOAD.text());
            }
            if (args.narg() < 1 || args.narg() > 2) {
                throw new LuaErrors.CallError(KvError.FUNCTION_REGISTER_ARGS.text());
            }
            if (args.narg() == 2) {
                if (!args.arg1().isstring()) {
                    throw new LuaErrors.CallError(KvError.FUNCTION_REGISTER_NAME_ARG.text());
                }
                if (!args.arg(2).isfunction()) {
                    throw new LuaErrors.CallError(KvError.FUNCTION_REGISTER_CALLBACK_ARG.text());
                }
                target.register(args.arg1().tojstring(), (LuaFunction) args.arg(2), null, 0);
                return LuaValue.NONE;
            }
            registerNamed(target, args.arg1());
            return LuaValue.NONE;
        }

        private void registerNamed(final Registrar target, final LuaValue table) {
            if (!table.istable()) {
                throw new LuaErrors.CallError(KvError.FUNCTION_REGISTER_SINGLE_ARG.text());
            }
            String name = null;
            byte[] description = null;
            LuaFunction callback = null;
            int flags = 0;
            LuaValue k = LuaValue.NIL;
            while (true) {
                final Varargs next = table.next(k);
                k = next.arg1();
                if (k.isnil()) {
                    break;
                }
                final LuaValue v = next.arg(2);
                if (!k.isstring()) {
                    throw new LuaErrors.CallError(KvError.FUNCTION_REGISTER_KEY_TYPE.text());
                }
                switch (k.tojstring().toLowerCase(Locale.ROOT)) {
                    case "function_name" -> {
                        if (!v.isstring()) {
                            throw new LuaErrors.CallError(KvError.FUNCTION_REGISTER_NAME_TYPE.text());
                        }
                        name = v.tojstring();
                    }
                    case "description" -> {
                        if (!v.isstring()) {
                            throw new LuaErrors.CallError(KvError.FUNCTION_REGISTER_DESCRIPTION_TYPE.text());
                        }
                        description = LuaReplies.bytes(v.strvalue());
                    }
                    case "callback" -> {
                        if (!v.isfunction()) {
                            throw new LuaErrors.CallError(KvError.FUNCTION_REGISTER_CALLBACK_TYPE.text());
                        }
                        callback = (LuaFunction) v;
                    }
                    case "flags" -> flags = readFlags(v);
                    default -> throw new LuaErrors.CallError(KvError.FUNCTION_REGISTER_UNKNOWN_ARG.text());
                }
            }
            if (name == null) {
                throw new LuaErrors.CallError(KvError.FUNCTION_REGISTER_NO_NAME.text());
            }
            if (callback == null) {
                throw new LuaErrors.CallError(KvError.FUNCTION_REGISTER_NO_CALLBACK.text());
            }
            target.register(name, callback, description, flags);
        }

        /** The flags table's array part, up to its first nil, as Redis's {@code luaRegisterFunctionReadFlags}. */
        private int readFlags(final LuaValue table) {
            if (!table.istable()) {
                throw new LuaErrors.CallError(KvError.FUNCTION_REGISTER_FLAGS_TYPE.text());
            }
            int flags = 0;
            for (int i = 1;; i++) {
                final LuaValue v = table.get(i);
                if (v.isnil()) {
                    return flags;
                }
                final int bit = v.isstring() ? flag(v.tojstring()) : 0;
                if (bit == 0) {
                    throw new LuaErrors.CallError(KvError.FUNCTION_REGISTER_UNKNOWN_FLAG.text());
                }
                flags |= bit;
            }
        }
    }
}
