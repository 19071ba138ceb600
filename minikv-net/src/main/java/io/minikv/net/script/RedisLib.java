package io.minikv.net.script;

import java.nio.charset.StandardCharsets;

import io.minikv.api.KvError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.ZeroArgFunction;

/**
 * The {@code redis} table scripts see, as Redis 7's {@code script_lua.c} fills it: {@code call} and {@code pcall}
 * (through the running script's {@link LuaSandbox.Host}), {@code error_reply}, {@code status_reply},
 * {@code sha1hex}, {@code log}, {@code setresp} (RESP2 only), {@code set_repl} and {@code replicate_commands} (a lone
 * server replicates nothing, so valid flags change nothing), {@code breakpoint} and {@code debug} (as outside the
 * script debugger, which is not provided), the {@code LOG_*} and {@code REPL_*} constants, {@code REDIS_VERSION} and
 * {@code REDIS_VERSION_NUM}. Its errors are raised as {@link LuaErrors.CallError}s, with Redis's texts.
 * <p>
 * Stateless.
 */
final class RedisLib {
    private RedisLib() {
    }

    static LuaTable create(final String redisVersion, final LuaSandbox sandbox) {
        final LuaTable redis = new LuaTable();
        redis.rawset("call", new VarArgFunction() {
            @Override
            public Varargs invoke(final Varargs args) {
                return sandbox.host().call(args, true);
            }
        });
        redis.rawset("pcall", new VarArgFunction() {
            @Override
            public Varargs invoke(final Varargs args) {
                return sandbox.host().call(args, false);
            }
        });
        redis.rawset("error_reply", new VarArgFunction() {
            @Override
            public Varargs invoke(final Varargs args) {
                if (args.narg() != 1 || args.arg1().type() != LuaValue.TSTRING) {
                    return errorTable(KvError.SCRIPT_LIB_ARGS.text());
                }
                final String text = args.arg1().tojstring();
                return errorTable(text.startsWith("-") ? text.substring(1) : text);
            }
        });
        redis.rawset("status_reply", new VarArgFunction() {
            @Override
            public Varargs invoke(final Varargs args) {
                if (args.narg() != 1 || args.arg1().type() != LuaValue.TSTRING) {
                    return errorTable(KvError.SCRIPT_LIB_ARGS.text());
                }
                final LuaTable t = new LuaTable();
                t.rawset("ok", args.arg1());
                return t;
            }
        });
        redis.rawset("sha1hex", new VarArgFunction() {
            @Override
            public Varargs invoke(final Varargs args) {
                if (args.narg() != 1) {
                    throw new LuaErrors.CallError(KvError.SCRIPT_SHA1HEX_ARGS.text());
                }
                return LuaValue.valueOf(LuaSandbox.sha1hex(LuaReplies.bytes(args.arg1().tostring().checkstring())));
            }
        });
        redis.rawset("log", new VarArgFunction() {
            @Override
            public Varargs invoke(final Varargs args) {
                return log(args, sandbox);
            }
        });
        redis.rawset("setresp", new VarArgFunction() {
            @Override
            public Varargs invoke(final Varargs args) {
                if (args.narg() != 1) {
                    throw new LuaErrors.CallError(KvError.SCRIPT_SETRESP_ARGS.text());
                }
                final int version = args.arg1().toint();
                if (version != 2 && version != 3) {
                    throw new LuaErrors.CallError(KvError.SCRIPT_RESP_VERSION.text());
                }
                if (version == 3) {
                    throw new LuaErrors.CallError(KvError.SCRIPT_RESP3.text());
                }
                return LuaValue.NONE;
            }
        });
        // Replication controls: a lone server has nothing to replicate, so valid flags change nothing.
        redis.rawset("set_repl", new VarArgFunction() {
            @Override
            public Varargs invoke(final Varargs args) {
                if (args.narg() != 1) {
                    throw new LuaErrors.CallError(KvError.SCRIPT_REPL_FLAGS.text());
                }
                final int flags = args.arg1().toint();
                if (flags < 0 || flags > 3) {
                    throw new LuaErrors.CallError(KvError.SCRIPT_REPL_FLAGS.text());
                }
                return LuaValue.NONE;
            }
        });
        redis.rawset("replicate_commands", new ZeroArgFunction() {
            @Override
            public LuaValue call() {
                return LuaValue.TRUE;
            }
        });
        // Outside the script debugger (not provided), Redis's breakpoint answers false and debug does nothing.
        redis.rawset("breakpoint", new ZeroArgFunction() {
            @Override
            public LuaValue call() {
                return LuaValue.FALSE;
            }
        });
        redis.rawset("debug", new VarArgFunction() {
            @Override
            public Varargs invoke(final Varargs args) {
                return LuaValue.NONE;
            }
        });
        redis.rawset("LOG_DEBUG", 0);
        redis.rawset("LOG_VERBOSE", 1);
        redis.rawset("LOG_NOTICE", 2);
        redis.rawset("LOG_WARNING", 3);
        redis.rawset("REPL_NONE", 0);
        redis.rawset("REPL_AOF", 1);
        redis.rawset("REPL_SLAVE", 2);
        redis.rawset("REPL_REPLICA", 2);
        redis.rawset("REPL_ALL", 3);
        redis.rawset("REDIS_VERSION", redisVersion);
        redis.rawset("REDIS_VERSION_NUM", versionNum(redisVersion));
        return redis;
    }

