package dev.servebench.load;

import dev.servebench.client.RequestRecord;

/** Told of every request as soon as it ends, from the thread that ran it. Must be thread-safe. */
@FunctionalInterface
public interface RecordListener {
    void onRecord(int index, RequestRecord record);

    RecordListener NONE = (i, r) -> { };
}
