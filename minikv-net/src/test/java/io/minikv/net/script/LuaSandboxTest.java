package io.minikv.net.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

class LuaSandboxTest {
    private static final String SHA = "0123456789012345678901234567890123456789";
    private final LuaSandbox sandbox = new LuaSandbox("7.0.15");
    private final List<String> calls = new ArrayList<>();
    private final List<String> logged = new ArrayList<>();
    private int checkpoints;
    private boolean kill;

    /** Answers redis.call with the command's name as a status, or an error for "fail". */
    private final LuaSandbox.Host host = new LuaSandbox.Host() {
        @Override
        public LuaValue call(final Varargs args, final boolean raise) {
            final String name = args.arg1().tojstring();
            calls.add(name);
            final LuaTable reply = new LuaTable();
            if (name.equals("fail")) {
                if (raise) {
                    throw new LuaErrors.CallError("ERR failed");
                }
                reply.set("err", "ERR failed");
            } else {
                reply.set("ok", name);
            }
            return reply;
        }

        @Override
        public void log(final int level, final String message) {
            logged.add(level + " " + message);
        }

        @Override
        public void checkpoint() {
            checkpoints++;
            if (kill) {
                throw new LuaErrors.KillError("ERR Script killed by user with SCRIPT KILL...");
            }
        }
    };

