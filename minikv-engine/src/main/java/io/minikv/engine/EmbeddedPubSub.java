package io.minikv.engine;

import java.util.Objects;
import java.util.concurrent.Executor;

import io.minikv.api.KvPubSub;
import io.minikv.api.MessageListener;
import io.minikv.api.PatternListener;
import io.minikv.api.Subscription;
import io.minikv.engine.pubsub.ListenerSubscription;
import io.minikv.engine.pubsub.PubSubRegistry;

/**
 * The pub/sub methods of {@link EmbeddedKvStore}, as default methods over the engine's {@link PubSubRegistry}, shared
 * by every database view and by a server's clients. Thread-safe, as the store is.
 */
interface EmbeddedPubSub extends KvPubSub {

    /**
     * Returns the engine's registry, after checking the store is open.
     *
     * @return the registry.
     */
    PubSubRegistry pubsub();

    @Override
    default long publish(final byte[] channel, final byte[] message) {
        return pubsub().publish(Objects.requireNonNull(channel, "channel"), Objects.requireNonNull(message,
            "message"));
    }

    @Override
    default Subscription subscribe(final byte[] channel, final MessageListener listener, final Executor executor) {
        return ListenerSubscription.channel(pubsub(), Objects.requireNonNull(channel, "channel"),
            Objects.requireNonNull(listener, "listener"), Objects.requireNonNull(executor, "executor"),
            MAX_PENDING_BYTES);
    }

    @Override
    default Subscription psubscribe(final byte[] pattern, final PatternListener listener, final Executor executor) {
        return ListenerSubscription.pattern(pubsub(), Objects.requireNonNull(pattern, "pattern"),
            Objects.requireNonNull(listener, "listener"), Objects.requireNonNull(executor, "executor"),
            MAX_PENDING_BYTES);
    }
}
