package dev.servebench.bench;

import dev.servebench.client.CompletionRequest;
import dev.servebench.client.OpenAiClient;
import dev.servebench.client.RequestRecord;
import dev.servebench.load.AsyncRequestSender;

import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * Sends request {@code index} on its own (not as a turn of a conversation) with {@code client}:
 * blocking, for a closed loop's virtual threads, or not, for an open loop.
 */
public final class SingleRequestSender implements AsyncRequestSender {
    private final OpenAiClient client;
    private final IntFunction<CompletionRequest> requests;

    /** @param requests the request with a given index (a level's {@link RequestFactory}, or always the same one) */
    public SingleRequestSender(OpenAiClient client, IntFunction<CompletionRequest> requests) {
        this.client = client;
        this.requests = requests;
    }

    @Override
    public RequestRecord send(int index, long scheduledNanos) {
        return client.send(requests.apply(index), scheduledNanos);
    }

    @Override
    public CompletableFuture<RequestRecord> start(int index, long scheduledNanos) {
        return client.sendAsync(requests.apply(index), scheduledNanos);
    }
}
