package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * ACL users over Jedis and raw sockets: a restricted user connecting with its credentials, NOPERM for a forbidden
 * command, key and channel, AUTH failures, ACL DELUSER closing the user's connections, CLIENT LIST's {@code user=}
 * and CLIENT KILL USER, subscribers losing their channels, and the ACL file. Expected texts are redis-server
 * 7.0.15's.
 */
class AclIT {
    private static final String PW_HASH = "30c952fab122c3f9759f02a6d95c3758b246b4fee239957b2d4fee46e26170c4";

    @TempDir
    Path dir;

    private static MiniKvServer start(final MiniKvServer.Builder builder) {
        return builder.port(0).workers(2).build().start();
    }

    private static Jedis connectAs(final MiniKvServer server, final String user, final String password) {
        return new Jedis(new HostAndPort(server.host(), server.port()),
            DefaultJedisClientConfig.builder().user(user).password(password).build());
    }

    @Test
    void shouldConnectAsARestrictedUserAndRefuseWhatItMayNotDo() {
        try (MiniKvServer server = start(MiniKvServer.builder());
             Jedis admin = new Jedis(server.host(), server.port())) {
            assertThat(admin.aclSetUser("app", "on", ">pw", "~app:*", "&news", "+@read", "+@write", "+publish",
                "-flushall", "+acl|whoami")).isEqualTo("OK");
            try (Jedis app = connectAs(server, "app", "pw")) {
                assertThat(app.aclWhoAmI()).isEqualTo("app");
                assertThat(app.set("app:1", "v")).isEqualTo("OK");
                assertThat(app.get("app:1")).isEqualTo("v");
                assertThatThrownBy(() -> app.get("other")).isInstanceOf(JedisAccessControlException.class)
                    .hasMessage("NOPERM this user has no permissions to access one of the keys used as arguments");
                assertThatThrownBy(app::flushAll).isInstanceOf(JedisAccessControlException.class)
                    .hasMessage("NOPERM this user has no permissions to run the 'flushall' command");
                assertThatThrownBy(() -> app.configGet("maxmemory")).isInstanceOf(JedisAccessControlException.class)
                    .hasMessage("NOPERM this user has no permissions to run the 'config|get' command");
                assertThat(app.publish("news", "hi")).isZero();
                assertThatThrownBy(() -> app.publish("sport", "hi")).isInstanceOf(JedisAccessControlException.class)
                    .hasMessage("NOPERM this user has no permissions to access one of the channels used as arguments");
                assertThat(admin.clientList()).contains(" user=app ").contains(" user=default ");
                assertThat(admin.aclLog(1).get(0).getReason()).isEqualTo("channel");
                assertThat(admin.aclLog(1).get(0).getUsername()).isEqualTo("app");
            }
        }
    }

    @Test
    void shouldRefuseBadCredentials() {
        try (MiniKvServer server = start(MiniKvServer.builder().requirePassword("s3cret"));
             Jedis admin = connectAs(server, "default", "s3cret")) {
            assertThat(admin.aclList()).singleElement().asString().startsWith("user default on #")
                .endsWith(" ~* &* +@all");
            admin.aclSetUser("off", "off", ">pw");
            assertThatThrownBy(() -> connectAs(server, "off", "pw").ping())
                .isInstanceOf(JedisAccessControlException.class)
                .hasMessage("WRONGPASS invalid username-password pair or user is disabled.");
            assertThatThrownBy(() -> connectAs(server, "nosuch", "pw").ping())
                .isInstanceOf(JedisAccessControlException.class)
                .hasMessage("WRONGPASS invalid username-password pair or user is disabled.");
            try (Jedis anonymous = new Jedis(server.host(), server.port())) {
                assertThatThrownBy(anonymous::ping).isInstanceOf(JedisDataException.class)
                    .hasMessage("NOAUTH Authentication required.");
                assertThatThrownBy(() -> anonymous.auth("default", "wrong"))
                    .hasMessage("WRONGPASS invalid username-password pair or user is disabled.");
                assertThat(anonymous.auth("s3cret")).isEqualTo("OK");
                assertThat(anonymous.aclWhoAmI()).isEqualTo("default");
            }
            assertThat(admin.aclLog()).extracting(e -> e.getReason()).contains("auth");
        }
    }

    @Test
    void shouldCloseTheConnectionsOfDeletedOrKilledUsers() throws IOException {
        try (MiniKvServer server = start(MiniKvServer.builder());
             RawClient admin = new RawClient(server.host(), server.port())) {
            admin.call("ACL", "SETUSER", "temp", "on", "nopass", "+@all", "~*");
            try (RawClient doomed = new RawClient(server.host(), server.port());
                 RawClient killed = new RawClient(server.host(), server.port())) {
                assertThat(doomed.call("AUTH", "temp", "x")).isEqualTo("+OK\r\n");
                assertThat(killed.call("AUTH", "temp", "x")).isEqualTo("+OK\r\n");
                assertThat(admin.call("CLIENT", "KILL", "USER", "temp")).isEqualTo(":2\r\n");
                assertThat(admin.call("CLIENT", "KILL", "USER", "nosuch")).isEqualTo("-ERR No such user 'nosuch'\r\n");
                assertThat(doomed.readUntilClosed()).isEmpty();
            }
            try (RawClient doomed = new RawClient(server.host(), server.port())) {
                assertThat(doomed.call("AUTH", "temp", "x")).isEqualTo("+OK\r\n");
                assertThat(admin.call("ACL", "DELUSER", "temp")).isEqualTo(":1\r\n");
                assertThat(doomed.readUntilClosed()).isEmpty();
            }
        }
    }

