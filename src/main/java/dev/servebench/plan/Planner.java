package dev.servebench.plan;

import dev.servebench.advise.SimulatedKernels;

import dev.servebench.BadInputException;
import dev.servebench.bench.Benchmark;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.Phase;
import dev.servebench.bench.PromptMode;
import dev.servebench.bench.TargetInfo;
import dev.servebench.bench.Workload;
import dev.servebench.experiment.LatencyAxis;
import dev.servebench.experiment.ParetoAnalysis;
import dev.servebench.experiment.ParetoPoint;
import dev.servebench.sim.cluster.ClusterShape;
import dev.servebench.sim.cluster.SimulatedCluster;
import dev.servebench.sim.perf.PerfFactors;
import dev.servebench.sim.predict.VirtualBackend;
import dev.servebench.sim.predict.VirtualLevelExecutor;
import dev.servebench.sim.text.ImageTokens;
import dev.servebench.sim.text.PromptEncoder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The decision framework of the disaggregation methodology: predict every candidate shape at every concurrency
 * in virtual time (the same engines, router and KV transfer as {@code predict}), then the frontiers and, per
 * concurrency, the best shape that meets the SLO. Shapes run in parallel, one per core.
 */
public final class Planner {
    /** Virtual time has no patience limit to model; an hour keeps a runaway level bounded. */
    private static final Duration TIMEOUT = Duration.ofHours(1);

    private Planner() {
    }

    public static PlanResult plan(PlanRequest request, Consumer<String> progress) {
        long started = System.nanoTime();
        List<ClusterShape> shapes = request.shapes().orElseGet(() -> ShapeCandidates.enumerate(request.model(),
                request.gpu(), request.base(), request.nodes(), request.gpusPerNode()));
        if (shapes.isEmpty()) {
            throw new BadInputException(request.model().name() + " fits no shape on " + request.nodes() + " x "
                    + request.gpusPerNode() + " " + request.gpu().id() + ": add GPUs or quantize");
        }
        progress.accept("predicting " + shapes.size() + " shapes x " + request.concurrencies().size()
                + " concurrencies");
        List<ShapePrediction> predictions = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<List<ShapePrediction>>> futures = new ArrayList<>();
            for (ClusterShape shape : shapes) {
                futures.add(pool.submit(() -> predict(request, shape)));
            }
            PlanProgress done = new PlanProgress(shapes.size(), started, progress);
            for (int i = 0; i < shapes.size(); i++) {
                try {
                    predictions.addAll(futures.get(i).get());
                    done.shapeDone();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof BadInputException bad)) {
                        throw new IllegalStateException("predicting " + shapes.get(i).label() + " failed", e.getCause());
                    }
                    skipped.add(shapes.get(i).label() + ": " + bad.getMessage());
                    done.shapeDone();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while planning", e);
        }
        if (predictions.isEmpty()) {
            // Nothing was predicted: a table of "none meets it" would read as a verdict on shapes never tried.
            throw new BadInputException("none of the " + shapes.size() + " shape(s) could be planned: "
                    + String.join("; ", skipped));
        }
        List<ParetoPoint> points = predictions.stream().map(p -> p.paretoPoint(request.slo())).toList();
        Map<LatencyAxis, List<ParetoPoint>> frontiers = new EnumMap<>(LatencyAxis.class);
        for (LatencyAxis axis : LatencyAxis.values()) {
            frontiers.put(axis, ParetoAnalysis.frontier(points, axis));
        }
        return new PlanResult(predictions, frontiers, decisions(request, predictions), skipped,
                (System.nanoTime() - started) / 1e9);
    }

    /** One closed-loop level per concurrency on a fresh cluster of the shape. */
    static List<ShapePrediction> predict(PlanRequest request, ClusterShape shape) {
        SimulatedCluster cluster = SimulatedCluster.of(request.model(), request.gpu(),
                tp -> SimulatedKernels.at(request.base(), request.model(), request.gpu(), tp), shape,
                request.nodes(), request.gpusPerNode(), request.links().intraNode(), request.links().interNode(),
                request.router(), PerfFactors.builtIn());
        VirtualLevelExecutor executor = new VirtualLevelExecutor(VirtualBackend.cluster(cluster),
                level -> new PromptEncoder(ImageTokens.DEFAULT), TIMEOUT);
        BenchmarkConfig config = BenchmarkConfig.builder().phases(java.util.EnumSet.of(Phase.SCALING))
                .scalingLevels(request.concurrencies())
                .mainWorkload(new Workload(request.inputTokens(), request.outputTokens(), 0))
                .requestsPerConcurrency(request.requestsPerClient()).minRequestsPerLevel(32)
                .promptMode(PromptMode.RANDOM).ignoreEos(true).cooldown(Duration.ZERO).slo(request.slo())
                .build();
        BenchmarkResult result = Benchmark.builder().target(new TargetInfo(shape.label(), "virtual://cluster",
                request.model().name())).config(config).executor(executor).build().run();
        List<ShapePrediction> out = new ArrayList<>();
        for (LevelResult level : result.levels()) {
            out.add(new ShapePrediction(shape, level.spec().concurrency(), level.metrics()));
        }
        return out;
    }

    /** Per concurrency: of the shapes meeting the SLO, the one with the most goodput per GPU, and the next. */
    private static List<PlanResult.Decision> decisions(PlanRequest request, List<ShapePrediction> predictions) {
        List<PlanResult.Decision> rows = new ArrayList<>();
        for (int c : request.concurrencies()) {
            List<ShapePrediction> meeting = predictions.stream().filter(p -> p.concurrency() == c)
                    .filter(p -> p.paretoPoint(request.slo()).meetsSlo())
                    .sorted(Comparator.comparingDouble(ShapePrediction::goodputPerGpu).reversed()).toList();
            rows.add(new PlanResult.Decision(c, request.slo().isSet() ? request.slo().toString() : "none",
                    meeting.stream().findFirst(), meeting.stream().skip(1).findFirst(), meeting.size()));
        }
        return rows;
    }
}
