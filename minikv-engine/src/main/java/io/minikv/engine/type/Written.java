package io.minikv.engine.type;

/**
 * A write's reply together with whether it modified its key, for the writes whose reply alone cannot tell: ZADD
 * (an updated score is not counted without CH), ZINCRBY (an increment can leave the score as it was), the store
 * commands (an empty result modifies the destination only when it existed), GETEX (PERSIST on a key without a TTL).
 * The embedded store announces the key only when it was modified, as Redis signals it.
 *
 * @param reply the command's reply.
 * @param modified whether the key changed.
 * @param <T> the reply's type.
 */
public record Written<T>(T reply, boolean modified) {
}
