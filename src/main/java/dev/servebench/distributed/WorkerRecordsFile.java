package dev.servebench.distributed;

import dev.servebench.bench.LevelSpec;
import dev.servebench.client.RequestRecord;
import dev.servebench.store.Json;
import dev.servebench.results.RequestLine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A worker's own copy of what it measured, in the format of requests.jsonl (times from the worker's join):
 * kept beside the coordinator's merged file by local workers, so each worker's share can be checked alone.
 */
final class WorkerRecordsFile implements AutoCloseable {
    static final String FILE = "requests.jsonl";

    private final BufferedWriter out;
    private final long originNanos;

    WorkerRecordsFile(Path folder, long originNanos) throws IOException {
        Files.createDirectories(folder);
        this.out = Files.newBufferedWriter(folder.resolve(FILE), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        this.originNanos = originNanos;
    }

    synchronized void append(LevelSpec level, int index, RequestRecord record) {
        try {
            out.write(Json.mapper().writeValueAsString(RequestLine.of(level, index, record, originNanos)));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the worker's " + FILE, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
