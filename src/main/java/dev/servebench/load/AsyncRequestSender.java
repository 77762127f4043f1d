package dev.servebench.load;

import dev.servebench.client.RequestRecord;

import java.util.concurrent.CompletableFuture;

/**
 * A {@link RequestSender} that can also start a request without blocking, so an open loop issues
 * every request from one thread instead of starting a thread per request that waits on it.
 */
public interface AsyncRequestSender extends RequestSender {
    /**
     * Starts request {@code index} and returns at once. The future completes with the request's
     * record, on a thread that must not be held (an event loop); it completes exceptionally only for
     * a fault of the program, never for one of the server or the network.
     */
    CompletableFuture<RequestRecord> start(int index, long scheduledNanos);
}
