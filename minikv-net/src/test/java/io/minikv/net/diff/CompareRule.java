package io.minikv.net.diff;

/**
 * How a line's replies are compared. Every rule but {@link Kind#EXACT} is a deliberate, documented loosening:
 * Redis leaves the order of KEYS, SCAN and set members unspecified, and time-dependent replies differ by the time
 * between the two servers executing the command.
 *
 * @param kind      the comparison
 * @param tolerance for {@link Kind#TOLERANCE}: the largest allowed difference between two non-negative integers
 */
record CompareRule(Kind kind, long tolerance) {

    /** The comparisons a case file can ask for. */
    enum Kind {
        /** Raw reply bytes must be identical (the default). */
        EXACT,
        /** Arrays compared as multisets of their elements' bytes ({@code !unordered}); anything else exactly. */
        UNORDERED,
        /**
         * Integers (anywhere in the reply) equal, or both non-negative and within {@code tolerance} ({@code !ttl},
         * {@code !pttl}, {@code !approx=N}); negative values such as -1 and -2 must match exactly.
         */
        TOLERANCE,
        /** Same reply types and array lengths, any contents ({@code !shape}): TIME, CLIENT ID, INFO. */
        SHAPE,
        /** A SCAN-family command followed to cursor 0 on each server; the unions of returned items compared as sets. */
        SCAN_ALL,
        /** Sent to both servers to keep their states in step, not compared ({@code !ignore}, with a reason). */
        IGNORE
    }

    static final CompareRule EXACT = new CompareRule(Kind.EXACT, 0);
    static final CompareRule UNORDERED = new CompareRule(Kind.UNORDERED, 0);
    static final CompareRule SHAPE = new CompareRule(Kind.SHAPE, 0);
    static final CompareRule SCAN_ALL = new CompareRule(Kind.SCAN_ALL, 0);
    static final CompareRule IGNORE = new CompareRule(Kind.IGNORE, 0);
    /** TTL in seconds: rounding and the time between the two executions. */
    static final CompareRule TTL = new CompareRule(Kind.TOLERANCE, 2);
    /** PTTL and PEXPIRETIME in milliseconds. */
    static final CompareRule PTTL = new CompareRule(Kind.TOLERANCE, 1000);
}
