package dev.servebench.distributed;

/**
 * The offset between a worker's clock and the coordinator's from one ping: the coordinator read its clock
 * at {@code sent} and {@code received}, the worker at {@code worker} in between. Assuming the answer was
 * read half-way, offset = worker - (sent + received) / 2, wrong by at most half the round trip.
 */
final class ClockOffset {
    private ClockOffset() {
    }

    static long workerMinusCoordinator(long sent, long worker, long received) {
        // sent + (received - sent) / 2 instead of (sent + received) / 2: nanoTime readings may be near overflow.
        return worker - (sent + (received - sent) / 2);
    }
}
