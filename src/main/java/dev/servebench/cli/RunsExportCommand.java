package dev.servebench.cli;

import dev.servebench.BadInputException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.bench.LevelMetrics;
import dev.servebench.export.ExportFormat;
import dev.servebench.export.RequestsCsv;
import dev.servebench.export.RequestsParquet;
import dev.servebench.export.RunRequests;
import dev.servebench.export.VllmResultJson;
import dev.servebench.json.Json;
import dev.servebench.store.RunStore;
import dev.servebench.store.StoredLevel;
import dev.servebench.store.StoredRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        header = "One run as JSON, CSV (per level or per request), vLLM's result JSON or Parquet.",
        description = {
            "Formats:",
            "  json       the whole run: target, environment, config, every level's metrics (default).",
            "  csv        one row per level; with --requests one row per request from the run's",
            "             requests.jsonl (times in seconds since the benchmark started, TTFT/TPOT in ms,",
            "             itl_ms as space-separated gaps), in the order requests ended.",
            "  vllm-json  the result JSON of vLLM's benchmark_serving.py --save-result, one document per",
            "             level: its keys and units (ttfts and itls in seconds, *_ms statistics in ms),",
            "             computed from requests.jsonl with its definitions (failed requests out of the",
            "             figures, TPOT without the first token). generated_texts are empty strings:",
            "             servebench keeps no text. With --out DIR one file per level",
            "             (NN-phase-level.json); without it JSON lines on stdout, one level per line.",
            "             Without requests.jsonl the lists are empty and the figures are the stored ones.",
            "  parquet    the requests as a Parquet file (typed columns, as csv --requests; itl_ms a",
            "             list of doubles); needs --out FILE.",
            "Output goes to stdout unless --out is given; --out prints the files written."},
        footerHeading = "%nExamples:%n",
        footer = {"  servebench runs export 20261123-011452-6415 --format csv > run.csv",
            "  servebench runs export 20261123-011452-6415 --format json | jq '.levels[0]'",
            "  servebench runs export 20261123-011452-6415 --format csv --requests > requests.csv",
            "  servebench runs export 20261123-011452-6415 --format vllm-json --out vllm-results/",
            "  servebench runs export 20261123-011452-6415 --format vllm-json | jq -c '{servebench_level, mean_ttft_ms}'",
            "  servebench runs export 20261123-011452-6415 --format parquet --out requests.parquet",
            "  duckdb -c \"SELECT level, avg(ttft_ms) FROM 'requests.parquet' WHERE outcome = 'ok' GROUP BY level\""})
final class RunsExportCommand implements Callable<Integer> {
    static final List<String> CSV_HEADER = List.of("run_id", "position", "phase", "level", "concurrency", "status",
            "requests", "valid_requests", "success_rate", "total_tokens_per_s", "output_tokens_per_s", "requests_per_s",
            "latency_p50_s", "latency_p99_s", "ttft_p99_ms", "tpot_p99_ms", "prompt_tokens", "completion_tokens",
            "wall_seconds");

    @Parameters(paramLabel = "ID", description = "Run id or unique prefix.")
    String id;

    @Option(names = "--format", paramLabel = "json|csv|vllm-json|parquet", defaultValue = "json",
            description = "Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--requests", description = "With --format csv: one row per request instead of per level.")
    boolean requests;

    @Option(names = "--out", paramLabel = "PATH",
            description = "Write here instead of stdout: a file (json, csv, parquet: required there) or, for "
                    + "vllm-json, a folder (created if needed).")
    Path outPath;

    @Mixin
    DbOptions db;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        ExportFormat f = ExportFormat.parse(format);
        if (requests && f != ExportFormat.CSV && f != ExportFormat.PARQUET) {
            throw new BadInputException("--requests goes with --format csv (parquet always holds the requests), not "
                    + "with --format " + format + "; drop it or use --format csv --requests");
        }
        if (f == ExportFormat.PARQUET && outPath == null) {
            throw new BadInputException("--format parquet writes a file, not stdout; add --out FILE.parquet");
        }
        if (outPath != null && f != ExportFormat.VLLM_JSON && Files.isDirectory(outPath)) {
            throw new BadInputException("--out " + outPath + " is a folder; --format " + format + " writes one file, "
                    + "e.g. --out " + outPath.resolve("run." + (f == ExportFormat.PARQUET ? "parquet" : f.cliName())));
        }
        try (RunStore store = db.openForReading()) {
            StoredRun r = RunsCompareCommand.run(store, id);
            switch (f) {
                case VLLM_JSON -> {
                    VllmResultJson.Export export = VllmResultJson.of(r);
                    export.notes().forEach(stderr::println);
                    if (outPath == null) {
                        VllmResultJson.writeLines(export, stdout);
                    } else {
                        VllmResultJson.writeFiles(export, outPath).forEach(stdout::println);
                    }
                }
                case PARQUET -> {
                    RunRequests.Read read = RequestsParquet.write(r, outPath);
                    read.note().ifPresent(stderr::println);
                    stdout.println(outPath);
                }
                case JSON, CSV -> {
                    if (outPath == null) {
                        text(r, f, stdout, stderr);
                    } else {
                        if (requests) {
                            RunRequests.require(r, RequestsCsv.WHAT);
                        }
                        Path parent = outPath.toAbsolutePath().getParent();
                        Files.createDirectories(parent);
                        try (PrintWriter file = new PrintWriter(Files.newBufferedWriter(outPath, StandardCharsets.UTF_8))) {
                            text(r, f, file, stderr);
                        }
                        stdout.println(outPath);
                    }
                }
            }
        }
        return 0;
    }

    private void text(StoredRun r, ExportFormat f, PrintWriter out, PrintWriter stderr) throws Exception {
        if (f == ExportFormat.JSON) {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document(r)));
        } else if (requests) {
            RequestsCsv.write(r, out).note().ifPresent(stderr::println);
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

    private static Map<String, Object> document(StoredRun r) throws Exception {
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
