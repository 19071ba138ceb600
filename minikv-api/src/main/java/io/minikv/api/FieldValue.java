package io.minikv.api;

/**
 * A hash field with its value, as HGETALL, HRANDFIELD WITHVALUES and HSCAN return them and HSET takes them.
 *
 * @param field the field bytes; the store keeps the arrays it is given and returns its own: do not modify them.
 * @param value the value bytes; same rule.
 */
public record FieldValue(byte[] field, byte[] value) {
}
