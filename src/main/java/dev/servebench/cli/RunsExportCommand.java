package dev.servebench.cli;

import dev.servebench.BadInputException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.bench.LevelMetrics;
import dev.servebench.store.Json;
import dev.servebench.store.RunStore;
import dev.servebench.store.StoredLevel;
import dev.servebench.store.StoredRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        header = "One run as JSON (everything) or CSV (one row per level), on stdout.",
        footerHeading = "%nExamples:%n",
        footer = {"  servebench runs export 20261123-011452-6415 --format csv > run.csv",
            "  servebench runs export 20261123-011452-6415 --format json | jq '.levels[0]'"})
final class RunsExportCommand implements Callable<Integer> {
    static final List<String> CSV_HEADER = List.of("run_id", "position", "phase", "level", "concurrency", "status",
            "requests", "valid_requests", "success_rate", "total_tokens_per_s", "output_tokens_per_s", "requests_per_s",
            "latency_p50_s", "latency_p99_s", "ttft_p99_ms", "tpot_p99_ms", "prompt_tokens", "completion_tokens",
            "wall_seconds");

    @Parameters(paramLabel = "ID", description = "Run id or unique prefix.")
    String id;

    @Option(names = "--format", paramLabel = "json|csv", defaultValue = "json", description = "Default: ${DEFAULT-VALUE}.")
    String format;

    @Mixin
    DbOptions db;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("json") && !f.equals("csv")) {
            throw new BadInputException("--format must be json or csv, got '" + format + "'");
        }
        try (RunStore store = db.openForReading()) {
            StoredRun r = RunsCompareCommand.run(store, id);
            if (f.equals("json")) {
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document(r)));
            } else {
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
        }
        return 0;
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
