package dev.servebench.load;

import dev.servebench.client.RequestRecord;

/** Sends request number {@code index} and blocks until it ends. Called from many threads at once. */
@FunctionalInterface
public interface RequestSender {
    RequestRecord send(int index, long scheduledNanos);

    /**
     * The sender closed-loop worker {@code worker} uses for all its requests: a workload with state
     * per user (a conversation whose history grows) keeps it here. Stateless senders are shared.
     */
    default RequestSender forWorker(int worker) {
        return this;
    }
}
