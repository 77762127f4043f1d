package dev.servebench.store;

import dev.servebench.BadInputException;
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
            throw new BadInputException("results folder " + folder + " already holds " + REQUESTS_FILE
                    + "; choose a new --out folder so earlier results are not mixed in");
        }
        this.requests = Files.newBufferedWriter(requestsFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.tool = ToolInfo.current();
    }

    public Path folder() {
        return folder;
    }

    private volatile String summaryFailure;
    private int unwrittenRequests;
    private String firstFailure;

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
            // Out of disk or of file descriptors: the run goes on (its levels are still summarised),
            // and the loss is counted and said once at the end instead of ending the run here.
            synchronized (requests) {
                unwrittenRequests++;
                firstFailure = firstFailure != null ? firstFailure
                        : "cannot append to " + folder.resolve(REQUESTS_FILE) + ": " + e.getMessage();
            }
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

    /**
     * Rewrites summary.json whole. A failed write (no file descriptor or disk left at that moment)
     * does not end the run: every rewrite holds all levels so far, so the next one that succeeds
     * loses nothing; the last failure is kept for {@link #failure()}.
     */
    private void writeSummary(SummaryDocument doc) {
        Path target = folder.resolve(SUMMARY_FILE);
        Path tmp = folder.resolve(SUMMARY_FILE + ".tmp");
        try {
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), doc);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            summaryFailure = null;
        } catch (IOException | UncheckedIOException e) {
            summaryFailure = "cannot write " + target + ": " + e.getMessage();
        }
    }

    /**
     * What could not be written, in one line, or empty: a summary.json that is not up to date, or
     * request lines that could not be appended. The run itself went on.
     */
    public synchronized java.util.Optional<String> failure() {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (summaryFailure != null) {
            parts.add(summaryFailure + " (the tables printed hold every level)");
        }
        synchronized (requests) {
            if (unwrittenRequests > 0) {
                parts.add(unwrittenRequests + " request line(s) not written: " + firstFailure);
            }
        }
        return parts.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join("; ", parts));
    }

    @Override
    public void close() throws IOException {
        synchronized (requests) {
            requests.close();
        }
    }
}
