package io.minikv.engine;

/**
 * Holds back the application's writes while a server runs a transaction alone (EXEC, SAVE): a server registers one
 * with {@link Engine#addWriteGate} while it runs, and every write through the store's own views passes it, from
 * before its first lock until its {@link KeyModifiedListener}s were told. So an application write never interleaves
 * with an EXEC's commands, and one that modified a watched key before an EXEC started is heard by it. Reads do not
 * pass the gate: the application can read a transaction's effects before EXEC has run all of its commands.
 * <p>
 * Implementations are thread-safe; {@link #enterWrite} and {@link #exitWrite} are called in pairs on the writing
 * thread, and must cost next to nothing while no transaction runs.
 */
public interface WriteGate {
    /** Called before a write; returns once no transaction runs, and keeps one from starting until the exit. */
    void enterWrite();

    /** Called after the write, on the thread that entered. */
    void exitWrite();
}
