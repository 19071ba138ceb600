package io.minikv.api;

import java.util.List;

/**
 * What {@code XAUTOCLAIM} returns (Redis 7.0's three-element reply).
 *
 * @param next the ID to pass as start to continue the scan, {@link StreamId#MIN} when the scan is complete.
 * @param claimed the entries claimed, in ID order; with JUSTID their fields are null.
 * @param deleted the IDs that were pending but no longer exist in the stream: they were removed from the PEL.
 */
public record StreamAutoClaim(StreamId next, List<StreamEntry> claimed, List<StreamId> deleted) {
}
