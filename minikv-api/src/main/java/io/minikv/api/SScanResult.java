package io.minikv.api;

import java.util.List;

/**
 * One batch of an {@code SSCAN} iteration.
 *
 * @param cursor the cursor for the next call; 0 when the iteration is complete.
 * @param members the members of this batch, possibly empty even when {@code cursor != 0}; callers must not modify
 *     the arrays.
 */
public record SScanResult(long cursor, List<byte[]> members) {
}
