package io.minikv.net.command;

/**
 * What commands may ask of the connection behind a {@link Client}: implemented by the event loop's connection.
 */
public interface ClientControl {
    /**
     * Closes the connection after the replies already written are flushed. Thread-safe: from another thread (CLIENT
     * KILL) the close is handed to the connection's own event loop.
     */
    void kill();

    /**
     * Stops executing further commands of this connection (a blocking command parks it); input is still buffered.
     * Call on the connection's event loop thread.
     */
    void suspend();

    /**
     * Puts the command being dispatched back into the connection's input and suspends the connection, so that
     * {@link #resume()} runs that command again (CLIENT PAUSE holds commands this way). Call on the connection's
     * event loop thread, from the dispatch of a command the connection parsed itself.
     *
     * @throws UnsupportedOperationException for a client that reads no input of its own (the scripts' client).
     */
    default void postpone() {
        throw new UnsupportedOperationException("only a connection's own commands can be postponed");
    }

    /**
     * Returns whether the connection is parked by {@link #suspend()}. May be read from any thread; the answer can be
     * momentarily stale, which is fine for INFO and CLIENT LIST.
     *
     * @return true while suspended.
     */
    boolean isSuspended();

    /**
     * Resumes a suspended connection: its buffered commands run and the replies are flushed. Thread-safe: the work is
     * handed to the connection's own event loop.
     */
    void resume();

    /**
     * Registers a task to run on the connection's event loop thread when the connection closes, e.g. to drop a
     * parked command from a wait queue. Call on the connection's event loop thread.
     *
     * @param task the task.
     */
    void onClose(Runnable task);

    /**
     * Runs a task on the connection's event loop thread, e.g. to write a reply for a parked command.
     *
     * @param task the task.
     */
    void execute(Runnable task);

    /**
     * Returns the bytes of received, not yet executed input.
     *
     * @return the query buffer length.
     */
    int queryBufferLength();

    /**
     * Returns the bytes of replies not yet sent.
     *
     * @return the output buffer length.
     */
    int outputBufferLength();

    /**
     * Returns the {@link ExecGate} slot of the connection's event loop, for EXEC.
     *
     * @return the slot, or null when the connection runs on no event loop.
     */
    default ExecGate.Slot gateSlot() {
        return null;
    }

    /**
     * Asks the connection's event loop to write the client's queued pub/sub messages ({@link ClientPubSub}) and send
     * them, or to disconnect the client when it passed its pub/sub output limit. Thread-safe.
     */
    void writePushes();
}
