package io.minikv.net.diff;

import java.io.IOException;

import io.minikv.net.MiniKvServer;

/**
 * The server under test, as the differential tests see it: an in-process mini-kv server on a free loopback port,
 * shared by the whole test run.
 */
final class MiniKvTarget implements AutoCloseable {

    private final MiniKvServer server;

    private MiniKvTarget(final MiniKvServer server) {
        this.server = server;
    }

    static MiniKvTarget start() throws IOException {
        return new MiniKvTarget(MiniKvServer.builder().bind("127.0.0.1").port(0).build().start());
    }

    Endpoint endpoint() {
        return new Endpoint("mini-kv", "127.0.0.1", server.port());
    }

    @Override
    public void close() {
        server.close();
    }
}
