package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.minikv.engine.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DEBUG over raw sockets: its protection ({@code enable-debug-command}) and the subcommands mini-kv implements. The
 * expected texts were taken from a redis-server 7.0.15 started with {@code --enable-debug-command yes} (the
 * differential tests run against a Redis with DEBUG disabled, so they compare the refusal only).
 */
class DebugIT {
    private static final String NOT_ALLOWED = "-ERR DEBUG command not allowed. If the enable-debug-command option is "
        + "set to \"local\", you can run it from a local connection, otherwise you need to set this option in the "
        + "configuration file, and then restart the server.\r\n";

    @TempDir
    Path dir;

    private static MiniKvServer start(final MiniKvServer.Builder builder) {
        return builder.port(0).workers(2).build().start();
    }

    private static RawClient connect(final MiniKvServer server) throws IOException {
        return new RawClient(server.host(), server.port());
    }

    @Test
    void shouldRefuseDebugByDefaultAfterArityAndBeforeAuthentication() throws IOException {
        try (MiniKvServer server = start(MiniKvServer.builder().requirePassword("pw"));
             RawClient c = connect(server)) {
            assertThat(c.call("DEBUG")).isEqualTo("-ERR wrong number of arguments for 'debug' command\r\n");
            assertThat(c.call("DEBUG", "SLEEP", "0")).isEqualTo(NOT_ALLOWED);
            assertThat(c.call("AUTH", "pw")).isEqualTo("+OK\r\n");
            assertThat(c.call("DEBUG", "HELP")).isEqualTo(NOT_ALLOWED);
            assertThat(c.call("CONFIG", "GET", "enable-debug-command"))
                .isEqualTo("*2\r\n$20\r\nenable-debug-command\r\n$2\r\nno\r\n");
            assertThat(c.call("CONFIG", "SET", "enable-debug-command", "yes")).isEqualTo("-ERR CONFIG SET failed "
                + "(possibly related to argument 'enable-debug-command') - can't set immutable config\r\n");
        }
        try (MiniKvServer server = start(MiniKvServer.builder().requirePassword("pw").enableDebugCommand("yes"));
             RawClient c = connect(server)) {
            assertThat(c.call("DEBUG", "SLEEP", "0")).startsWith("-NOAUTH");
            c.call("AUTH", "pw");
            assertThat(c.call("DEBUG", "SLEEP", "0")).isEqualTo("+OK\r\n");
        }
    }

    @Test
    void shouldAllowLocalClientsWithLocal() throws IOException {
        try (MiniKvServer server = start(MiniKvServer.builder().enableDebugCommand("local"));
             RawClient c = connect(server)) {
            assertThat(c.call("CONFIG", "GET", "enable-debug-command"))
                .isEqualTo("*2\r\n$20\r\nenable-debug-command\r\n$5\r\nlocal\r\n");
            assertThat(c.call("DEBUG", "CHANGE-REPL-ID")).isEqualTo("+OK\r\n");
        }
    }

    @Test
    void shouldAnswerHelpAndRedisErrors() throws IOException {
        try (MiniKvServer server = start(MiniKvServer.builder().enableDebugCommand("yes"));
             RawClient c = connect(server)) {
            final String help = c.call("DEBUG", "HELP");
            assertThat(help).startsWith("*106\r\n+DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n")
                .contains("+SLEEP <seconds>\r\n+    Stop the server for <seconds>. Decimals allowed.\r\n")
                .endsWith("+HELP\r\n+    Prints this help.\r\n");
            assertThat(c.call("DEBUG", "foo"))
                .isEqualTo("-ERR unknown subcommand or wrong number of arguments for 'foo'. Try DEBUG HELP.\r\n");
            assertThat(c.call("DEBUG", "HELP", "x")).isEqualTo(
                "-ERR unknown subcommand or wrong number of arguments for 'HELP'. Try DEBUG HELP.\r\n");
            assertThat(c.call("DEBUG", "object")).isEqualTo(
                "-ERR unknown subcommand or wrong number of arguments for 'object'. Try DEBUG HELP.\r\n");
            assertThat(c.call("DEBUG", "OBJECT", "nokey")).isEqualTo("-ERR no such key\r\n");
            assertThat(c.call("DEBUG", "SLEEP")).isEqualTo(
                "-ERR unknown subcommand or wrong number of arguments for 'SLEEP'. Try DEBUG HELP.\r\n");
            assertThat(c.call("DEBUG", "SLEEP", "abc")).isEqualTo("+OK\r\n");
            assertThat(c.call("DEBUG", "SLEEP", "-1")).isEqualTo("+OK\r\n");
            assertThat(c.call("DEBUG", "SLEEP", "inf")).isEqualTo("+OK\r\n");
            assertThat(c.call("DEBUG", "SLEEP", "0.001")).isEqualTo("+OK\r\n");
            assertThat(c.call("DEBUG", "CHANGE-REPL-ID", "x")).isEqualTo(
                "-ERR unknown subcommand or wrong number of arguments for 'CHANGE-REPL-ID'. Try DEBUG HELP.\r\n");
            assertThat(c.call("DEBUG", "RELOAD", "foo"))
                .isEqualTo("-ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.\r\n");
            assertThat(c.call("DEBUG", "SET-ACTIVE-EXPIRE")).isEqualTo("-ERR unknown subcommand or wrong number of "
                + "arguments for 'SET-ACTIVE-EXPIRE'. Try DEBUG HELP.\r\n");
            // Queued in MULTI and run by EXEC like any command.
            c.call("MULTI");
            assertThat(c.call("DEBUG", "SLEEP", "0")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("EXEC")).isEqualTo("*1\r\n+OK\r\n");
        }
    }

