package io.minikv.api;

/** The operation of a {@code BITOP}. */
public enum BitOperation {
    /** Bitwise AND of all sources; a shorter source reads as zero-padded. */
    AND,
    /** Bitwise OR of all sources. */
    OR,
    /** Bitwise XOR of all sources. */
    XOR,
    /** Bitwise NOT of a single source. */
    NOT
}