    /**
     * Builds the {@code redis} table a library's code sees while FUNCTION LOAD runs it, as Redis 7's
     * {@code luaEngineInitEngine}: {@code register_function}, {@code log} and its levels, {@code REDIS_VERSION} and
     * {@code REDIS_VERSION_NUM}. Any other field fails as a nonexistent global does.
     *
     * @param redisVersion what {@code redis.REDIS_VERSION} holds.
     * @param sandbox the function engine's sandbox, whose host receives {@code redis.log}.
     * @param registerFunction {@code redis.register_function}.
     * @return the table, read-only.
     */
    static LuaTable createLoadApi(final String redisVersion, final LuaSandbox sandbox,
        final LuaValue registerFunction) {
        final LuaTable redis = new LuaTable();
        redis.rawset("register_function", registerFunction);
        redis.rawset("log", new VarArgFunction() {
            @Override
            public Varargs invoke(final Varargs args) {
                return log(args, sandbox);
            }
        });
        redis.rawset("LOG_DEBUG", 0);
        redis.rawset("LOG_VERBOSE", 1);
        redis.rawset("LOG_NOTICE", 2);
        redis.rawset("LOG_WARNING", 3);
        redis.rawset("REDIS_VERSION", redisVersion);
        redis.rawset("REDIS_VERSION_NUM", versionNum(redisVersion));
        final ReadOnlyTable api = ReadOnlyTable.copyOf(redis);
        api.unlockedSetMetatable(LuaSandbox.nonexistentGuard());
        return api;
    }

    private static Varargs log(final Varargs args, final LuaSandbox sandbox) {
        if (args.narg() < 2) {
            throw new LuaErrors.CallError(KvError.SCRIPT_LOG_ARGS.text());
        }
        if (args.arg1().type() != LuaValue.TNUMBER) {
            throw new LuaErrors.CallError(KvError.SCRIPT_LOG_LEVEL_TYPE.text());
        }
        final int level = args.arg1().toint();
        if (level < 0 || level > 3) {
            throw new LuaErrors.CallError(KvError.SCRIPT_LOG_LEVEL.text());
        }
        final StringBuilder message = new StringBuilder();
        for (int i = 2; i <= args.narg(); i++) {
            final LuaValue word = args.arg(i);
            if (i > 2) {
                message.append(' ');
            }
            if (word.isstring()) {
                message.append(new String(LuaReplies.bytes(word.checkstring()), StandardCharsets.UTF_8));
            }
        }
        sandbox.host().log(level, message.toString());
        return LuaValue.NONE;
    }

    private static LuaTable errorTable(final String text) {
        final LuaTable t = new LuaTable();
        t.rawset("err", LuaValue.valueOf(text));
        return t;
    }

    /** {@code 7.0.15} → {@code 0x00070015}, as Redis's {@code REDIS_VERSION_NUM}. */
    static int versionNum(final String version) {
        final String[] parts = version.split("\\.");
        int num = 0;
        for (int i = 0; i < 3; i++) {
            num = (num << 8) | (i < parts.length ? Integer.parseInt(parts[i]) : 0);
        }
        return num;
    }

}
