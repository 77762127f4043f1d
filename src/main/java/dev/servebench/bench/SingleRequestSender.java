package dev.servebench.bench;

import dev.servebench.client.OpenAiClient;
import dev.servebench.client.RequestRecord;
import dev.servebench.load.AsyncRequestSender;

import java.util.concurrent.CompletableFuture;

/** Sends request {@code index} of a level on its own, as {@code requests} builds it: blocking or not. */
final class SingleRequestSender implements AsyncRequestSender {
    private final OpenAiClient client;
    private final RequestFactory requests;
    private final Workload workload;

    SingleRequestSender(OpenAiClient client, RequestFactory requests, Workload workload) {
        this.client = client;
        this.requests = requests;
        this.workload = workload;
    }

    @Override
    public RequestRecord send(int index, long scheduledNanos) {
        return client.send(requests.build(workload, index), scheduledNanos);
    }

    @Override
    public CompletableFuture<RequestRecord> start(int index, long scheduledNanos) {
        return client.sendAsync(requests.build(workload, index), scheduledNanos);
    }
}
