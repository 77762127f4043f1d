package dev.servebench.testing;

import dev.servebench.bench.Benchmark;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.BenchmarkListener;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.HttpLevelExecutor;
import dev.servebench.bench.LevelSpec;
import dev.servebench.bench.PromptPlan;
import dev.servebench.bench.PromptPlans;
import dev.servebench.bench.TargetInfo;
import dev.servebench.bench.TokenizerChoice;
import dev.servebench.client.EndpointConfig;
import dev.servebench.client.OpenAiClient;
import dev.servebench.client.RequestRecord;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the progressive benchmark over real HTTP against a server already started (the simulator,
 * llama-server), the way {@code bench --url} does: prompt plan prepared against the server, every
 * request kept with its level and index for the test to check.
 */
public final class BenchAgainst {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BenchAgainst() {
    }

    /** One request as the listener saw it. */
    public record Sent(LevelSpec level, int index, RequestRecord record) {
    }

    public record Run(BenchmarkResult result, PromptPlan plan, List<Sent> sent, List<String> said) {
        public List<RequestRecord> records() {
            return sent.stream().map(Sent::record).toList();
        }

        /** The requests of the level named {@code name}, in issue order. */
        public List<RequestRecord> level(String name) {
            return sent.stream().filter(s -> s.level().name().equals(name))
                    .sorted(Comparator.comparingInt(Sent::index)).map(Sent::record).toList();
        }
    }

    public static Run run(URI baseUrl, String model, BenchmarkConfig config) {
        List<Sent> sent = new CopyOnWriteArrayList<>();
        List<String> said = new CopyOnWriteArrayList<>();
        try (OpenAiClient client = new OpenAiClient(EndpointConfig.of(baseUrl, model))) {
            PromptPlan plan = PromptPlans.prepare(config, client, TokenizerChoice.AUTO, said::add);
            BenchmarkResult result = Benchmark.builder().target(new TargetInfo("test", baseUrl.toString(), model))
                    .config(config).executor(new HttpLevelExecutor(client)).prompts(plan)
                    .listener(new BenchmarkListener() {
                        @Override
                        public void onRequest(LevelSpec level, int index, RequestRecord record) {
                            sent.add(new Sent(level, index, record));
                        }
                    }).build().run();
            return new Run(result, plan, sent, said);
        }
    }

    /** The value of an unlabelled counter or gauge in the server's Prometheus text at /metrics. */
    public static double metric(URI baseUrl, String name) throws IOException, InterruptedException {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? (\\S+)$").matcher(metrics.body());
        if (!m.find()) {
            throw new AssertionError(name + " is not in " + baseUrl + "/metrics");
        }
        return Double.parseDouble(m.group(1));
    }
}
