package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;

import io.minikv.MiniKv;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.FunctionRestorePolicy;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.LibraryInfo;

/**
 * Functions as Jedis users run them: FUNCTION LOAD, FCALL and FCALL_RO, LIST, DUMP and RESTORE, DELETE and FLUSH;
 * and a function that loops forever: other clients get the BUSY that names FUNCTION KILL, SCRIPT KILL is refused,
 * FUNCTION STATS shows it, and FUNCTION KILL ends it.
 */
class FunctionsIT {
    private static final String LIBRARY = "#!lua name=counters\n"
        + "redis.register_function('incr_by', function(keys, args) return redis.call('incrby', keys[1], args[1]) end)\n"
        + "redis.register_function{function_name='peek', callback=function(keys) return redis.call('get', keys[1]) "
        + "end, flags={'no-writes'}, description='reads a counter'}";
    private static final String BUSY_FUNCTION =
        "-BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.\r\n";
    private static final long BOUND_MS = 20_000;

    private KvStore store;
    private MiniKvServer server;

    @BeforeEach
    void start() throws IOException {
        store = MiniKv.open(KvOptions.builder().build());
        server = MiniKvServer.builder().port(0).workers(2).store(store).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    private Jedis jedis() {
        return new Jedis(server.host(), server.port());
    }

    @Test
    void shouldLoadCallListDumpAndRestoreThroughJedis() {
        try (Jedis j = jedis()) {
            assertThat(j.functionLoad(LIBRARY)).isEqualTo("counters");
            assertThat(j.fcall("incr_by", List.of("n"), List.of("5"))).isEqualTo(5L);
            assertThat(j.fcall("INCR_BY", List.of("n"), List.of("2"))).isEqualTo(7L);
            assertThat(j.fcallReadonly("peek", List.of("n"), List.of())).isEqualTo("7");
            assertThatThrownBy(() -> j.fcallReadonly("incr_by", List.of("n"), List.of("1")))
                .isInstanceOf(JedisDataException.class)
                .hasMessage("ERR Can not execute a script with write flag using *_ro command.");
            assertThatThrownBy(() -> j.functionLoad(LIBRARY))
                .isInstanceOf(JedisDataException.class).hasMessage("ERR Library 'counters' already exists");
            assertThat(j.functionLoadReplace(LIBRARY)).isEqualTo("counters");

            final List<LibraryInfo> libraries = j.functionListWithCode();
            assertThat(libraries).hasSize(1);
            assertThat(libraries.get(0).getLibraryName()).isEqualTo("counters");
            assertThat(libraries.get(0).getEngine()).isEqualTo("LUA");
            assertThat(libraries.get(0).getLibraryCode()).isEqualTo(LIBRARY);
            assertThat(libraries.get(0).getFunctions()).hasSize(2);

            // FLUSHALL and SCRIPT FLUSH keep libraries; FUNCTION FLUSH drops them, RESTORE brings them back.
            final byte[] dump = j.functionDump();
            j.flushAll();
            j.scriptFlush();
            assertThat(j.fcall("incr_by", List.of("n"), List.of("1"))).isEqualTo(1L);
            assertThat(j.functionFlush()).isEqualTo("OK");
            assertThatThrownBy(() -> j.fcall("incr_by", List.of("n"), List.of("1")))
                .isInstanceOf(JedisDataException.class).hasMessage("ERR Function not found");
            assertThat(j.functionRestore(dump)).isEqualTo("OK");
            assertThatThrownBy(() -> j.functionRestore(dump))
                .isInstanceOf(JedisDataException.class).hasMessage("ERR Library counters already exists");
            assertThat(j.functionRestore(dump, FunctionRestorePolicy.REPLACE)).isEqualTo("OK");
            assertThat(j.fcall("incr_by", List.of("n"), List.of("1"))).isEqualTo(2L);
            assertThat(j.functionDelete("counters")).isEqualTo("OK");
            assertThat(j.functionList()).isEmpty();
        }
    }

    @Test
    void shouldAnswerBusyWhileAFunctionLoopsAndStopItWithFunctionKill() throws Exception {
        try (RawClient looper = new RawClient(server.host(), server.port());
            RawClient a = new RawClient(server.host(), server.port())) {
            assertThat(a.call("CONFIG", "SET", "busy-reply-threshold", "50")).isEqualTo("+OK\r\n");
            assertThat(a.call("FUNCTION", "LOAD", "#!lua name=busy\n"
                + "redis.register_function('spin', function() local i = 0 while true do i = i + 1 end end)"))
                .isEqualTo("$4\r\nbusy\r\n");
            assertThat(a.call("FUNCTION", "KILL")).isEqualTo("-NOTBUSY No scripts in execution right now.\r\n");
            looper.send(RawClient.command("FCALL", "spin", "0", "x"));
            final long deadline = System.currentTimeMillis() + BOUND_MS;
            String reply;
            while (!(reply = a.call("PING")).equals(BUSY_FUNCTION)) {
                assertThat(reply).isEqualTo("+PONG\r\n");
                assertThat(System.currentTimeMillis()).as("BUSY within the bound").isLessThan(deadline);
            }
            assertThat(a.call("SCRIPT", "KILL")).isEqualTo(BUSY_FUNCTION);
            assertThat(a.call("FUNCTION", "STATS")).startsWith("*4\r\n$14\r\nrunning_script\r\n*6\r\n$4\r\nname\r\n"
                + "$4\r\nspin\r\n$7\r\ncommand\r\n*4\r\n$5\r\nFCALL\r\n$4\r\nspin\r\n$1\r\n0\r\n$1\r\nx\r\n");
            assertThat(a.call("FUNCTION", "KILL")).isEqualTo("+OK\r\n");
            assertThat(looper.readReply()).isEqualTo("-ERR Script killed by user with SCRIPT KILL... script: spin, "
                + "on @user_function:2.\r\n");
            assertThat(looper.call("PING")).isEqualTo("+PONG\r\n");
            assertThat(a.call("FUNCTION", "STATS")).startsWith("*4\r\n$14\r\nrunning_script\r\n$-1\r\n");
        }
    }

    @Test
    void shouldLeaveABusyEvalScriptToScriptKill() throws Exception {
        final String busyScript =
            "-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.\r\n";
        try (RawClient looper = new RawClient(server.host(), server.port());
            RawClient a = new RawClient(server.host(), server.port())) {
            assertThat(a.call("CONFIG", "SET", "busy-reply-threshold", "50")).isEqualTo("+OK\r\n");
            looper.send(RawClient.command("EVAL", "while true do end", "0"));
            final long deadline = System.currentTimeMillis() + BOUND_MS;
            String reply;
            while (!(reply = a.call("PING")).equals(busyScript)) {
                assertThat(reply).isEqualTo("+PONG\r\n");
                assertThat(System.currentTimeMillis()).as("BUSY within the bound").isLessThan(deadline);
            }
            // As Redis: FUNCTION STATS and FUNCTION KILL run while busy, but refuse an EVAL script.
            assertThat(a.call("FUNCTION", "STATS")).isEqualTo(busyScript);
            assertThat(a.call("FUNCTION", "KILL")).isEqualTo(busyScript);
            assertThat(a.call("SCRIPT", "KILL")).isEqualTo("+OK\r\n");
            assertThat(looper.readReply()).startsWith("-ERR Script killed by user with SCRIPT KILL...");
        }
    }
}
