package io.minikv.api;

/**
 * When a write may happen, as the {@code NX} / {@code XX} options of Redis's {@code SET}.
 */
public enum SetCondition {
    /** Always write. */
    ALWAYS,
    /** Only if the key does not exist ({@code NX}). */
    IF_ABSENT,
    /** Only if the key already exists ({@code XX}). */
    IF_PRESENT
}
