package dev.servebench.sim.cluster;

import dev.servebench.bench.LevelSpec;
import dev.servebench.bench.Phase;
import dev.servebench.bench.RequestFactory;
import dev.servebench.bench.Workload;
import dev.servebench.client.RequestOutcome;
import dev.servebench.client.RequestRecord;
import dev.servebench.load.LoadModel;
import dev.servebench.load.LoadResult;
import dev.servebench.load.RecordListener;
import dev.servebench.load.RunBounds;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.prompt.WordPrompts;
import dev.servebench.sim.perf.PerfFactors;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.predict.VirtualBackend;
import dev.servebench.sim.predict.VirtualLevelExecutor;
import dev.servebench.sim.text.ImageTokens;
import dev.servebench.sim.text.PromptEncoder;
import dev.servebench.sim.vtime.VirtualInstanceDriver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Clusters in virtual time: every request ends once, P/D pays its transfer and spares decode the prefills. */
class ClusterSimulationTest {
    /** One MI325X node: xGMI per GPU per direction and a 400 Gb/s NIC per GPU (figures only for the test). */
    private static final Link XGMI = new Link(64e9, 5_000);
    private static final Link NIC = new Link(50e9, 20_000);
    private static final String MODEL = "qwen3-235b-a22b";

    private static SimulatedCluster cluster(ClusterShape shape, RoutingPolicy policy) {
        return SimulatedCluster.of(ModelCatalogue.load(MODEL), AcceleratorCatalogue.get("mi325x"),
                ServingOptions.defaults(1), shape, 2, 8, XGMI, NIC, policy, PerfFactors.builtIn());
    }

    private record Run(LoadResult result, ClusterFrontend frontend) {
    }

    private static Run run(SimulatedCluster cluster, int concurrency, int requests, Workload workload) {
        AtomicReference<ClusterFrontend> frontend = new AtomicReference<>();
        VirtualBackend backend = VirtualBackend.cluster(cluster);
        VirtualLevelExecutor executor = new VirtualLevelExecutor(loop -> {
            ClusterFrontend f = backend.open(loop);
            frontend.set(f);
            return f;
        }, level -> new PromptEncoder(ImageTokens.DEFAULT), Duration.ofHours(1));
        LevelSpec level = new LevelSpec(Phase.SCALING, "c=" + concurrency, new LoadModel.ClosedLoop(concurrency),
                RunBounds.requests(requests), workload);
        LoadResult result = executor.execute(level, new RequestFactory(WordPrompts.estimated(7), null, true, 1),
                RecordListener.NONE);
        return new Run(result, frontend.get());
    }

    @Test
    void everyRequestEndsExactlyOnceWithItsTokensInOrder() {
        for (ClusterShape shape : List.of(new ClusterShape.Aggregated(2, 4),
                ClusterShape.disaggregated("2P1D", 4, 8))) {
            for (RoutingPolicy policy : RoutingPolicy.values()) {
                Run run = run(cluster(shape, policy), 24, 120, new Workload(1024, 64, 0));
                List<RequestRecord> records = run.result().records();
                assertThat(records).as("%s %s", shape.label(), policy).hasSize(120)
                        .allSatisfy(r -> {
                            assertThat(r.outcome()).isEqualTo(RequestOutcome.OK);
                            assertThat(r.completionTokens()).isEqualTo(64);
                            assertThat(r.interTokenGapsNanos()).hasSize(63);
                            assertThat(java.util.Arrays.stream(r.interTokenGapsNanos()).min().orElseThrow()).isPositive();
                            assertThat(r.firstTokenNanos()).isGreaterThan(r.sentNanos());
                        });
                long transfers = run.frontend().transferStats().transfers();
                assertThat(transfers).isEqualTo(shape instanceof ClusterShape.Disaggregated ? 120 : 0);
            }
        }
    }

