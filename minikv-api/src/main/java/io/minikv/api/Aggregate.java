package io.minikv.api;

/** How ZUNION, ZINTER and their STORE forms combine the weighted scores of a member found in several sets. */
public enum Aggregate {
    /** Add the scores (the default); {@code inf + -inf} gives 0, as in Redis. */
    SUM,
    /** Keep the smallest score. */
    MIN,
    /** Keep the largest score. */
    MAX
}
