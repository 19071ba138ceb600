package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;

/**
 * Connection and server commands over a raw socket, asserting Redis 7's exact reply bytes: the handshake commands
 * clients send (HELLO, AUTH, CLIENT), introspection (COMMAND, INFO, CONFIG) and lifecycle (CLIENT KILL, SHUTDOWN,
 * idle timeout).
 */
class ServerCommandsIT {
    private static MiniKvServer server;

    @BeforeAll
    static void start() {
        server = MiniKvServer.builder().port(0).workers(2).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawClient connect() throws IOException {
        return new RawClient(server.host(), server.port());
    }

    @Test
    void shouldAnswerHelloAsRedis7InResp2AndRefuseResp3() throws IOException {
        try (RawClient client = connect()) {
            final String id = client.call("CLIENT", "ID").substring(1).trim();
            assertThat(client.call("HELLO", "2", "SETNAME", "conn1")).isEqualTo("*14\r\n$6\r\nserver\r\n$5\r\nredis\r\n"
                + "$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:2\r\n$2\r\nid\r\n:" + id + "\r\n$4\r\nmode\r\n"
                + "$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n");
            assertThat(client.call("CLIENT", "GETNAME")).isEqualTo("$5\r\nconn1\r\n");
            assertThat(client.call("HELLO", "3")).isEqualTo("-NOPROTO unsupported protocol version\r\n");
            assertThat(client.call("HELLO", "x"))
                .isEqualTo("-ERR Protocol version is not an integer or out of range\r\n");
            assertThat(client.call("HELLO", "2", "FOO")).isEqualTo("-ERR Syntax error in HELLO option 'FOO'\r\n");
            assertThat(client.call("AUTH", "pw"))
                .isEqualTo("-ERR AUTH <password> called without any password configured for the default user. "
                    + "Are you sure your configuration is correct?\r\n");
            assertThat(client.call("AUTH", "default", "anything")).isEqualTo("+OK\r\n");
        }
    }

    @Test
    void shouldCheckArityAndReportUnknownCommandsAndSubcommands() throws IOException {
        try (RawClient client = connect()) {
            assertThat(client.call("GET")).isEqualTo("-ERR wrong number of arguments for 'get' command\r\n");
            assertThat(client.call("CLIENT")).isEqualTo("-ERR wrong number of arguments for 'client' command\r\n");
            assertThat(client.call("CLIENT", "SETNAME"))
                .isEqualTo("-ERR wrong number of arguments for 'client|setname' command\r\n");
            assertThat(client.call("client", "foo")).isEqualTo("-ERR unknown subcommand 'foo'. Try CLIENT HELP.\r\n");
            assertThat(client.call("nosuch", "a", "b"))
                .isEqualTo("-ERR unknown command 'nosuch', with args beginning with: 'a' 'b' \r\n");
            assertThat(client.call("PING", "a", "b"))
                .isEqualTo("-ERR wrong number of arguments for 'ping' command\r\n");
            assertThat(client.call("CLIENT", "SETNAME", "a b"))
                .isEqualTo("-ERR Client names cannot contain spaces, newlines or special characters.\r\n");
            assertThat(client.call("CLIENT", "SETINFO", "lib-name", "jedis")).isEqualTo("+OK\r\n");
            assertThat(client.call("CLIENT", "NO-EVICT", "on")).isEqualTo("+OK\r\n");
            assertThat(client.call("CLIENT", "INFO")).contains("lib-name=jedis").contains("cmd=client|info");
        }
    }

    @Test
    void shouldDescribeCommandsFromTheTable() throws IOException {
        try (RawClient client = connect()) {
            assertThat(client.call("COMMAND", "COUNT")).isEqualTo(":" + io.minikv.net.command.Commands.table().size()
                + "\r\n");
            assertThat(client.call("COMMAND", "LIST")).contains("\r\nget\r\n").contains("\r\nclient|setname\r\n")
                .contains("\r\nexpiretime\r\n");
            assertThat(client.call("COMMAND", "LIST", "FILTERBY", "PATTERN", "getr*"))
                .isEqualTo("*1\r\n$8\r\ngetrange\r\n");
            assertThat(client.call("COMMAND", "INFO", "get", "nosuch")).isEqualTo("*2\r\n*10\r\n$3\r\nget\r\n:2\r\n"
                + "*2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n*3\r\n+@read\r\n+@string\r\n+@fast\r\n"
                + "*0\r\n*1\r\n*6\r\n$5\r\nflags\r\n*2\r\n+RO\r\n+access\r\n"
                + "$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:1\r\n"
                + "$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n"
                + "*6\r\n$7\r\nlastkey\r\n:0\r\n$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n*0\r\n"
                + "$-1\r\n");
            assertThat(client.call("COMMAND", "GETKEYS", "zunionstore", "d", "2", "a", "b"))
                .isEqualTo("*3\r\n$1\r\nd\r\n$1\r\na\r\n$1\r\nb\r\n");
            assertThat(client.call("COMMAND", "GETKEYSANDFLAGS", "lmpop", "1", "a", "LEFT"))
                .isEqualTo("*1\r\n*2\r\n$1\r\na\r\n*3\r\n+RW\r\n+access\r\n+delete\r\n");
            assertThat(client.call("COMMAND", "GETKEYS", "lmpop", "0", "a", "LEFT"))
                .isEqualTo("-ERR Invalid arguments specified for command\r\n");
            assertThat(client.call("COMMAND", "DOCS", "get")).startsWith("*2\r\n$3\r\nget\r\n*6\r\n$7\r\nsummary\r\n");
        }
    }

    @Test
    void shouldReportInfoAndRoundTripConfig() throws IOException {
        try (RawClient client = connect()) {
            assertThat(client.call("INFO")).contains("redis_version:7.0.15\r\n").contains("redis_mode:standalone\r\n")
                .contains("role:master\r\n").contains("connected_slaves:0\r\n").contains("connected_clients:")
                .contains("total_commands_processed:").contains("# Keyspace");
            assertThat(client.call("CONFIG", "GET", "maxclients"))
                .isEqualTo("*2\r\n$10\r\nmaxclients\r\n$5\r\n10000\r\n");
            assertThat(client.call("CONFIG", "SET", "some-redis-only-setting", "42")).isEqualTo("+OK\r\n");
            assertThat(client.call("CONFIG", "GET", "some-redis-only-setting"))
                .isEqualTo("*2\r\n$23\r\nsome-redis-only-setting\r\n$2\r\n42\r\n");
            assertThat(client.call("CONFIG", "SET", "databases", "3")).isEqualTo(
                "-ERR CONFIG SET failed (possibly related to argument 'databases') - can't set immutable config\r\n");
            assertThat(client.call("CONFIG", "SET", "maxclients", "x")).isEqualTo("-ERR CONFIG SET failed (possibly "
                + "related to argument 'maxclients') - argument couldn't be parsed into an integer\r\n");
            assertThat(client.call("CONFIG", "GET", "save")).isEqualTo("*2\r\n$4\r\nsave\r\n$0\r\n\r\n");
            assertThat(client.call("WAIT", "1", "0")).isEqualTo(":0\r\n");
            assertThat(client.call("WAITAOF", "0", "0", "0")).isEqualTo("*2\r\n:0\r\n:0\r\n");
            assertThat(client.call("FUNCTION", "FLUSH")).isEqualTo("+OK\r\n");
        }
    }

    @Test
    void shouldApplyConfigSetTimeoutAndMaxclientsAtOnce() throws IOException {
        try (MiniKvServer own = MiniKvServer.builder().port(0).workers(1).store(server.store()).build().start();
             RawClient admin = new RawClient(own.host(), own.port())) {
            assertThat(admin.call("CONFIG", "SET", "maxclients", "1")).isEqualTo("+OK\r\n");
            try (RawClient refused = new RawClient(own.host(), own.port())) {
                assertThat(refused.readUntilClosed()).isEqualTo("-ERR max number of clients reached\r\n");
            }
            assertThat(admin.call("CONFIG", "SET", "maxclients", "10", "timeout", "1")).isEqualTo("+OK\r\n");
            try (RawClient idle = new RawClient(own.host(), own.port())) {
                assertThat(idle.call("PING")).isEqualTo("+PONG\r\n");
                // Closed by the once-a-second idle check within a few seconds; the socket timeout bounds the wait.
                assertThat(idle.isClosedByServer()).isTrue();
            }
        }
    }

    @Test
    void shouldRefuseWritesBeyondMaxmemoryWithRedisOomErrorAndKeepServing() throws IOException {
        try (MiniKvServer limited = MiniKvServer.builder().port(0).workers(1).maxMemoryBytes(4L * 1024 * 1024)
            .build().start();
             RawClient client = new RawClient(limited.host(), limited.port())) {
            final String value = "v".repeat(100_000);
            String reply = "+OK\r\n";
            int stored = 0;
            while (reply.equals("+OK\r\n") && stored < 1000) {
                reply = client.call("SET", "big:" + stored, value);
                stored++;
            }
            assertThat(reply).isEqualTo("-OOM command not allowed when used memory > 'maxmemory'.\r\n");
            assertThat(stored).isGreaterThan(1).isLessThan(1000);
            assertThat(client.call("STRLEN", "big:0")).isEqualTo(":100000\r\n");
            assertThat(client.call("INFO", "memory")).contains("maxmemory:4194304\r\n").contains("used_memory:");
            assertThat(client.call("INFO", "keyspace")).contains("db0:keys=" + (stored - 1) + ",expires=0\r\n");
            assertThat(client.call("DEL", "big:0")).isEqualTo(":1\r\n");
        }
    }

    @Test
    void shouldChangeMaxmemoryAtRuntimeWithConfigSet() throws IOException {
        try (MiniKvServer limited = MiniKvServer.builder().port(0).workers(1).build().start();
             RawClient client = new RawClient(limited.host(), limited.port())) {
            final String value = "v".repeat(100_000);
            assertThat(client.call("CONFIG", "SET", "maxmemory", "lots")).isEqualTo("-ERR CONFIG SET failed "
                + "(possibly related to argument 'maxmemory') - argument must be a memory value\r\n");
            assertThat(client.call("CONFIG", "SET", "maxmemory", "4mb")).isEqualTo("+OK\r\n");
            assertThat(client.call("CONFIG", "GET", "maxmemory")).isEqualTo("*2\r\n$9\r\nmaxmemory\r\n$7\r\n4194304\r\n");
            String reply = "+OK\r\n";
            int stored = 0;
            while (reply.equals("+OK\r\n") && stored < 1000) {
                reply = client.call("SET", "big:" + stored, value);
                stored++;
            }
            assertThat(reply).isEqualTo("-OOM command not allowed when used memory > 'maxmemory'.\r\n");
            assertThat(client.call("CONFIG", "SET", "maxmemory", "0")).isEqualTo("+OK\r\n");
            assertThat(client.call("SET", "big:after", value)).isEqualTo("+OK\r\n");
            assertThat(client.call("INFO", "memory")).contains("maxmemory:0\r\n");
        }
    }

    @Test
    void shouldKillClientsById() throws IOException {
        try (RawClient killer = connect(); RawClient victim = connect()) {
            final String id = victim.call("CLIENT", "ID").substring(1).trim();
            assertThat(killer.call("CLIENT", "KILL", "ID", id)).isEqualTo(":1\r\n");
            assertThat(victim.isClosedByServer()).isTrue();
            assertThat(killer.call("CLIENT", "KILL", "ID", id)).isEqualTo(":0\r\n");
            assertThat(killer.call("CLIENT", "KILL", "1.2.3.4:5")).isEqualTo("-ERR No such client\r\n");
        }
    }

    @Test
    void shouldStopTheServerOnShutdown() throws IOException, InterruptedException {
        final MiniKvServer own = MiniKvServer.builder().port(0).workers(1).store(server.store()).build().start();
        try (RawClient client = new RawClient(own.host(), own.port())) {
            assertThat(client.call("SHUTDOWN", "BOGUS")).isEqualTo("-ERR syntax error\r\n");
            client.send(RawClient.command("SHUTDOWN", "NOSAVE"));
            assertThat(client.readUntilClosed()).isEmpty();
            own.awaitTermination();
        }
        assertThat(server.store().dbsize()).isGreaterThanOrEqualTo(0);
    }
}
