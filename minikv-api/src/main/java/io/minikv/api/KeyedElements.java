package io.minikv.api;

import java.util.List;

/**
 * The answer of {@code LMPOP} (and {@code BLMPOP}): the key popped from and what was popped.
 *
 * @param key the first non-empty key of those given.
 * @param elements the popped elements in pop order, at least one; callers must not modify them.
 */
public record KeyedElements(byte[] key, List<byte[]> elements) {
}