    @Test
    void transferTimeGrowsWithThePromptAndShrinksWithBandwidth() {
        KvTransfer slow = new KvTransfer(1_000, 4, 4, XGMI, new Link(25e9, 20_000));
        KvTransfer fast = new KvTransfer(1_000, 4, 4, XGMI, new Link(50e9, 20_000));
        long wire1k = slow.nanos(1_000, false) - 20_000;
        long wire2k = slow.nanos(2_000, false) - 20_000;
        assertThat((double) wire2k / wire1k).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.001));
        assertThat((double) (slow.nanos(8_000, false) - 20_000) / (fast.nanos(8_000, false) - 20_000))
                .isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.001));
        // Inside a node the same bytes cross xGMI: faster than the NIC here.
        assertThat(slow.nanos(8_000, true)).isLessThan(slow.nanos(8_000, false));
    }

    @Test
    void kvBytesFollowTheAttentionLayout() {
        // GQA: the cache splits by KV heads, so a decode pool of TP 4 (= the 4 KV heads) receives the whole
        // cache once; at TP 8 each head is held by two ranks, so it receives it twice.
        var arch = ModelCatalogue.load(MODEL).architecture();
        assertThat(arch.attention().kvHeads()).isEqualTo(4);
        long wholeCachePerToken = (long) arch.layers() * 2 * arch.attention().kvHeads() * arch.attention().headDim() * 2;
        assertThat(cluster(ClusterShape.disaggregated("1P1D", 4, 4), RoutingPolicy.ROUND_ROBIN).transfer()
                .orElseThrow().bytes(1)).isEqualTo(wholeCachePerToken);
        assertThat(cluster(ClusterShape.disaggregated("1P1D", 4, 8), RoutingPolicy.ROUND_ROBIN).transfer()
                .orElseThrow().bytes(1)).isEqualTo(2 * wholeCachePerToken);
        // MLA: every decode rank holds the whole latent, so TP 8 needs eight copies.
        SimulatedCluster mla = SimulatedCluster.of(ModelCatalogue.load("deepseek-v3.2"), AcceleratorCatalogue.get("mi325x"),
                ServingOptions.defaults(1), ClusterShape.disaggregated("1P1D", 8, 8), 2, 8, XGMI, NIC,
                RoutingPolicy.ROUND_ROBIN, PerfFactors.builtIn());
        assertThat(mla.transfer().orElseThrow().bytes(1))
                .isEqualTo(8 * mla.decodeDeployment().kvBytesPerTokenPerGpu());
    }

    @Test
    void underHeavyPrefillDisaggregationKeepsDecodeSmoothAndPaysTheTransferInTtft() {
        // Long prompts, short answers, many clients: prefills keep interrupting decodes when they share GPUs.
        Workload heavyPrefill = new Workload(8_192, 128, 0);
        Run aggregated = run(cluster(new ClusterShape.Aggregated(2, 8), RoutingPolicy.LEAST_OUTSTANDING), 64, 256,
                heavyPrefill);
        Run split = run(cluster(ClusterShape.disaggregated("1P1D", 8, 8), RoutingPolicy.LEAST_OUTSTANDING), 64, 256,
                heavyPrefill);
        double aggItlP99 = p99(itls(aggregated));
        double splitItlP99 = p99(itls(split));
        System.out.printf("ITL p99: aggregated 2 x TP8 %.1f ms, 1P1D TP8 %.1f ms; mean KV wait %.2f ms%n",
                aggItlP99 / 1e6, splitItlP99 / 1e6, split.frontend().transferStats().meanWaitMillis());
        assertThat(splitItlP99).isLessThan(aggItlP99);
        // TTFT holds the transfer: no request's first token comes sooner than its KV could cross.
        long transfer = cluster(ClusterShape.disaggregated("1P1D", 8, 8), RoutingPolicy.LEAST_OUTSTANDING)
                .transfer().orElseThrow().nanos(8_192, false);
        assertThat(split.result().records()).allSatisfy(r -> assertThat(r.ttftNanos()).isGreaterThan(transfer));
    }

    @Test
    void eachRoleSaturatesOnItsOwn() {
        // Prefill-bound: long prompts, one-token-ish answers. Another prefill instance adds throughput, another
        // decode instance does not. Decode-bound: short prompts, long answers at high concurrency: the reverse.
        Workload prefillBound = new Workload(8_192, 8, 0);
        double p1d1 = tokensPerSecond(run(cluster(ClusterShape.disaggregated("1P1D", 4, 4), RoutingPolicy.LEAST_OUTSTANDING),
                64, 256, prefillBound));
        double p2d1 = tokensPerSecond(run(cluster(ClusterShape.disaggregated("2P1D", 4, 4), RoutingPolicy.LEAST_OUTSTANDING),
                64, 256, prefillBound));
        double p1d2 = tokensPerSecond(run(cluster(ClusterShape.disaggregated("1P2D", 4, 4), RoutingPolicy.LEAST_OUTSTANDING),
                64, 256, prefillBound));
        System.out.printf("prefill-bound tok/s: 1P1D %.0f, 2P1D %.0f, 1P2D %.0f%n", p1d1, p2d1, p1d2);
        assertThat(p2d1).isGreaterThan(1.6 * p1d1);
        assertThat(p1d2).isLessThan(1.1 * p1d1);

        Workload decodeBound = new Workload(64, 512, 0);
        double d1 = tokensPerSecond(run(cluster(ClusterShape.disaggregated("1P1D", 4, 4), RoutingPolicy.LEAST_OUTSTANDING),
                1_024, 2_048, decodeBound));
        double d2 = tokensPerSecond(run(cluster(ClusterShape.disaggregated("1P2D", 4, 4), RoutingPolicy.LEAST_OUTSTANDING),
                1_024, 2_048, decodeBound));
        double dp2 = tokensPerSecond(run(cluster(ClusterShape.disaggregated("2P1D", 4, 4), RoutingPolicy.LEAST_OUTSTANDING),
                1_024, 2_048, decodeBound));
        System.out.printf("decode-bound tok/s: 1P1D %.0f, 1P2D %.0f, 2P1D %.0f%n", d1, d2, dp2);
        // Less than double: a decode step costs mostly the weights, which one instance's bigger batch shares.
        assertThat(d2).isGreaterThan(1.15 * d1);
        assertThat(dp2).isLessThan(1.1 * d1);
    }

    private static double tokensPerSecond(Run run) {
        long tokens = run.result().records().stream().mapToLong(r -> r.promptTokens() + r.completionTokens()).sum();
        return tokens / ((run.result().endNanos() - run.result().startNanos()) / 1e9);
    }

    @Test
    void aPreloadedPromptSkipsItsPrefill() {
        var d = dev.servebench.sim.perf.SimulatedDeployment.of(ModelCatalogue.load(MODEL),
                AcceleratorCatalogue.get("mi325x"), ServingOptions.defaults(8));
        long[] prompt = new long[8_192];
        for (int i = 0; i < prompt.length; i++) {
            prompt[i] = 1_000_003L * i + 17;
        }
        long cold = firstTokenNanos(d, new dev.servebench.sim.engine.EngineRequest(1, prompt, 0, 0, 16, 0, 0, true));
        long preloaded = firstTokenNanos(d, new dev.servebench.sim.engine.EngineRequest(1, prompt, 0, 0, 16, 0, 0, true)
                .withPreloaded(1, prompt.length - 1));
        assertThat(preloaded).isLessThan(cold / 5);
    }

    private static long firstTokenNanos(dev.servebench.sim.perf.SimulatedDeployment d,
                                        dev.servebench.sim.engine.EngineRequest request) {
        var loop = new dev.servebench.sim.vtime.EventLoop(0);
        var driver = new VirtualInstanceDriver(loop, d.newEngine(), d.stepTime());
        long[] first = {-1};
        driver.submit(request, new InstanceDriver.Sink() {
            @Override
            public void onToken(int index, long nanos) {
                if (index == 0) {
                    first[0] = nanos;
                }
            }

            @Override
            public void onFinished(dev.servebench.sim.engine.FinishReason reason, int promptTokens,
                                   int completionTokens, long nanos) {
            }
        });
        while (loop.runNext()) {
            // until the request ends
        }
        return first[0];
    }

    @Test
    void aShapeLargerThanTheClusterIsBadInput() {
        assertThatThrownBy(() -> cluster(ClusterShape.disaggregated("3P1D", 8, 8), RoutingPolicy.ROUND_ROBIN))
                .isInstanceOf(dev.servebench.BadInputException.class).hasMessageContaining("needs 32 GPUs");
        assertThatThrownBy(() -> ClusterShape.disaggregated("2x1", 8, 8))
                .isInstanceOf(dev.servebench.BadInputException.class).hasMessageContaining("xPyD");
    }

    private static List<Long> itls(Run run) {
        List<Long> all = new ArrayList<>();
        for (RequestRecord r : run.result().records()) {
            for (long g : r.interTokenGapsNanos()) {
                all.add(g);
            }
        }
        return all;
    }

    private static double p99(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.floor(0.99 * (sorted.size() - 1)));
    }
}
