package io.minikv.net.diff;

import java.io.IOException;

/**
 * The server under test, as the differential tests see it.
 * <p>
 * Until the mini-kv server exists this is a second redis-server, which makes every differential test a self-test of
 * the harness.
 */
final class MiniKvTarget implements AutoCloseable {

    private final RedisServerProcess stand;

    private MiniKvTarget(final RedisServerProcess stand) {
        this.stand = stand;
    }

    static MiniKvTarget start() throws IOException {
        return new MiniKvTarget(RedisServerProcess.start(RedisServerProcess.findExecutable().orElseThrow()));
    }

    Endpoint endpoint() {
        return new Endpoint("mini-kv", "127.0.0.1", stand.port());
    }

    @Override
    public void close() {
        stand.close();
    }
}
