package io.minikv.api;

import java.util.List;

/**
 * One batch of an {@code HSCAN} iteration.
 *
 * @param cursor the cursor for the next call; 0 when the iteration is complete.
 * @param entries the fields of this batch with their values, possibly empty even when {@code cursor != 0}.
 */
public record HScanResult(long cursor, List<FieldValue> entries) {
}
