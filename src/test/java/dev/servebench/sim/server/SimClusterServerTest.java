package dev.servebench.sim.server;

import dev.servebench.client.EndpointConfig;
import dev.servebench.client.OpenAiClient;
import dev.servebench.client.CompletionRequest;
import dev.servebench.client.RequestOutcome;
import dev.servebench.client.RequestRecord;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.sim.cluster.ClusterLinks;
import dev.servebench.sim.cluster.ClusterShape;
import dev.servebench.sim.cluster.RoutingPolicy;
import dev.servebench.sim.cluster.SimulatedCluster;
import dev.servebench.sim.perf.PerfFactors;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.text.AnswerLengths;
import dev.servebench.sim.text.ImageTokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sim} serving a 2P1D cluster in real time: the client sees an ordinary streaming server. */
class SimClusterServerTest {

    @Test
    void aTwoPrefillOneDecodeClusterAnswersStreamingRequestsInFull() throws Exception {
        var gpu = AcceleratorCatalogue.get("mi300x");
        SimulatedCluster cluster = SimulatedCluster.of(ModelCatalogue.load("gpt-oss-120b"), gpu, ServingOptions.defaults(1),
                ClusterShape.disaggregated("2P1D", 1, 2), 1, 8, ClusterLinks.forGpu(gpu).intraNode(),
                ClusterLinks.forGpu(gpu).interNode(), RoutingPolicy.ROUND_ROBIN, PerfFactors.builtIn());
        try (SimServer server = SimServer.start(cluster, "gpt-oss", "127.0.0.1", 0, ImageTokens.DEFAULT,
                AnswerLengths.UNTIL_MAX_TOKENS, FaultPlan.NONE, 1000);
             OpenAiClient client = new OpenAiClient(EndpointConfig.of(server.baseUri(), "gpt-oss"))) {
            List<CompletableFuture<RequestRecord>> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String prompt = "Request number " + i + " about the weather in spring.";
                sent.add(CompletableFuture.supplyAsync(() -> client.send(CompletionRequest.text(prompt, 12, true),
                        System.nanoTime()), java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
            }
            for (CompletableFuture<RequestRecord> f : sent) {
                RequestRecord r = f.join();
                assertThat(r.outcome()).as(r.errorDetail()).isEqualTo(RequestOutcome.OK);
                assertThat(r.completionTokens()).isEqualTo(12);
                assertThat(r.interTokenGapCount()).isEqualTo(11);
            }
            // /metrics has a series per pool; the reader counts the answer's tokens once (the prefill pool's one
            // token per request is generated again by the decode pool), and the prompt computed by both pools.
            String metrics = client.getJson("/metrics").body();
            assertThat(metrics).contains("role=\"prefill\"", "role=\"decode\"");
            var reading = dev.servebench.metrics.ServerReading.of(
                    dev.servebench.metrics.PrometheusTextParser.parse(metrics), 0);
            assertThat(reading.counters().get(dev.servebench.metrics.ServerCounter.GENERATION_TOKENS))
                    .isEqualTo(6 * 12.0);
        }
    }

    @Test
    void decodeOnlyComputesNoPromptButItsLastToken() throws Exception {
        var gpu = AcceleratorCatalogue.get("mi300x");
        var d = dev.servebench.sim.perf.SimulatedDeployment.of(ModelCatalogue.load("gpt-oss-120b"), gpu,
                ServingOptions.defaults(1));
        String prompt = "spring weather report ".repeat(200);
        for (boolean decodeOnly : new boolean[]{false, true}) {
            SimBackend backend = SimBackend.single(d);
            try (SimServer server = SimServer.start(decodeOnly ? backend.decodeOnly() : backend, d, "gpt-oss",
                    "127.0.0.1", 0, ImageTokens.DEFAULT, AnswerLengths.UNTIL_MAX_TOKENS, FaultPlan.NONE, 1000);
                 OpenAiClient client = new OpenAiClient(EndpointConfig.of(server.baseUri(), "gpt-oss"))) {
                RequestRecord r = client.send(CompletionRequest.text(prompt, 4, true), System.nanoTime());
                assertThat(r.outcome()).isEqualTo(RequestOutcome.OK);
                String metrics = client.getJson("/metrics").body();
                double computed = java.util.regex.Pattern.compile("(?m)^vllm:prompt_tokens_total(\\{[^}]*\\})? ([0-9.eE+]+)$")
                        .matcher(metrics).results().mapToDouble(m -> Double.parseDouble(m.group(2))).sum();
                if (decodeOnly) {
                    // Only the last prompt token is computed: the rest counts as preloaded, like DecodeBenchConnector's.
                    assertThat(computed).isEqualTo(1.0);
                } else {
                    assertThat(computed).isEqualTo(r.promptTokens());
                }
            }
        }
    }
}