    @Test
    void shouldMakeEveryClientWaitWhileSleeping() throws Exception {
        try (MiniKvServer server = start(MiniKvServer.builder().enableDebugCommand("yes"));
             RawClient sleeper = connect(server);
             RawClient other = connect(server)) {
            final long sleepMs = 3000;
            sleeper.send(RawClient.command("DEBUG", "SLEEP", "3"));
            final CompletableFuture<String> slept = CompletableFuture.supplyAsync(() -> {
                try {
                    return sleeper.readReply();
                } catch (final IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            // The other client pings until the sleep is over: the ping in flight when the sleep began waits for its
            // end, so the longest round trip covers most of it. Bounds are generous in both directions.
            long longestMs = 0;
            int pings = 0;
            while (!slept.isDone() && pings < 1_000_000) {
                final long t0 = System.nanoTime();
                assertThat(other.call("PING")).isEqualTo("+PONG\r\n");
                longestMs = Math.max(longestMs, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                pings++;
            }
            assertThat(slept.get(30, TimeUnit.SECONDS)).isEqualTo("+OK\r\n");
            assertThat(longestMs).as("longest PING round trip during DEBUG SLEEP 3").isGreaterThan(sleepMs / 3);
        }
    }

    @Test
    void shouldTurnActiveExpiryOffAndOn() throws IOException {
        try (MiniKvServer server = start(MiniKvServer.builder().enableDebugCommand("yes"));
             RawClient c = connect(server)) {
            final Engine engine = Engine.of(server.store());
            assertThat(engine.activeExpiry()).isTrue();
            assertThat(c.call("DEBUG", "SET-ACTIVE-EXPIRE", "0")).isEqualTo("+OK\r\n");
            assertThat(engine.activeExpiry()).isFalse();
            assertThat(c.call("SET", "k", "v", "PX", "1")).isEqualTo("+OK\r\n");
            // Redis reads the flag with atoi: anything but 0 turns it back on.
            assertThat(c.call("DEBUG", "SET-ACTIVE-EXPIRE", "2")).isEqualTo("+OK\r\n");
            assertThat(engine.activeExpiry()).isTrue();
            // Nobody reads k again: only the expiry thread can delete it.
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (engine.keys(0) > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(engine.keys(0)).isZero();
            assertThat(c.call("DEBUG", "SET-ACTIVE-EXPIRE", "abc")).isEqualTo("+OK\r\n");
            assertThat(engine.activeExpiry()).isFalse();
        }
    }

    @Test
    void shouldReloadTheSnapshot() throws IOException {
        try (MiniKvServer server = start(MiniKvServer.builder().dir(dir).save("").enableDebugCommand("yes"));
             RawClient c = connect(server);
             RawClient watcher = connect(server)) {
            c.call("SET", "s", "v");
            c.call("SET", "ttl", "x", "PX", "600000");
            c.call("RPUSH", "l", "a", "b", "c");
            c.call("SADD", "set", "m1", "m2");
            c.call("ZADD", "z", "1.5", "one");
            c.call("HSET", "h", "f", "v");
            c.call("SELECT", "3");
            c.call("SET", "in-db-3", "yes");
            c.call("SELECT", "0");
            watcher.call("WATCH", "s");
            assertThat(c.call("DEBUG", "RELOAD")).isEqualTo("+OK\r\n");
            assertThat(dir.resolve("dump.mkv")).isRegularFile();
            assertThat(c.call("GET", "s")).isEqualTo("$1\r\nv\r\n");
            assertThat(Long.parseLong(c.call("PTTL", "ttl").substring(1).trim())).isBetween(1L, 600_000L);
            assertThat(c.call("LRANGE", "l", "0", "-1")).isEqualTo("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n");
            assertThat(c.call("SCARD", "set")).isEqualTo(":2\r\n");
            assertThat(c.call("ZSCORE", "z", "one")).isEqualTo("$3\r\n1.5\r\n");
            assertThat(c.call("HGET", "h", "f")).isEqualTo("$1\r\nv\r\n");
            c.call("SELECT", "3");
            assertThat(c.call("GET", "in-db-3")).isEqualTo("$3\r\nyes\r\n");
            c.call("SELECT", "0");
            assertThat(c.call("INFO", "persistence")).contains("rdb_changes_since_last_save:0\r\n")
                .contains("rdb_last_load_keys_loaded:7\r\n");
            // As Redis's emptyData, the reload fails the WATCH of a key that existed.
            watcher.call("MULTI");
            watcher.call("GET", "s");
            assertThat(watcher.call("EXEC")).isEqualTo("*-1\r\n");

            // NOSAVE loads the file as it is: a key set since then is gone, unless NOFLUSH MERGE keeps it.
            c.call("SET", "later", "1");
            c.call("SET", "s", "changed");
            assertThat(c.call("DEBUG", "RELOAD", "NOSAVE", "NOFLUSH", "MERGE")).isEqualTo("+OK\r\n");
            assertThat(c.call("GET", "later")).isEqualTo("$1\r\n1\r\n");
            assertThat(c.call("GET", "s")).isEqualTo("$1\r\nv\r\n");
            assertThat(c.call("DEBUG", "RELOAD", "NOSAVE", "NOFLUSH"))
                .isEqualTo("-ERR Error trying to load the RDB dump, check server logs.\r\n");
            assertThat(c.call("DEBUG", "RELOAD", "nosave")).isEqualTo("+OK\r\n");
            assertThat(c.call("EXISTS", "later")).isEqualTo(":0\r\n");
            assertThat(c.call("DBSIZE")).isEqualTo(":6\r\n");
        }
    }

    @Test
    void shouldFailTheReloadWithoutADataDirectoryAsAFailedSave() throws IOException {
        try (MiniKvServer server = start(MiniKvServer.builder().enableDebugCommand("yes"));
             RawClient c = connect(server)) {
            c.call("SET", "s", "v");
            assertThat(c.call("DEBUG", "RELOAD")).isEqualTo("-ERR\r\n");
            assertThat(c.call("GET", "s")).isEqualTo("$1\r\nv\r\n");
        }
        try (MiniKvServer server = start(MiniKvServer.builder().dir(dir).enableDebugCommand("yes"));
             RawClient c = connect(server)) {
            c.call("SET", "s", "v");
            // No snapshot to load: the data is gone, as in Redis.
            assertThat(c.call("DEBUG", "RELOAD", "NOSAVE"))
                .isEqualTo("-ERR Error trying to load the RDB dump, check server logs.\r\n");
            assertThat(c.call("DBSIZE")).isEqualTo(":0\r\n");
        }
    }

    @Test
    void shouldDescribeObjectsInRedisFormat() throws IOException {
        try (MiniKvServer server = start(MiniKvServer.builder().enableDebugCommand("yes"));
             RawClient c = connect(server)) {
            // Expected figures are redis-server 7.0.15's for the same commands.
            c.call("SET", "s", "hello");
            assertThat(c.call("DEBUG", "OBJECT", "s")).matches("\\+Value at:0x[0-9a-f]+ refcount:1 encoding:embstr "
                + "serializedlength:6 lru:\\d+ lru_seconds_idle:0\r\n");
            c.call("SET", "n", "123");
            assertThat(c.call("DEBUG", "OBJECT", "n")).matches("\\+Value at:0x[0-9a-f]+ refcount:2147483647 "
                + "encoding:int serializedlength:2 lru:\\d+ lru_seconds_idle:0\r\n");
            c.call("SET", "big", "12345678901");
            assertThat(c.call("DEBUG", "OBJECT", "big")).contains(" encoding:int serializedlength:12 ");
            c.call("RPUSH", "l", "a", "b", "c");
            assertThat(c.call("DEBUG", "OBJECT", "l")).matches("\\+Value at:0x[0-9a-f]+ refcount:1 "
                + "encoding:quicklist serializedlength:19 lru:\\d+ lru_seconds_idle:0 ql_nodes:1 ql_avg_node:3.00 "
                + "ql_listpack_max:-2 ql_compressed:0 ql_uncompressed_size:16\r\n");
            final List<String> rpush = new ArrayList<>(List.of("RPUSH", "long"));
            for (int i = 0; i < 2000; i++) {
                rpush.add("element-" + i);
            }
            c.call(rpush.toArray(new String[0]));
            assertThat(c.call("DEBUG", "OBJECT", "long"))
                .contains(" ql_nodes:4 ql_avg_node:500.00 ql_listpack_max:-2 ql_compressed:0 "
                    + "ql_uncompressed_size:26918\r\n");
            c.call("HSET", "h", "f", "v", "g", "12");
            assertThat(c.call("DEBUG", "OBJECT", "h")).contains(" encoding:listpack serializedlength:19 ");
            c.call("SADD", "si", "1", "2", "300");
            assertThat(c.call("DEBUG", "OBJECT", "si")).contains(" encoding:intset serializedlength:15 ");
            c.call("SADD", "ss", "a", "bb");
            assertThat(c.call("DEBUG", "OBJECT", "ss")).contains(" encoding:hashtable serializedlength:6 ");
            c.call("ZADD", "z", "1", "a", "2.5", "b");
            assertThat(c.call("DEBUG", "OBJECT", "z")).contains(" encoding:listpack serializedlength:21 ");
        }
    }
}
