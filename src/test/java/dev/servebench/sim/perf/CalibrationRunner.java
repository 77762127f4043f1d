package dev.servebench.sim.perf;

import dev.servebench.bench.LevelAggregator;
import dev.servebench.bench.LevelMetrics;
import dev.servebench.bench.LevelSpec;
import dev.servebench.bench.Phase;
import dev.servebench.bench.RequestFactory;
import dev.servebench.bench.Slo;
import dev.servebench.bench.Workload;
import dev.servebench.load.LoadModel;
import dev.servebench.load.LoadResult;
import dev.servebench.load.RecordListener;
import dev.servebench.load.RunBounds;
import dev.servebench.prompt.ImageSource;
import dev.servebench.prompt.PaperPrompts;
import dev.servebench.sim.predict.VirtualLevelExecutor;
import dev.servebench.sim.text.ImageTokens;
import dev.servebench.sim.text.PromptEncoder;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/** Runs study-shaped closed-loop levels against a simulated deployment in virtual time. */
final class CalibrationRunner {
    private final VirtualLevelExecutor executor;
    private final ImageSource images;
    private final int requestsPerClient;
    private int level;

    /**
     * @param imageTokens tokens of each image (vision models: from {@link StudyWorkloads}; any
     *                    positive value for text models, which send none)
     */
    CalibrationRunner(SimulatedDeployment deployment, int requestsPerClient, int imageTokens) {
        this.requestsPerClient = requestsPerClient;
        this.executor = new VirtualLevelExecutor(deployment.newEngine(), deployment.stepTime(),
                new PromptEncoder(ImageTokens.fixed(Math.max(1, imageTokens))), Duration.ofSeconds(3600));
        // Many distinct images: the study's images are not assumed to hit vLLM's multimodal cache.
        this.images = ImageSource.ofUrls(java.util.stream.IntStream.range(0, 4096)
                .mapToObj(i -> "https://example.invalid/image-" + i + ".png").toList());
    }

    /** What a level predicts: throughputs and the p99 latency. */
    record Prediction(double totalTokensPerSecond, double outputTokensPerSecond, double p99Seconds) {
    }

    /**
     * One closed-loop level of the study's paper prompts with the requests {@link StudyWorkloads}
     * derived for the row. One engine serves every level, like the study's one server (its prefix
     * cache stays warm between levels).
     */
    Prediction run(int concurrency, StudyWorkloads.Shape shape) {
        int requests = Math.max(10 * requestsPerClient, requestsPerClient * concurrency);
        Workload workload = new Workload(shape.textTokens(), shape.outputTokens(), shape.imageTokens() > 0 ? 1 : 0);
        LevelSpec spec = new LevelSpec(Phase.SATURATION, "c=" + concurrency, new LoadModel.ClosedLoop(concurrency),
                RunBounds.requests(requests), workload);
        RequestFactory factory = new RequestFactory(new PaperPrompts(), images, true, ++level);
        LoadResult result = executor.execute(spec, factory, RecordListener.NONE);
        LevelMetrics m = LevelAggregator.aggregate(result, Slo.NONE, OptionalDouble.empty());
        return new Prediction(m.totalTokensPerSecond(), m.outputTokensPerSecond(), m.latencySeconds().p99());
    }

    static List<String> models() {
        return List.of("Llama-3.1-405B", "DeepSeek V3.2", "Qwen3-VL-235B-A22B", "Kimi-K2.5");
    }
}
