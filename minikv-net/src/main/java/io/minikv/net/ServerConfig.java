package io.minikv.net;

import io.minikv.net.resp.RespLimits;

/**
 * The validated settings of a {@link MiniKvServer}, each with its default and command-line flag.
 *
 * @param bind the address to listen on ({@code --bind}, default {@value #DEFAULT_BIND}).
 * @param port the TCP port ({@code --port}, default {@value #DEFAULT_PORT}; 0 picks a free port).
 * @param workers the number of event loops ({@code --workers}, default {@value #DEFAULT_WORKERS}).
 * @param idleTimeoutSeconds close clients idle this long ({@code --timeout}, 0 = never).
 * @param maxClients the connection limit ({@code --maxclients}, default {@value #DEFAULT_MAX_CLIENTS}).
 * @param requirePassword the password clients must AUTH with ({@code --requirepass}), or null for none.
 * @param maxMemoryBytes the store's memory limit ({@code --maxmemory}, 0 = none); used only when the server
 *     opens its own store.
 * @param limits the protocol limits.
 */
public record ServerConfig(String bind, int port, int workers, int idleTimeoutSeconds, int maxClients,
                           String requirePassword, long maxMemoryBytes, RespLimits limits) {
    /** Default bind address: loopback only, as a safe default. */
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** Default port, Redis's. */
    public static final int DEFAULT_PORT = 6379;
    /** Default number of event loops. */
    public static final int DEFAULT_WORKERS = 4;
    /** Default connection limit, Redis's. */
    public static final int DEFAULT_MAX_CLIENTS = 10000;

    /**
     * Validates the settings.
     *
     * @param bind not null.
     * @param port 0 to 65535.
     * @param workers 1 to 256.
     * @param idleTimeoutSeconds 0 or more.
     * @param maxClients 1 or more.
     * @param requirePassword null or non-empty.
     * @param maxMemoryBytes 0 or more.
     * @param limits not null.
     */
    public ServerConfig {
        if (bind == null || bind.isEmpty()) {
            throw new IllegalArgumentException("bind must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be from 0 to 65535: " + port);
        }
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("workers must be from 1 to 256: " + workers);
        }
        if (idleTimeoutSeconds < 0) {
            throw new IllegalArgumentException("timeout must not be negative: " + idleTimeoutSeconds);
        }
        if (maxClients < 1) {
            throw new IllegalArgumentException("maxclients must be at least 1: " + maxClients);
        }
        if (requirePassword != null && requirePassword.isEmpty()) {
            requirePassword = null;
        }
        if (maxMemoryBytes < 0) {
            throw new IllegalArgumentException("maxmemory must not be negative: " + maxMemoryBytes);
        }
        if (limits == null) {
            throw new NullPointerException("limits");
        }
    }
}
