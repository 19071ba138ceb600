package io.minikv.net;

import io.minikv.net.command.MemorySize;
import io.minikv.net.command.ServerContext;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The standalone server: {@code java -jar minikv-server.jar --port 6379}.
 * <p>
 * Prints one line with the address and version once it listens. SIGINT and SIGTERM shut it down gracefully (stop
 * accepting, finish in-flight commands, flush replies, close) and the process exits with status 0; so does a
 * client's SHUTDOWN.
 */
public final class ServerMain {
    private static final String USAGE = String.join(System.lineSeparator(),
        "Usage: java -jar minikv-server.jar [options]",
        "  --port <n>           TCP port (default 6379; 0 picks a free port)",
        "  --bind <address>     address to listen on (default 127.0.0.1)",
        "  --workers <n>        event loop threads (default 4)",
        "  --timeout <seconds>  close clients idle this long (default 0 = never)",
        "  --maxclients <n>     connection limit (default 10000)",
        "  --requirepass <pw>   require AUTH with this password",
        "  --aclfile <path>     load ACL users from this file (ACL LOAD reloads it, ACL SAVE writes it)",
        "  --maxmemory <size>   memory limit for keys and values, e.g. 100mb, 1gb (default 0 = none)",
        "  --dir <path>         load the snapshot there at start and save there (default: none; saves asked",
        "                       for by SAVE, BGSAVE or SHUTDOWN SAVE go to the working directory)",
        "  --dbfilename <name>  snapshot file name (default dump.mkv)",
        "  --save \"<s> <n> ..\" background save after <n> writes within <s> seconds; \"\" for none (default:",
        "                       Redis's 3600 1 300 100 60 10000 with --dir, none without)",
        "  --enable-protected-configs <no|yes|local>  allow CONFIG SET dir/dbfilename (default no)",
        "  --enable-debug-command <no|yes|local>      allow DEBUG (default no)",
        "  --help               print this help");

    private ServerMain() {
    }

    /**
     * Parses the flags, starts the server and waits for it to stop.
     *
     * @param args the command line.
     * @throws InterruptedException when the main thread is interrupted.
     */
    public static void main(final String[] args) throws InterruptedException {
        final MiniKvServer.Builder builder;
        try {
            builder = parse(args);
        } catch (final IllegalArgumentException e) {
            System.err.println("minikv: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (builder == null) {
            System.out.println(USAGE);
            return;
        }
        final MiniKvServer server;
        try {
            server = builder.build().start();
        } catch (final RuntimeException e) {
            System.err.println("minikv: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        installSignalHandlers(server);
        System.out.println("mini-kv " + ServerContext.MINIKV_VERSION + " (Redis " + ServerContext.REDIS_VERSION
            + " protocol) listening on " + server.host() + ":" + server.port() + ", pid " + ProcessHandle.current()
            .pid());
        System.out.flush();
        server.awaitTermination();
        System.exit(0);
    }

    /**
     * Parses the command line into a builder.
     *
     * @param args the flags.
     * @return the builder, or null when help was asked for.
     * @throws IllegalArgumentException on an unknown flag or a bad value.
     */
    static MiniKvServer.Builder parse(final String[] args) {
        final MiniKvServer.Builder builder = MiniKvServer.builder();
        for (int i = 0; i < args.length; i++) {
            final String flag = args[i].toLowerCase(Locale.ROOT);
            if (flag.equals("--help") || flag.equals("-h")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + args[i]);
            }
            final String value = args[++i];
            switch (flag) {
                case "--port":
                    builder.port(intValue(flag, value));
                    break;
                case "--bind":
                    builder.bind(value);
                    break;
                case "--workers":
                    builder.workers(intValue(flag, value));
                    break;
                case "--timeout":
                    builder.idleTimeoutSeconds(intValue(flag, value));
                    break;
                case "--maxclients":
                    builder.maxClients(intValue(flag, value));
                    break;
                case "--requirepass":
                    builder.requirePassword(value);
                    break;
                case "--aclfile":
                    builder.aclFile(Path.of(value));
                    break;
                case "--maxmemory": {
                    final long bytes = MemorySize.parse(value);
                    if (bytes < 0) {
                        throw new IllegalArgumentException("bad size for --maxmemory: " + value);
                    }
                    builder.maxMemoryBytes(bytes);
                    break;
                }
                case "--dir":
                    builder.dir(Path.of(value));
                    break;
                case "--dbfilename":
                    builder.dbfilename(value);
                    break;
                case "--save":
                    builder.save(value);
                    break;
                case "--enable-protected-configs":
                    builder.enableProtectedConfigs(value);
                    break;
                case "--enable-debug-command":
                    builder.enableDebugCommand(value);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + args[i - 1]);
            }
        }
        return builder;
    }

    private static int intValue(final String flag, final String value) {
        try {
            return Integer.parseInt(value);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("not a number for " + flag + ": " + value);
        }
    }

    /**
     * Routes SIGINT and SIGTERM to a graceful close, so the process exits with 0 rather than the JVM's 130/143.
     * Falls back to a shutdown hook where {@code sun.misc.Signal} is unavailable.
     */
    private static void installSignalHandlers(final MiniKvServer server) {
        final PrintStream err = System.err;
        try {
            for (final String name : new String[] {"INT", "TERM"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    err.println("mini-kv: SIG" + signal.getName() + " received, shutting down");
                    // Not on the signal thread: close() waits for the event loops to drain.
                    final Thread closer = new Thread(server::close, "minikv-signal-shutdown");
                    closer.start();
                });
            }
        } catch (final RuntimeException | LinkageError e) {
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "minikv-shutdown-hook"));
        }
    }
}
