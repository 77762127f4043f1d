package dev.servebench.server;

/**
 * Answers one request. Called on a network thread: it must not block. Handlers that need to wait
 * (a simulated engine, a deliberate stall) keep the {@link HttpExchange} and answer later from any
 * thread.
 */
@FunctionalInterface
public interface HttpHandler {
    void handle(HttpExchange exchange);
}
