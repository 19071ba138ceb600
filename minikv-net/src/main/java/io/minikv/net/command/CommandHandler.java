package io.minikv.net.command;

/**
 * Executes one command for a client. The dispatcher has already checked arity and authentication; the handler
 * reads {@link Client#args()}, calls the store and writes exactly one reply through {@link Client#reply()}.
 * Handlers report routine failures by writing an error reply; a {@link io.minikv.api.KvException} thrown by the
 * store is turned into its error reply by the dispatcher.
 * <p>
 * Implementations are stateless method references, called on the client's event loop thread.
 */
@FunctionalInterface
public interface CommandHandler {
    /**
     * Executes the command.
     *
     * @param client the calling client, its arguments and its reply writer.
     */
    void handle(Client client);
}
