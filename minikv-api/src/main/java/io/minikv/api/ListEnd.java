package io.minikv.api;

/**
 * An end of a list, as the list commands name it: {@code LEFT} is the head (index 0), {@code RIGHT} the tail.
 */
public enum ListEnd {
    /** The head: LPUSH, LPOP and {@code LEFT} in LMOVE and LMPOP. */
    LEFT,
    /** The tail: RPUSH, RPOP and {@code RIGHT} in LMOVE and LMPOP. */
    RIGHT
}
