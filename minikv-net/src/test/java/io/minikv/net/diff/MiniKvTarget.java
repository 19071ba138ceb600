package io.minikv.net.diff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.minikv.net.MiniKvServer;

/**
 * The server under test, as the differential tests see it: an in-process mini-kv server on a free loopback port,
 * shared by the whole test run. Like the redis-server beside it, it has a data directory of its own (SAVE and BGSAVE
 * cases write there) and no save points.
 */
final class MiniKvTarget implements AutoCloseable {

    private final MiniKvServer server;
    private final Path dir;

    private MiniKvTarget(final MiniKvServer server, final Path dir) {
        this.server = server;
        this.dir = dir;
    }

    static MiniKvTarget start() throws IOException {
        final Path dir = Files.createTempDirectory("minikv-diff");
        return new MiniKvTarget(MiniKvServer.builder().bind("127.0.0.1").port(0).dir(dir).save("").build().start(),
            dir);
    }

    Endpoint endpoint() {
        return new Endpoint("mini-kv", "127.0.0.1", server.port());
    }

    @Override
    public void close() {
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (final IOException ignored) {
            // A leftover temporary directory is harmless.
        }
    }
}
