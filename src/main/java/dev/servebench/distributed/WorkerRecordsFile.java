package dev.servebench.distributed;

import dev.servebench.bench.LevelSpec;
import dev.servebench.client.RequestRecord;
import dev.servebench.results.RequestLog;
import dev.servebench.results.RequestsFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A worker's own copy of what it measured, in the format of requests.jsonl (times from the worker's join):
 * kept beside the coordinator's merged file by local workers, so each worker's share can be checked alone.
 * Written by the results folder's own writer ({@link RequestLog}, appending to what the file holds): the same
 * lines, batched off the request threads, and a disk that refuses writes for a while retried rather than lost.
 */
final class WorkerRecordsFile implements AutoCloseable {
    static final String FILE = RequestsFile.NAME;

    private final RequestLog log;

    WorkerRecordsFile(Path folder, long originNanos) throws IOException {
        Files.createDirectories(folder);
        this.log = RequestLog.appendingTo(folder.resolve(FILE));
        log.origin(originNanos);
    }

    /** Queues the record's line; never blocks on the disk. */
    void append(LevelSpec level, int index, RequestRecord record) {
        log.append(level, index, record);
    }

    /** Writes every line queued; says which could not be written, if any. */
    @Override
    public void close() throws IOException {
        log.close();
        Optional<String> failure = log.failure();
        if (failure.isPresent()) {
            throw new IOException("the worker's " + FILE + ": " + failure.get());
        }
    }
}
