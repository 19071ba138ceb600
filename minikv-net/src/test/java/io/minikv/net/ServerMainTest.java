package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minikv.MiniKv;
import io.minikv.api.KvStore;
import io.minikv.net.command.MemorySize;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerMainTest {
    private final KvStore store = MiniKv.open();

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void shouldParseEveryFlag() {
        final MiniKvServer.Builder builder = ServerMain.parse(new String[] {"--port", "7000", "--bind", "0.0.0.0",
            "--workers", "2", "--timeout", "30", "--maxclients", "50", "--requirepass", "pw", "--maxmemory",
            "100mb"});
        final ServerConfig config = builder.store(store).build().config();
        assertThat(config.port()).isEqualTo(7000);
        assertThat(config.bind()).isEqualTo("0.0.0.0");
        assertThat(config.workers()).isEqualTo(2);
        assertThat(config.idleTimeoutSeconds()).isEqualTo(30);
        assertThat(config.maxClients()).isEqualTo(50);
        assertThat(config.requirePassword()).isEqualTo("pw");
        assertThat(config.maxMemoryBytes()).isEqualTo(100L * 1024 * 1024);
    }

    @Test
    void shouldParseTheAclFile(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path dir)
        throws java.io.IOException {
        final java.nio.file.Path file = dir.resolve("users.acl");
        java.nio.file.Files.writeString(file, "user app on nopass ~* +@all\n");
        final MiniKvServer server = ServerMain.parse(new String[] {"--aclfile", file.toString()}).store(store).build();
        try {
            assertThat(server.aclFile()).isEqualTo(file);
        } finally {
            server.close();
        }
        assertThatThrownBy(() -> ServerMain.parse(new String[] {"--aclfile", dir.resolve("none").toString()})
            .store(store).build()).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("No such file or directory");
    }

    @Test
    void shouldParsePersistenceFlags(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path dir) {
        final MiniKvServer server = ServerMain.parse(new String[] {"--dir", dir.toString(), "--dbfilename", "x.mkv",
            "--save", "900 1", "--save", "60 100", "--enable-protected-configs", "local"}).build();
        try {
            final io.minikv.net.command.Persistence p = server.persistence();
            assertThat(p.file()).isEqualTo(dir.toAbsolutePath().resolve("x.mkv"));
            assertThat(p.savePoints()).containsExactly(900, 1, 60, 100);
            assertThat(p.enableProtectedConfigs()).isEqualTo("local");
        } finally {
            server.close();
        }
        final MiniKvServer defaults = ServerMain.parse(new String[] {"--dir", dir.toString()}).build();
        try {
            assertThat(defaults.persistence().savePoints()).containsExactly(3600, 1, 300, 100, 60, 10000);
        } finally {
            defaults.close();
        }
        final MiniKvServer none = ServerMain.parse(new String[] {"--dir", dir.toString(), "--save", ""}).build();
        try {
            assertThat(none.persistence().hasSavePoints()).isFalse();
        } finally {
            none.close();
        }
        assertThat(ServerMain.parse(new String[0]).store(store).build().persistence().hasSavePoints()).isFalse();
        assertThatThrownBy(() -> ServerMain.parse(new String[] {"--save", "0 1"}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid save parameters");
        assertThatThrownBy(() -> ServerMain.parse(new String[] {"--dbfilename", "a/b"}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain file name");
        assertThatThrownBy(() -> ServerMain.parse(new String[] {"--enable-protected-configs", "maybe"}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enable-protected-configs");
    }

    @Test
    void shouldParseEnableDebugCommand() {
        assertThat(ServerMain.parse(new String[0]).store(store).build().enableDebugCommand()).isEqualTo("no");
        assertThat(ServerMain.parse(new String[] {"--enable-debug-command", "LOCAL"}).store(store).build()
            .enableDebugCommand()).isEqualTo("local");
        assertThat(ServerMain.parse(new String[] {"--enable-debug-command", "yes"}).store(store).build()
            .enableDebugCommand()).isEqualTo("yes");
        assertThatThrownBy(() -> ServerMain.parse(new String[] {"--enable-debug-command", "maybe"}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enable-debug-command");
    }

    @Test
    void shouldUseRedisDefaultsAndAnswerHelp() {
        final ServerConfig config = ServerMain.parse(new String[0]).store(store).build().config();
        assertThat(config.port()).isEqualTo(6379);
        assertThat(config.bind()).isEqualTo("127.0.0.1");
        assertThat(config.workers()).isEqualTo(4);
        assertThat(config.idleTimeoutSeconds()).isZero();
        assertThat(config.maxClients()).isEqualTo(10000);
        assertThat(config.requirePassword()).isNull();
        assertThat(ServerMain.parse(new String[] {"--help"})).isNull();
    }

    @Test
    void shouldRejectUnknownFlagsAndBadValues() {
        assertThatThrownBy(() -> ServerMain.parse(new String[] {"--bogus", "1"}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> ServerMain.parse(new String[] {"--port"}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing value");
        assertThatThrownBy(() -> ServerMain.parse(new String[] {"--maxmemory", "lots"}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--maxmemory");
        assertThatThrownBy(() -> ServerMain.parse(new String[] {"--port", "99999"}).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
    }

    @Test
    void shouldParseMemorySizesAsRedis() {
        assertThat(MemorySize.parse("1024")).isEqualTo(1024);
        assertThat(MemorySize.parse("1k")).isEqualTo(1000);
        assertThat(MemorySize.parse("1kb")).isEqualTo(1024);
        assertThat(MemorySize.parse("2MB")).isEqualTo(2L * 1024 * 1024);
        assertThat(MemorySize.parse("1g")).isEqualTo(1_000_000_000L);
        assertThat(MemorySize.parse("1gb")).isEqualTo(1024L * 1024 * 1024);
        assertThat(MemorySize.parse("1tb")).isEqualTo(-1);
        assertThat(MemorySize.parse("-1")).isEqualTo(-1);
        assertThat(MemorySize.parse("mb")).isEqualTo(-1);
    }
}
