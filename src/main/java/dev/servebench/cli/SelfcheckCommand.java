package dev.servebench.cli;

import dev.servebench.BadInputException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.table.TextTable;
import dev.servebench.selfcheck.CeilingLevel;
import dev.servebench.selfcheck.ClientCeiling;
import dev.servebench.selfcheck.LatencyAtRate;
import dev.servebench.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "selfcheck", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Measures the client's own ceiling against a built-in instant server.",
        description = {
            "Proves the client is not the bottleneck: streams requests from this client to a built-in server",
            "that answers instantly, at rising concurrency, and prints the client's ceiling next to the",
            "request rate a benchmark actually needed."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  servebench selfcheck                              # 100, 500, 1000, 2000 concurrent streams",
            "  servebench selfcheck --concurrency 2000",
            "  servebench selfcheck --needed results/20261122-101500-m   # compare with a real run's peak req/s"})
final class SelfcheckCommand implements Callable<Integer> {
    /** The study's fastest model at saturation needed ~19 req/s (mi325x-study.json, client_check). */
    static final double STUDY_NEEDED_REQUESTS_PER_SECOND = 19.0;

    @Option(names = "--concurrency", split = ",", paramLabel = "C",
            description = "Concurrent streams; a single value N runs 100, 500, 1000 … up to N (default 2000).")
    List<Integer> concurrency = List.of(2000);

    @Option(names = "--requests", paramLabel = "N", defaultValue = "10000",
            description = "Requests per level (at least the concurrency; default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--output-tokens", paramLabel = "N", defaultValue = "16",
            description = "Streamed chunks per response (default ${DEFAULT-VALUE}).")
    int outputTokens;

    @Option(names = "--needed", paramLabel = "RESULTS_DIR",
            description = "A results folder whose highest req/s is the rate to compare with "
                    + "(default: the study's 19 req/s at saturation).")
    Path needed;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<Integer> levels = levels(concurrency);
        double neededRps = needed == null ? STUDY_NEEDED_REQUESTS_PER_SECOND : neededFrom(needed);
        String neededLabel = needed == null ? "the study's fastest model at saturation" : "peak of " + needed;
        out.printf(Locale.ROOT, "servebench selfcheck: %d streamed requests per level, %d tokens each, on %d CPUs%n",
                requests, outputTokens, Runtime.getRuntime().availableProcessors());
        out.flush();
        TextTable table = new TextTable(List.of("concurrency", "requests", "failed", "req/s", "streamed tok/s",
                "client p50 ms", "client p99 ms", "× needed"));
        List<CeilingLevel> results = ClientCeiling.measure(levels, requests, outputTokens, level -> {
            out.printf(Locale.ROOT, "  c=%d: %.0f req/s%n", level.concurrency(), level.requestsPerSecond());
            out.flush();
        });
        for (CeilingLevel l : results) {
            table.row(List.of(Integer.toString(l.concurrency()), Integer.toString(l.requests()),
                    Integer.toString(l.failures()), fmt("%.0f", l.requestsPerSecond()),
                    fmt("%.0f", l.streamedTokensPerSecond()), fmt("%.1f", l.latencyP50Millis()),
                    fmt("%.1f", l.latencyP99Millis()), fmt("%.0f×", l.requestsPerSecond() / neededRps)));
        }
        out.println();
        out.print(table.render());
        CeilingLevel ceiling = results.stream().max(java.util.Comparator.comparingDouble(CeilingLevel::requestsPerSecond))
                .orElseThrow();
        out.printf(Locale.ROOT, "%nCeiling: %.0f req/s (%.0f streamed tok/s) at c=%d; needed: %.1f req/s (%s): "
                        + "headroom %.0f×.%n", ceiling.requestsPerSecond(), ceiling.streamedTokensPerSecond(),
                ceiling.concurrency(), neededRps, neededLabel, ceiling.requestsPerSecond() / neededRps);
        double rate = Math.max(1, Math.floor(ceiling.requestsPerSecond() / 2));
        LatencyAtRate atRate = ClientCeiling.latencyAt(rate, Math.max(requests, (int) rate * 5), outputTokens);
        out.printf(Locale.ROOT, "Client-added latency at %.0f req/s offered open-loop (half the ceiling): p50 %.1f ms, "
                + "p99 %.1f ms (achieved %.0f req/s, %d failed).%n", atRate.offeredRequestsPerSecond(),
                atRate.latencyP50Millis(), atRate.latencyP99Millis(), atRate.achievedRequestsPerSecond(),
                atRate.failures());
        boolean anyFailed = results.stream().anyMatch(l -> l.failures() > 0) || atRate.failures() > 0;
        if (anyFailed) {
            out.println("WARNING: some requests failed against the instant server; check ulimit -n and memory.");
        }
        return anyFailed ? Main.EXIT_FAILURE : 0;
    }

    static List<Integer> levels(List<Integer> requested) {
        if (requested.size() != 1) {
            return List.copyOf(requested);
        }
        int max = requested.get(0);
        if (max < 1) {
            throw new BadInputException("--concurrency must be at least 1, got " + max);
        }
        List<Integer> out = new ArrayList<>();
        for (int c : List.of(100, 500, 1000)) {
            if (c < max) {
                out.add(c);
            }
        }
        out.add(max);
        return out;
    }

    private static double neededFrom(Path folder) throws IOException {
        Path summary = folder.resolve("summary.json");
        if (!summary.toFile().isFile()) {
            throw new BadInputException("--needed " + folder + " has no summary.json; give a bench results folder");
        }
        JsonNode root = Json.mapper().readTree(summary.toFile());
        double best = 0;
        for (JsonNode level : root.path("levels")) {
            best = Math.max(best, level.path("metrics").path("requests_per_second").asDouble(0));
        }
        if (best <= 0) {
            throw new BadInputException(summary + " records no request rate");
        }
        return best;
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
