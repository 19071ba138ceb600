package io.minikv.api;

import java.util.List;

/**
 * One stream entry, as XRANGE, XREVRANGE, XREAD and XINFO STREAM return it.
 *
 * @param id the entry's ID.
 * @param fields its field-value pairs in the order XADD gave them (fields may repeat, as in Redis); the store keeps
 *     the arrays it is given and returns its own: do not modify them.
 */
public record StreamEntry(StreamId id, List<FieldValue> fields) {
}
