package io.minikv.net.diff;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving differential tests a {@link DiffServers} parameter, shared by the whole test run (one
 * redis-server and one server under test, closed when the run ends) so the suite stays fast.
 * <p>
 * Without {@code redis-server} on the PATH a developer run skips each test with a visible message; with
 * {@code CI=true} (environment variable or system property) it fails instead, so CI never skips silently.
 */
public final class DiffServersExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(DiffServersExtension.class);

    /** What the root store holds: the servers, or why there are none. */
    private record Holder(DiffServers servers, String unavailable) implements AutoCloseable {
        @Override
        public void close() {
            if (servers != null) {
                servers.close();
            }
        }
    }

    /** Fails the class at once in CI; a developer run gets servers that skip each test that uses them. */
    @Override
    public void beforeAll(final ExtensionContext context) {
        final Holder holder = holder(context);
        if (holder.unavailable() != null && isCi()) {
            throw new IllegalStateException("CI=true and the differential tests cannot run: " + holder.unavailable());
        }
    }

    @Override
    public boolean supportsParameter(final ParameterContext parameterContext, final ExtensionContext context) {
        return parameterContext.getParameter().getType() == DiffServers.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameterContext, final ExtensionContext context) {
        final Holder holder = holder(context);
        return holder.servers() != null ? holder.servers() : DiffServers.unavailable(holder.unavailable());
    }

    /** Returns whether this run is a CI run ({@code CI=true} in the environment or as a system property). */
    static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || "true".equalsIgnoreCase(System.getProperty("CI"));
    }

    private static Holder holder(final ExtensionContext context) {
        final ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        return store.getOrComputeIfAbsent(Holder.class, k -> create(), Holder.class);
    }

    private static Holder create() {
        final Optional<Path> exe = RedisServerProcess.findExecutable();
        if (exe.isEmpty()) {
            return new Holder(null, "redis-server is not on the PATH (Debian: apt-get install redis-server "
                + "redis-tools; .ci/run installs it; -Dminikv.redis.server=PATH names another one)");
        }
        try {
            return new Holder(DiffServers.start(exe.get()), null);
        } catch (final java.io.IOException e) {
            throw new IllegalStateException("cannot start the differential test servers: " + e.getMessage(), e);
        }
    }
}
