package io.minikv.api;

import java.util.List;

/**
 * One batch of a {@code SCAN} iteration.
 *
 * @param cursor the cursor to pass to the next call; 0 when the iteration is complete.
 * @param keys the keys of this batch, possibly empty even when {@code cursor != 0}.
 */
public record ScanResult(long cursor, List<byte[]> keys) {
}
