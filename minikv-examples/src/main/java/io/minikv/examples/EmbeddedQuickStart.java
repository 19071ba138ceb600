package io.minikv.examples;

import io.minikv.MiniKv;
import io.minikv.api.ExpireCondition;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.SetArgs;
import io.minikv.api.Subscription;
import io.minikv.net.MiniKvServer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * mini-kv as a library: open a store in-process, use it through typed calls, then serve the same store over RESP
 * so that redis-cli or another process can look at it.
 * <p>
 * Run with {@code java -cp ... io.minikv.examples.EmbeddedQuickStart}; it prints what it does and exits.
 */
public final class EmbeddedQuickStart {
    private EmbeddedQuickStart() {
    }

    /**
     * Runs the example.
     *
     * @param args unused.
     */
    public static void main(final String[] args) {
        try (KvStore store = MiniKv.open(KvOptions.builder().maxMemoryBytes(64L * 1024 * 1024).build())) {
            store.set(bytes("greeting"), bytes("hello"));
            store.set(bytes("session:42"), bytes("alice"), SetArgs.ifAbsent());
            store.expire(bytes("session:42"), 1800, ExpireCondition.ALWAYS);
            final long visits = store.incrby(bytes("visits"), 1);
            System.out.println("greeting = " + text(store.get(bytes("greeting"))));
            System.out.println("session:42 ttl = " + store.ttl(bytes("session:42")) + " s");
            System.out.println("visits = " + visits);

            // Pub/sub: the listener runs on the common pool, not on the publishing thread; server clients publishing
            // to the same channel would reach it too.
            final CompletableFuture<String> received = new CompletableFuture<>();
            try (Subscription news = store.subscribe(bytes("news"), (channel, message) ->
                received.complete(text(message)))) {
                final long receivers = store.publish(bytes("news"), bytes("mini-kv speaks pub/sub"));
                System.out.println("published to " + receivers + " subscriber, received: " + received.join());
            }

            // The same store, now also reachable over the network on a free port.
            try (MiniKvServer server = MiniKvServer.builder().port(0).store(store).build().start()) {
                System.out.println("serving the store on " + server.host() + ":" + server.port()
                    + " (try: redis-cli -p " + server.port() + " get greeting)");
            }
        }
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(final byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
