package dev.servebench.selfcheck;

import dev.servebench.bench.SingleRequestSender;
import dev.servebench.client.CompletionRequest;
import dev.servebench.client.EndpointConfig;
import dev.servebench.client.OpenAiClient;
import dev.servebench.client.RequestRecord;
import dev.servebench.load.LoadModel;
import dev.servebench.load.LoadResult;
import dev.servebench.load.LoadRunner;
import dev.servebench.load.RecordListener;
import dev.servebench.load.RunBounds;
import dev.servebench.server.InstantOpenAiServer;
import dev.servebench.stats.Summary;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Measures the client's ceiling: closed-loop streaming requests against a built-in server that
 * answers instantly, at each concurrency. The study ran the same check against an echo server.
 */
public final class ClientCeiling {
    private ClientCeiling() {
    }

    /**
     * @param requestsPerLevel requests at each concurrency (after a warm-up of the same size at the lowest)
     * @param outputTokens     streamed chunks per response
     * @param onLevel          told of each level as it finishes
     */
    public static List<CeilingLevel> measure(List<Integer> concurrencies, int requestsPerLevel, int outputTokens,
                                             Consumer<CeilingLevel> onLevel) throws IOException {
        List<CeilingLevel> out = new ArrayList<>();
        try (InstantOpenAiServer server = InstantOpenAiServer.startLoopback();
             OpenAiClient client = new OpenAiClient(EndpointConfig.of(server.baseUri(), "instant"))) {
            CompletionRequest request = CompletionRequest.text("Say something.", outputTokens, true);
            // Warm-up: JIT-compile the client and server paths before measuring.
            run(client, request, concurrencies.get(0), Math.min(requestsPerLevel, 2000));
            for (int c : concurrencies) {
                CeilingLevel level = run(client, request, c, Math.max(requestsPerLevel, c));
                out.add(level);
                onLevel.accept(level);
            }
        }
        return out;
    }

    /**
     * Open-loop constant-rate requests against the instant server, sent as a benchmark's open loop
     * sends them (no thread per request); latency is from the scheduled time.
     */
    public static LatencyAtRate latencyAt(double requestsPerSecond, int requests, int outputTokens) throws IOException {
        try (InstantOpenAiServer server = InstantOpenAiServer.startLoopback();
             OpenAiClient client = new OpenAiClient(EndpointConfig.of(server.baseUri(), "instant"))) {
            CompletionRequest request = CompletionRequest.text("Say something.", outputTokens, true);
            run(client, request, 100, Math.min(requests, 2000));
            LoadResult result = LoadRunner.run(new LoadModel.ConstantRate(requestsPerSecond),
                    RunBounds.requests(requests), new SingleRequestSender(client, i -> request), RecordListener.NONE);
            double[] latencyMillis = new double[result.records().size()];
            int n = 0;
            for (RequestRecord r : result.records()) {
                if (r.valid()) {
                    latencyMillis[n++] = r.latencyFromScheduledNanos() / 1e6;
                }
            }
            Summary latency = Summary.ofInPlace(java.util.Arrays.copyOf(latencyMillis, n));
            return new LatencyAtRate(requestsPerSecond, result.records().size(), result.records().size() - n,
                    n / result.wallSeconds(), latency.p50(), latency.p99());
        }
    }

    private static CeilingLevel run(OpenAiClient client, CompletionRequest request, int concurrency, int requests) {
        LoadResult result = LoadRunner.run(new LoadModel.ClosedLoop(concurrency), RunBounds.requests(requests),
                new SingleRequestSender(client, i -> request), RecordListener.NONE);
        List<RequestRecord> records = result.records();
        double[] latencyMillis = new double[records.size()];
        int failures = 0;
        long tokens = 0;
        int n = 0;
        for (RequestRecord r : records) {
            if (!r.valid()) {
                failures++;
                continue;
            }
            latencyMillis[n++] = r.latencyNanos() / 1e6;
            tokens += r.completionTokens();
        }
        Summary latency = Summary.ofInPlace(java.util.Arrays.copyOf(latencyMillis, n));
        double wall = result.wallSeconds();
        return new CeilingLevel(concurrency, records.size(), failures, wall, n / wall, tokens / wall, latency.p50(),
                latency.p99());
    }
}
