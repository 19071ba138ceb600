package io.minikv.api;

/** The unit of a BITCOUNT or BITPOS range: bytes (Redis's default) or bits (Redis 7). */
public enum BitUnit {
    /** Start and end count bytes. */
    BYTE,
    /** Start and end count bits, the first bit being the most significant bit of the first byte. */
    BIT
}
