package dev.servebench.distributed;

import dev.servebench.client.RequestRecord;
import dev.servebench.load.AsyncRequestSender;
import dev.servebench.load.RequestSender;

import java.util.concurrent.CompletableFuture;
import java.util.function.IntUnaryOperator;

/**
 * Sends a worker's request {@code i} as the level's request {@code global(i)}: the prompt the one-process run sends.
 * A sender that can start requests without blocking stays one ({@link #of}), so the worker's open loop runs
 * as one process's does, from one thread, instead of a thread per request.
 */
class IndexedSender implements RequestSender {
    private final RequestSender sender;
    private final IntUnaryOperator global;

    private IndexedSender(RequestSender sender, IntUnaryOperator global) {
        this.sender = sender;
        this.global = global;
    }

    /** {@code sender} seen through {@code global}, asynchronous when {@code sender} is. */
    static IndexedSender of(RequestSender sender, IntUnaryOperator global) {
        return sender instanceof AsyncRequestSender async ? new Async(async, global) : new IndexedSender(sender, global);
    }

    @Override
    public RequestRecord send(int index, long scheduledNanos) {
        return sender.send(global.applyAsInt(index), scheduledNanos);
    }

    @Override
    public RequestSender forWorker(int worker) {
        return of(sender.forWorker(worker), global);
    }

    private static final class Async extends IndexedSender implements AsyncRequestSender {
        private final AsyncRequestSender async;
        private final IntUnaryOperator toGlobal;

        private Async(AsyncRequestSender async, IntUnaryOperator global) {
            super(async, global);
            this.async = async;
            this.toGlobal = global;
        }

        @Override
        public CompletableFuture<RequestRecord> start(int index, long scheduledNanos) {
            return async.start(toGlobal.applyAsInt(index), scheduledNanos);
        }
    }
}
