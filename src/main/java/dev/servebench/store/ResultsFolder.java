package dev.servebench.store;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.BenchmarkListener;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.LevelSpec;
import dev.servebench.bench.TargetInfo;
import dev.servebench.client.RequestRecord;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark's results folder: {@code requests.jsonl} gets one line per request the moment it
 * ends (flushed, so a crash or Ctrl-C keeps everything measured), and {@code summary.json} is
 * rewritten atomically after every level and at the end.
 */
public final class ResultsFolder implements BenchmarkListener, AutoCloseable {
    public static final String REQUESTS_FILE = "requests.jsonl";
    public static final String SUMMARY_FILE = "summary.json";

    private final Path folder;
    private final ToolInfo tool;
    private final BufferedWriter requests;
    private final List<LevelResult> finished = new ArrayList<>();
    private long originNanos;
    private TargetInfo target;
    private BenchmarkConfig config;
    private long startEpochMillis;
    private int levelsPlanned;

    public ResultsFolder(Path folder) throws IOException {
        this.folder = folder;
        Files.createDirectories(folder);
        Path requestsFile = folder.resolve(REQUESTS_FILE);
        if (Files.exists(requestsFile) && Files.size(requestsFile) > 0) {
            throw new IllegalArgumentException("results folder " + folder + " already holds " + REQUESTS_FILE
                    + "; choose a new --out folder so earlier results are not mixed in");
        }
        this.requests = Files.newBufferedWriter(requestsFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.tool = ToolInfo.current();
    }

    public Path folder() {
        return folder;
    }

    @Override
    public void onStart(TargetInfo target, BenchmarkConfig config, List<LevelSpec> plan, long originNanos) {
        this.target = target;
        this.config = config;
        this.originNanos = originNanos;
        this.startEpochMillis = System.currentTimeMillis();
        this.levelsPlanned = plan.size();
        writeSummary(SummaryDocument.partial(tool, target, config, startEpochMillis, levelsPlanned, finished));
    }

    @Override
    public void onRequest(LevelSpec level, int index, RequestRecord record) {
        try {
            String line = Json.mapper().writeValueAsString(RequestLine.of(level, index, record, originNanos));
            synchronized (requests) {
                requests.write(line);
                requests.write('\n');
                requests.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + folder.resolve(REQUESTS_FILE), e);
        }
    }

    @Override
    public void onLevelEnd(LevelResult result) {
        finished.add(result);
        writeSummary(SummaryDocument.partial(tool, target, config, startEpochMillis, levelsPlanned, finished));
    }

    @Override
    public void onFinish(BenchmarkResult result) {
        writeSummary(SummaryDocument.complete(tool, result, levelsPlanned));
    }

    private void writeSummary(SummaryDocument doc) {
        Path target = folder.resolve(SUMMARY_FILE);
        Path tmp = folder.resolve(SUMMARY_FILE + ".tmp");
        try {
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), doc);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (requests) {
            requests.close();
        }
    }
}
