package dev.servebench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.BadInputException;
import dev.servebench.bench.LevelMetrics;
import dev.servebench.export.ExportFormat;
import dev.servebench.export.RequestsCsv;
import dev.servebench.export.RequestsParquet;
import dev.servebench.export.RunRequests;
import dev.servebench.export.VllmResultJson;
import dev.servebench.json.Json;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.store.StoredLevel;
import dev.servebench.store.StoredRun;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code runs export}: one recorded run as JSON, CSV (per level or per request), vLLM's result JSON or Parquet, to a
 * file, a folder (vLLM's JSON, one file per level) or the output it is given.
 */
public final class RunsExport {
    static final List<String> CSV_HEADER = List.of("run_id", "position", "phase", "level", "concurrency", "status",
            "requests", "valid_requests", "success_rate", "total_tokens_per_s", "output_tokens_per_s", "requests_per_s",
            "latency_p50_s", "latency_p99_s", "ttft_p99_ms", "tpot_p99_ms", "prompt_tokens", "completion_tokens",
            "wall_seconds");

    /**
     * One export, immutable; combinations the formats cannot write are refused here, before the database is read.
     *
     * @param database the results database
     * @param id       the run's id or a unique prefix of it
     * @param requests with CSV: one row per request instead of per level (Parquet always holds the requests)
     * @param out      a file (JSON, CSV, Parquet: required there) or, for vLLM's JSON, a folder; empty for the output
     *                 the export is given
     */
    public record Options(DatabaseLocation database, String id, ExportFormat format, boolean requests,
                          Optional<Path> out) {
        public Options {
            if (requests && format != ExportFormat.CSV && format != ExportFormat.PARQUET) {
                throw new BadInputException("--requests goes with --format csv (parquet always holds the requests), "
                        + "not with --format " + format.cliName() + "; drop it or use --format csv --requests");
            }
            if (format == ExportFormat.PARQUET && out.isEmpty()) {
                throw new BadInputException("--format parquet writes a file, not stdout; add --out FILE.parquet");
            }
            if (out.isPresent() && format != ExportFormat.VLLM_JSON && Files.isDirectory(out.get())) {
                throw new BadInputException("--out " + out.get() + " is a folder; --format " + format.cliName()
                        + " writes one file, e.g. --out " + out.get().resolve("run." + (format == ExportFormat.PARQUET
                        ? "parquet" : format.cliName())));
            }
        }
    }

    /** @param written the files written, in order; empty when the export went to the output it was given */
    public record Result(StoredRun run, List<Path> written) {
        public Result {
            written = List.copyOf(written);
        }
    }

    private RunsExport() {
    }

    /**
     * Exports the run: to {@code stdout} without {@link Options#out()}; {@code notes} gets what the reader of the
     * output should know (a torn last line skipped, lists left empty without requests.jsonl).
     */
    public static Result export(Options options, PrintWriter stdout, Consumer<String> notes) throws IOException {
        StoredRun r;
        try (RecordedRuns recorded = RecordedRuns.open(options.database())) {
            r = recorded.run(options.id());
        }
        Optional<Path> out = options.out();
        switch (options.format()) {
            case VLLM_JSON -> {
                VllmResultJson.Export export = VllmResultJson.of(r);
                export.notes().forEach(notes);
                if (out.isEmpty()) {
                    VllmResultJson.writeLines(export, stdout);
                    return new Result(r, List.of());
                }
                return new Result(r, VllmResultJson.writeFiles(export, out.get()));
            }
            case PARQUET -> {
                RequestsParquet.write(r, out.orElseThrow()).note().ifPresent(notes);
                return new Result(r, List.of(out.get()));
            }
            case JSON, CSV -> {
                if (out.isEmpty()) {
                    text(r, options, stdout, notes);
                    return new Result(r, List.of());
                }
                if (options.requests()) {
                    RunRequests.require(r, RequestsCsv.WHAT);
                }
                Files.createDirectories(out.get().toAbsolutePath().getParent());
                try (PrintWriter file = new PrintWriter(Files.newBufferedWriter(out.get(), StandardCharsets.UTF_8))) {
                    text(r, options, file, notes);
                }
                return new Result(r, List.of(out.get()));
            }
        }
        throw new IllegalStateException("unknown format " + options.format());
    }

    private static void text(StoredRun r, Options options, PrintWriter out, Consumer<String> notes) throws IOException {
        if (options.format() == ExportFormat.JSON) {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document(r)));
        } else if (options.requests()) {
            RequestsCsv.write(r, out).note().ifPresent(notes);
        } else {
            levelsCsv(r, out);
        }
    }

    private static void levelsCsv(StoredRun r, PrintWriter out) {
        out.println(String.join(",", CSV_HEADER));
        for (StoredLevel l : r.levels()) {
            LevelMetrics m = l.metrics();
            out.println(String.join(",", List.of(r.id(), Integer.toString(l.position()), l.phase(),
                    csv(l.name()), Integer.toString(l.concurrency()), l.status(), Integer.toString(m.requests()),
                    Integer.toString(m.validRequests()), num(m.successRate()), num(m.totalTokensPerSecond()),
                    num(m.outputTokensPerSecond()), num(m.requestsPerSecond()), num(m.latencySeconds().p50()),
                    num(m.latencySeconds().p99()), num(m.ttftMillis().p99()), num(m.tpotMillis().p99()),
                    Long.toString(m.promptTokens()), Long.toString(m.completionTokens()), num(m.wallSeconds()))));
        }
    }

    private static Map<String, Object> document(StoredRun r) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", "servebench.run/1");
        doc.put("id", r.id());
        doc.put("kind", r.kind().dbName());
        doc.put("status", r.status().dbName());
        doc.put("started", Instant.ofEpochMilli(r.startedEpochMillis()));
        r.finishedEpochMillis().ifPresent(t -> doc.put("finished", Instant.ofEpochMilli(t)));
        doc.put("target", r.target());
        doc.put("environment", r.environment());
        r.process().ifPresent(p -> {
            Map<String, Object> process = new LinkedHashMap<>();
            process.put("pid", p.pid());
            p.startedEpochMillis().ifPresent(t -> process.put("started", Instant.ofEpochMilli(t)));
            doc.put("process", process);
        });
        JsonNode config = Json.mapper().readTree(r.configJson());
        doc.put("config", config);
        r.requestsFile().ifPresent(p -> doc.put("requests_file", p));
        r.experiment().ifPresent(m -> doc.put("experiment", m));
        doc.put("levels", r.levels());
        return doc;
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static String csv(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
