package dev.servebench.distributed;

import dev.servebench.client.RequestRecord;
import dev.servebench.load.RequestSender;

import java.util.function.IntUnaryOperator;

/** Sends a worker's request {@code i} as the level's request {@code global(i)}: the prompt the one-process run sends. */
final class IndexedSender implements RequestSender {
    private final RequestSender sender;
    private final IntUnaryOperator global;

    IndexedSender(RequestSender sender, IntUnaryOperator global) {
        this.sender = sender;
        this.global = global;
    }

    @Override
    public RequestRecord send(int index, long scheduledNanos) {
        return sender.send(global.applyAsInt(index), scheduledNanos);
    }

    @Override
    public RequestSender forWorker(int worker) {
        return new IndexedSender(sender.forWorker(worker), global);
    }
}