    private LuaValue run(final String body, final String... keys) {
        final byte[][] k = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            k[i] = keys[i].getBytes(StandardCharsets.UTF_8);
        }
        return sandbox.run(sandbox.compile(body.getBytes(StandardCharsets.UTF_8)), k, new byte[0][], host);
    }

    private String failure(final String body) {
        try {
            run(body);
        } catch (final LuaError e) {
            return LuaErrors.reply(e, SHA);
        }
        throw new AssertionError("did not fail: " + body);
    }

    @Test
    void shouldRefuseNewAndChangedGlobals() {
        assertThat(failure("x = 1")).isEqualTo(
            "ERR user_script:1: Attempt to modify a readonly table script: " + SHA + ", on @user_script:1.");
        assertThat(failure("KEYS = 1")).contains("Attempt to modify a readonly table");
        assertThat(failure("string.rep = nil")).contains("Attempt to modify a readonly table");
        assertThat(failure("redis.call = nil")).contains("Attempt to modify a readonly table");
        assertThat(failure("setmetatable(_G, nil)")).contains("Attempt to modify a readonly table");
        assertThat(failure("getmetatable('').__index = {}")).contains("Attempt to modify a readonly table");
        assertThat(failure("local x = 1\nreturn y")).isEqualTo("ERR user_script:2: Script attempted to access "
            + "nonexistent global variable 'y' script: " + SHA + ", on @user_script:2.");
        assertThat(run("return rawget(_G, 'y')").isnil()).isTrue();
        assertThat(run("local t = {} t.x = 5 return t.x").toint()).isEqualTo(5);
    }

    @Test
    void shouldLeaveOutWhatRedisLeavesOut() {
        for (final String name : new String[] {"os", "io", "debug", "require", "loadfile", "dofile", "print",
            "module", "package", "setfenv", "getfenv"}) {
            assertThat(failure("return " + name)).contains("nonexistent global variable '" + name + "'");
        }
    }

    @Test
    void shouldOfferTheLua51NamesScriptsUse() {
        assertThat(run("return unpack({4, 5})").toint()).isEqualTo(4);
        assertThat(run("return table.getn({1, 2, 3})").toint()).isEqualTo(3);
        assertThat(run("return table.maxn({1, [9] = 2})").toint()).isEqualTo(9);
        assertThat(run("return math.mod(7, 3)").toint()).isEqualTo(1);
        assertThat(run("return math.log10(100)").toint()).isEqualTo(2);
        assertThat(run("return loadstring('return 6')()").toint()).isEqualTo(6);
        assertThat(run("local n = 0 for _ in string.gfind('a b', '%a') do n = n + 1 end return n").toint())
            .isEqualTo(2);
        assertThat(run("return string.format('%5.2f|%-3s|%03d|%x|%g', 3.14159, 'a', 7, 255, 0.1)").tojstring())
            .isEqualTo(" 3.14|a  |007|ff|0.1");
    }

    @Test
    void shouldCallTheHostAndRaiseOrReturnErrors() {
        assertThat(run("return redis.call('ping')").get("ok").tojstring()).isEqualTo("ping");
        assertThat(run("return redis.pcall('fail')").get("err").tojstring()).isEqualTo("ERR failed");
        assertThat(failure("redis.call('fail')")).isEqualTo("ERR failed script: " + SHA + ", on @user_script:1.");
        // A tail call leaves luaj no frame to position the error: the sandbox's own line tracking does.
        assertThat(failure("local a = 1\n\nreturn redis.call('fail')"))
            .isEqualTo("ERR failed script: " + SHA + ", on @user_script:3.");
        assertThat(run("local ok, e = pcall(redis.call, 'fail') return e").tojstring()).isEqualTo("ERR failed");
        assertThat(run("local ok, e = pcall(error, {err='t'}) return e").tojstring()).isEqualTo("t");
        assertThat(run("local ok, e = pcall(function() error('x') end) return e").tojstring())
            .isEqualTo("user_script:1: x");
        assertThat(run("local ok, e = pcall(function() return nil + 1 end) return e").tojstring())
            .isEqualTo("user_script:1: attempt to perform arithmetic on a nil value");
        assertThat(calls).containsExactly("ping", "fail", "fail", "fail", "fail");
    }

    @Test
    void shouldWordLuaErrorsAsRedis() {
        assertThat(failure("error('boom')")).isEqualTo("ERR user_script:1: boom script: " + SHA
            + ", on @user_script:1.");
        assertThat(failure("error('boom', 0)")).isEqualTo("ERR boom script: " + SHA + ", on @user_script:1.");
        assertThat(failure("error({err='MY custom'})")).isEqualTo("MY custom script: " + SHA
            + ", on @user_script:1.");
        assertThat(failure("return #nil")).startsWith("ERR user_script:1: attempt to get length of a nil value");
        assertThat(failure("return nil .. 'a'")).startsWith("ERR user_script:1: attempt to concatenate a nil value");
        assertThat(failure("return {} < 1")).startsWith("ERR user_script:1: attempt to compare table with number");
        assertThatThrownBy(() -> run("return 1 +")).isInstanceOfSatisfying(LuaError.class,
            e -> assertThat(LuaErrors.compileMessage(e)).isEqualTo("user_script:1: unexpected symbol near '<eof>'"));
    }

    @Test
    void shouldCheckInWhileLoopingAndStopWhenKilled() {
        kill = true;
        assertThat(failure("local i = 0 while true do i = i + 1 end"))
            .isEqualTo("ERR Script killed by user with SCRIPT KILL... script: " + SHA + ", on @user_script:1.");
        // pcall cannot swallow the kill: the hook raises it again at the next instruction.
        assertThat(failure("while true do pcall(function() while true do end end) end"))
            .startsWith("ERR Script killed by user with SCRIPT KILL...");
        kill = false;
        checkpoints = 0;
        run("for i = 1, 10 * " + LuaSandbox.CHECK_INTERVAL + " do end");
        assertThat(checkpoints).isGreaterThanOrEqualTo(10);
    }

    @Test
    void shouldSetKeysAndArgvForEachRun() {
        assertThat(run("return KEYS[1] .. #KEYS .. #ARGV", "k").tojstring()).isEqualTo("k10");
        assertThat(run("return #KEYS").toint()).isZero();
    }

    @Test
    void shouldOfferTheRedisHelpers() {
        assertThat(run("return redis.sha1hex('abc')").tojstring())
            .isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(run("return redis.REDIS_VERSION .. ' ' .. redis.REDIS_VERSION_NUM").tojstring())
            .isEqualTo("7.0.15 458767");
        run("redis.log(redis.LOG_WARNING, 'a', 'b')");
        assertThat(logged).containsExactly("3 a b");
        assertThat(failure("redis.log(7, 'x')")).startsWith("ERR Invalid debug level.");
        assertThat(failure("redis.setresp(3)")).startsWith("ERR RESP3 is not supported");
        assertThat(run("return redis.error_reply('-X y')").get("err").tojstring()).isEqualTo("X y");
        assertThat(run("return redis.status_reply('Q')").get("ok").tojstring()).isEqualTo("Q");
    }

    @Test
    void shouldEncodeAndDecodeJson() {
        assertThat(run("return cjson.encode({1, 'a/b', {x=true}, cjson.null})").tojstring())
            .isEqualTo("[1,\"a\\/b\",{\"x\":true},null]");
        assertThat(run("return cjson.encode({})").tojstring()).isEqualTo("{}");
        assertThat(run("return cjson.decode('{\"a\":[1,2.5,\"\\u00e9\"]}').a[2]").todouble()).isEqualTo(2.5);
        assertThat(run("return cjson.decode('[null]')[1] == cjson.null").toboolean()).isTrue();
        assertThat(failure("return cjson.decode('[1,')")).contains("Expected value");
    }

    @Test
    void shouldComputeBitOperationsOn32Bits() {
        assertThat(run("return bit.band(6, 3)").toint()).isEqualTo(2);
        assertThat(run("return bit.tobit(4294967297)").toint()).isEqualTo(1);
        assertThat(run("return bit.rshift(-1, 28)").toint()).isEqualTo(15);
        assertThat(run("return bit.tohex(255, -4)").tojstring()).isEqualTo("00FF");
    }
}
