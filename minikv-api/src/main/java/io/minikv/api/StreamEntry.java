package io.minikv.api;

import java.util.List;

/**
 * One stream entry, as XRANGE, XREVRANGE, XREAD and XINFO STREAM return it.
 *
 * @param id the entry's ID.
 * @param fields its field-value pairs in the order XADD gave them (fields may repeat, as in Redis); the store keeps
 *     the arrays it is given and returns its own: do not modify them. Null in two replies only: an entry that
 *     XREADGROUP re-delivers from a consumer's history but that was deleted from the stream since, and the entries
 *     XCLAIM and XAUTOCLAIM return with JUSTID.
 */
public record StreamEntry(StreamId id, List<FieldValue> fields) {
}
