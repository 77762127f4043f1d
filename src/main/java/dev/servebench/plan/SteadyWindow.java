package dev.servebench.plan;

import dev.servebench.client.RequestRecord;
import dev.servebench.load.LoadResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A closed-loop level at steady state: every client's first request (they all start at once, a burst no steady
 * load has) and the last {@code clients} requests (sent while the others drain, under a falling load) are left
 * out; the requests between were each sent as an earlier one ended, at the full concurrency. Their rate is Little's
 * law's, clients / mean latency, so the window's length is set to what that rate takes to complete them
 * (kept requests x mean latency / clients): a wall clock from the first kept send to the last kept end would add
 * the edges' partial waves, and the estimate would still be growing when the measurement doubles.
 */
final class SteadyWindow {
    private SteadyWindow() {
    }

    /**
     * @param byIndex the level's records by the order they were issued in
     * @param clients the level's concurrency
     */
    static LoadResult of(Map<Integer, RequestRecord> byIndex, int clients) {
        List<RequestRecord> ordered = new ArrayList<>(new TreeMap<>(byIndex).values());
        int from = Math.min(clients, ordered.size());
        int to = ordered.size() - clients;
        List<RequestRecord> kept = to > from ? ordered.subList(from, to) : ordered;
        if (kept.isEmpty()) {
            return new LoadResult(List.of(), 0, 0, 0);
        }
        double latencyNanos = 0;
        for (RequestRecord r : kept) {
            latencyNanos += r.endNanos() - r.sentNanos();
        }
        long windowNanos = Math.max(1, Math.round(latencyNanos / clients));
        return new LoadResult(kept, 0, windowNanos, windowNanos);
    }
}
