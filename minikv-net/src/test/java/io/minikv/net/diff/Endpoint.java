package io.minikv.net.diff;

import java.io.IOException;

/**
 * A server the differential tests talk to: a name for messages and a loopback address.
 *
 * @param name what failure messages call it ({@code redis}, {@code mini-kv})
 * @param host the host, always loopback
 * @param port the port
 */
record Endpoint(String name, String host, int port) {

    /** Opens a new connection. */
    RawRespClient connect() throws IOException {
        return new RawRespClient(host, port);
    }

    @Override
    public String toString() {
        return name + "@" + host + ":" + port;
    }
}