    @Test
    void shouldDisconnectSubscribersWhoseChannelsAreRevoked() throws IOException {
        try (MiniKvServer server = start(MiniKvServer.builder());
             RawClient admin = new RawClient(server.host(), server.port());
             RawClient subscriber = new RawClient(server.host(), server.port())) {
            admin.call("ACL", "SETUSER", "sub", "on", "nopass", "+@all", "~*", "&ch");
            subscriber.call("AUTH", "sub", "x");
            assertThat(subscriber.call("SUBSCRIBE", "ch")).isEqualTo("*3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n");
            assertThat(admin.call("ACL", "SETUSER", "sub", "&other")).isEqualTo("+OK\r\n");
            assertThat(subscriber.call("PING")).isEqualTo("*2\r\n$4\r\npong\r\n$0\r\n\r\n");
            assertThat(admin.call("ACL", "SETUSER", "sub", "resetchannels")).isEqualTo("+OK\r\n");
            assertThat(subscriber.readUntilClosed()).isEmpty();
        }
    }

    @Test
    void shouldCheckTheCommandsOfTransactionsAndScripts() throws IOException {
        try (MiniKvServer server = start(MiniKvServer.builder());
             RawClient admin = new RawClient(server.host(), server.port());
             RawClient c = new RawClient(server.host(), server.port())) {
            admin.call("ACL", "SETUSER", "u", "on", "nopass", "+@all", "~k*", "&*");
            c.call("AUTH", "u", "x");
            assertThat(c.call("EVAL", "return redis.call('get','x')", "0")).startsWith("-ERR The user executing the "
                + "script can't access at least one of the keys mentioned in the command arguments script: ");
            c.call("MULTI");
            c.call("GET", "k1");
            admin.call("ACL", "SETUSER", "u", "-get");
            assertThat(c.call("EXEC")).isEqualTo("*1\r\n-NOPERM ACLs rules changed between the moment the transaction "
                + "was accumulated and the EXEC call. This command is no longer allowed for the following reason: no "
                + "permission to execute the command or subcommand\r\n");
        }
    }

    @Test
    void shouldLoadAndSaveTheAclFile() throws IOException {
        final Path file = dir.resolve("users.acl");
        Files.writeString(file, "user app on >pw ~app:* +get\n");
        try (MiniKvServer server = start(MiniKvServer.builder().aclFile(file));
             Jedis admin = new Jedis(server.host(), server.port())) {
            assertThat(admin.aclList()).containsExactly("user app on #" + PW_HASH + " ~app:* resetchannels -@all +get",
                "user default on nopass ~* &* +@all");
            assertThat(admin.configGet("aclfile")).containsEntry("aclfile", file.toString());
            admin.aclSetUser("other", "on", "nopass");
            assertThat(admin.aclSave()).isEqualTo("OK");
            assertThat(Files.readAllLines(file)).containsExactly(
                "user app on #" + PW_HASH + " ~app:* resetchannels -@all +get",
                "user default on nopass ~* &* +@all", "user other on nopass resetchannels -@all");
            Files.writeString(file, "user app on nopass +@all ~*\n");
            assertThat(admin.aclLoad()).isEqualTo("OK");
            assertThat(admin.aclUsers()).isEqualTo(List.of("app", "default"));
            Files.writeString(file, "user app bogus\n");
            assertThatThrownBy(admin::aclLoad).hasMessage("ERR " + file + ":1: Syntax error. WARNING: ACL errors "
                + "detected, no change to the previously active ACL rules was performed");
        }
        Files.writeString(file, "user broken +nosuch\n");
        assertThatThrownBy(() -> MiniKvServer.builder().port(0).aclFile(file).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("Unknown command or category name in ACL");
    }

    @Test
    void shouldRedactTheRulesOfSetuserInTheSlowLog() throws IOException {
        try (MiniKvServer server = start(MiniKvServer.builder());
             RawClient c = new RawClient(server.host(), server.port())) {
            c.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
            c.call("SLOWLOG", "RESET");
            c.call("ACL", "SETUSER", "zed", "on", ">pw");
            assertThat(c.call("SLOWLOG", "GET", "1")).contains(
                "*5\r\n$3\r\nACL\r\n$7\r\nSETUSER\r\n$10\r\n(redacted)\r\n$10\r\n(redacted)\r\n$10\r\n(redacted)\r\n");
        }
    }

    @Test
    void shouldAnswerAclLoadAndSaveWithoutAFileAsRedis() {
        try (MiniKvServer server = start(MiniKvServer.builder());
             Jedis admin = new Jedis(server.host(), server.port())) {
            assertThatThrownBy(admin::aclSave).hasMessageStartingWith(
                "ERR This Redis instance is not configured to use an ACL file.");
        }
    }
}
