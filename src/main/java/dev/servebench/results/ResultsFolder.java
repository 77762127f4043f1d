package dev.servebench.results;

import dev.servebench.BadInputException;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.BenchmarkListener;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.LevelSpec;
import dev.servebench.bench.TargetInfo;
import dev.servebench.client.RequestRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark's results folder: {@code requests.jsonl} gets one line per request as it ends
 * (written and flushed by one writer thread as soon as it gets to it, and in full before a level's
 * summary and on close, so a crash or Ctrl-C keeps everything measured; see {@link RequestLog}),
 * and {@code summary.json} is rewritten atomically after every level and at the end.
 */
public final class ResultsFolder implements BenchmarkListener, AutoCloseable {
    public static final String REQUESTS_FILE = RequestsFile.NAME;
    public static final String SUMMARY_FILE = SummaryFile.NAME;

    private final Path folder;
    private final ToolInfo tool;
    private final RequestLog requests;
    private final List<LevelResult> finished = new ArrayList<>();
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
        this.requests = new RequestLog(requestsFile);
        this.tool = ToolInfo.current();
    }

    public Path folder() {
        return folder;
    }

    /** The run's id in the results database, once it has one: written into summary.json from then on. */
    private volatile java.util.function.Supplier<java.util.Optional<String>> runId = java.util.Optional::empty;

    /** Names the database record of this run in summary.json ({@code run_id}) as soon as {@code id} gives one. */
    public void recordedAs(java.util.function.Supplier<java.util.Optional<String>> id) {
        this.runId = id;
    }

    private volatile String summaryFailure;

    @Override
    public void onStart(TargetInfo target, BenchmarkConfig config, List<LevelSpec> plan, long originNanos) {
        this.target = target;
        this.config = config;
        requests.origin(originNanos);
        this.startEpochMillis = System.currentTimeMillis();
        this.levelsPlanned = plan.size();
        writeSummary(SummaryDocument.partial(tool, target, config, startEpochMillis, levelsPlanned, finished));
    }

    @Override
    public void onRequest(LevelSpec level, int index, RequestRecord record) {
        requests.append(level, index, record);
    }

    @Override
    public void onLevelEnd(LevelResult result) {
        // The level's lines are in the file before the summary that counts them.
        requests.sync();
        finished.add(result);
        writeSummary(SummaryDocument.partial(tool, target, config, startEpochMillis, levelsPlanned, finished));
    }

    @Override
    public void onFinish(BenchmarkResult result) {
        // The last summary is the one a reader sees: a disk full at this moment gets a while to clear.
        SummaryDocument last = SummaryDocument.complete(tool, result, levelsPlanned);
        long deadline = System.nanoTime() + FINAL_SUMMARY_RETRY.toNanos();
        long pauseMillis = 50;
        while (!writeSummary(last) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pauseMillis = Math.min(pauseMillis * 2, 1000);
        }
    }

    /** How long the final summary.json keeps trying a disk that refuses it. */
    static final java.time.Duration FINAL_SUMMARY_RETRY = java.time.Duration.ofSeconds(10);

    /**
     * Fails at once, before anything is measured, when the folder cannot take a write (a disk full from the start,
     * a read-only mount): a run into such a folder would measure into nothing.
     */
    public void checkWritable() throws ResultsNotWritableException {
        Path probe = folder.resolve(".servebench-write-check");
        try {
            Files.write(probe, new byte[64 * 1024]);
        } catch (IOException e) {
            throw new ResultsNotWritableException("cannot write to the results folder " + folder + ": "
                    + e.getMessage() + "; free space there or give --out another folder");
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // Best effort: a leftover probe is harmless.
            }
        }
    }

    /** When writes failed for a while and were retried until they went through: what failed. */
    public java.util.Optional<String> recoveredFailure() {
        return requests.recoveredFailure();
    }

    /**
     * Rewrites summary.json whole. A failed write (no file descriptor or disk left at that moment)
     * does not end the run: every rewrite holds all levels so far, so the next one that succeeds
     * loses nothing; the last failure is kept for {@link #failure()}.
     */
    private boolean writeSummary(SummaryDocument doc) {
        try {
            SummaryFile.write(folder, runId.get().map(doc::withRunId).orElse(doc));
            summaryFailure = null;
            return true;
        } catch (IOException e) {
            summaryFailure = "cannot write " + folder.resolve(SUMMARY_FILE) + ": " + e.getMessage();
            return false;
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
        requests.failure().ifPresent(parts::add);
        return parts.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join("; ", parts));
    }

    @Override
    public void close() {
        requests.close();
    }
}
