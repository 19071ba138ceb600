package io.minikv.api;

import java.util.List;

/**
 * The answer of {@code ZMPOP} (and {@code BZMPOP}): the key popped from and what was popped.
 *
 * @param key the first non-empty key of the list.
 * @param members the popped members in pop order, at least one.
 */
public record KeyedMembers(byte[] key, List<ScoredMember> members) {
}
