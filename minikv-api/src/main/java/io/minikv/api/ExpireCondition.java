package io.minikv.api;

/**
 * When an expiry may be set, as the {@code NX XX GT LT} options of Redis's {@code EXPIRE} family.
 * A key without a TTL counts as an infinite TTL for {@code GT} and {@code LT}.
 */
public enum ExpireCondition {
    /** Always set the expiry. */
    ALWAYS,
    /** Only if the key has no expiry ({@code NX}). */
    NX,
    /** Only if the key has an expiry ({@code XX}). */
    XX,
    /** Only if the new expiry is later than the current one ({@code GT}). */
    GT,
    /** Only if the new expiry is earlier than the current one ({@code LT}). */
    LT
}
