package io.minikv.api;

import java.util.List;

/**
 * One batch of a {@code ZSCAN} iteration.
 *
 * @param cursor the cursor for the next call; 0 when the iteration is complete.
 * @param members the members of this batch with their scores, possibly empty even when {@code cursor != 0}.
 */
public record ZScanResult(long cursor, List<ScoredMember> members) {
}
