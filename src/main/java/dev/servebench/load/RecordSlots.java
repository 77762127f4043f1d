package dev.servebench.load;

import dev.servebench.client.RequestRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Records by issue index; a run bounded only by time does not know its size in advance. */
final class RecordSlots {
    private final List<RequestRecord> byIndex;

    RecordSlots(int maxRequests) {
        this.byIndex = new ArrayList<>(Math.min(maxRequests, 1024));
    }

    synchronized void put(int index, RequestRecord record) {
        while (byIndex.size() <= index) {
            byIndex.add(null);
        }
        byIndex.set(index, record);
    }

    synchronized LoadResult result(long start, long lastIssue, LoadEngine engine) {
        List<RequestRecord> records = new ArrayList<>(byIndex.size());
        long end = start;
        for (RequestRecord r : byIndex) {
            if (r != null) {
                records.add(r);
                end = Math.max(end, r.endNanos());
            }
        }
        return new LoadResult(records, start, lastIssue, end, Optional.empty(), Optional.of(engine));
    }
}
