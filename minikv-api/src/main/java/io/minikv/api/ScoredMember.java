package io.minikv.api;

/**
 * A sorted-set member with its score, as the ZSET commands return them.
 *
 * @param member the member bytes; callers must not modify them.
 * @param score the score: never NaN.
 */
public record ScoredMember(byte[] member, double score) {
}
