package dev.servebench.load;

import dev.servebench.client.RequestRecord;

/** Sends request number {@code index} and blocks until it ends. Called from many threads at once. */
@FunctionalInterface
public interface RequestSender {
    RequestRecord send(int index, long scheduledNanos);
}
