package io.minikv.engine;

import java.util.Objects;

/**
 * The argument checks the embedded store's command families share: a null key, member or key array is a
 * {@link NullPointerException} naming the argument, an empty key array an {@link IllegalArgumentException}.
 */
final class StoreArgs {

    private StoreArgs() {
    }

    static byte[] key(final byte[] key) {
        return Objects.requireNonNull(key, "key");
    }

    static byte[][] keys(final byte[][] keys) {
        Objects.requireNonNull(keys, "keys");
        if (keys.length == 0) {
            throw new IllegalArgumentException("at least one key is needed");
        }
        for (final byte[] k : keys) {
            key(k);
        }
        return keys;
    }

    static byte[][] members(final byte[][] members) {
        Objects.requireNonNull(members, "members");
        for (final byte[] m : members) {
            Objects.requireNonNull(m, "member");
        }
        return members;
    }
}
