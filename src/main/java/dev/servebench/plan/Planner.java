package dev.servebench.plan;


import dev.servebench.BadInputException;
import dev.servebench.bench.Benchmark;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.BenchmarkListener;
import dev.servebench.bench.Interruption;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.LevelAggregator;
import dev.servebench.bench.LevelMetrics;
import dev.servebench.bench.LevelSpec;
import dev.servebench.client.RequestRecord;
import dev.servebench.bench.Phase;
import dev.servebench.bench.PromptMode;
import dev.servebench.bench.PromptPlan;
import dev.servebench.bench.TargetInfo;
import dev.servebench.bench.Workload;
import dev.servebench.experiment.LatencyAxis;
import dev.servebench.experiment.ParetoAnalysis;
import dev.servebench.experiment.ParetoPoint;
import dev.servebench.sim.cluster.ClusterShape;
import dev.servebench.sim.cluster.InstanceOptions;
import dev.servebench.sim.cluster.SimulatedCluster;
import dev.servebench.sim.perf.PerfFactors;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.predict.VirtualBackend;
import dev.servebench.sim.predict.VirtualLevelExecutor;
import dev.servebench.sim.text.ImageTokens;
import dev.servebench.sim.text.PromptEncoder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The decision framework of the disaggregation methodology: predict every candidate shape at every concurrency
 * in virtual time (the same engines, router and KV transfer as {@code predict}), at steady state (a closed loop
 * with its start burst and its drain left out), then the frontiers and, per concurrency, the best shape that meets
 * the SLO. A shape is simulated as one copy of its unit ({@link ShapeUnit}); units run in parallel, one per core.
 */
public final class Planner {
    /** Virtual time has no patience limit to model; an hour keeps a runaway level bounded. */
    private static final Duration TIMEOUT = Duration.ofHours(1);
    /** A unit stops at the first load whose p99s exceed the SLO's bounds by this factor (or that fails requests). */
    static final double PRUNE_SLACK = 1.5;

    private Planner() {
    }

    public static PlanResult plan(PlanRequest request, Consumer<String> progress) {
        long started = System.nanoTime();
        List<ClusterShape> shapes = request.shapes().orElseGet(() -> ShapeCandidates.enumerate(request.model(),
                request.gpu(), request.instances(), request.nodes(), request.gpusPerNode(),
                (prefillTp, decodeTp) -> balance(request, prefillTp, decodeTp)));
        if (shapes.isEmpty()) {
            throw new BadInputException(request.model().name() + " fits no shape on " + request.nodes() + " x "
                    + request.gpusPerNode() + " " + request.gpu().id() + ": add GPUs or quantize");
        }
        // Shapes that are copies of the same unit share its simulations: one per distinct share of the clients.
        Map<ClusterShape, java.util.SortedSet<Integer>> loadsByUnit = new LinkedHashMap<>();
        for (ClusterShape shape : shapes) {
            ShapeUnit unit = ShapeUnit.of(shape);
            for (int c : request.concurrencies()) {
                loadsByUnit.computeIfAbsent(unit.shape(), k -> new java.util.TreeSet<>()).add(unit.clientsPerCopy(c));
            }
        }
        progress.accept("predicting " + shapes.size() + " shapes x " + request.concurrencies().size()
                + " concurrencies as " + loadsByUnit.size() + " unit shapes at "
                + loadsByUnit.values().stream().mapToInt(java.util.Set::size).sum() + " loads");
        Map<ClusterShape, Map<Integer, UnitLevel>> unitMetrics = new HashMap<>();
        Map<ClusterShape, String> unitFailures = new HashMap<>();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            Map<ClusterShape, Future<Map<Integer, UnitLevel>>> futures = new LinkedHashMap<>();
            loadsByUnit.forEach((unit, loads) -> futures.put(unit, pool.submit(() -> predictUnit(request, unit,
                    List.copyOf(loads)))));
            PlanProgress done = new PlanProgress(futures.size(), started, progress);
            for (Map.Entry<ClusterShape, Future<Map<Integer, UnitLevel>>> e : futures.entrySet()) {
                try {
                    unitMetrics.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof BadInputException bad)) {
                        throw new IllegalStateException("predicting " + e.getKey().label() + " failed", ex.getCause());
                    }
                    unitFailures.put(e.getKey(), bad.getMessage());
                }
                done.shapeDone();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while planning", e);
        }
        List<ShapePrediction> predictions = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int pruned = 0;
        for (ClusterShape shape : shapes) {
            ShapeUnit unit = ShapeUnit.of(shape);
            String failure = unitFailures.get(unit.shape());
            if (failure != null) {
                skipped.add(shape.label() + ": " + failure);
                continue;
            }
            for (int c : request.concurrencies()) {
                UnitLevel m = unitMetrics.get(unit.shape()).get(unit.clientsPerCopy(c));
                if (m == null) {
                    pruned++;
                } else {
                    predictions.add(new ShapePrediction(shape, c, m.metrics(), unit.throughputScale(c),
                            m.kvTransferMillis(), m.entryBusy(), m.decodeBusy(), m.entryQueue(), m.decodeQueue()));
                }
            }
        }
        if (predictions.isEmpty()) {
            // Nothing was predicted: a table of "none meets it" would read as a verdict on shapes never tried.
            throw new BadInputException("none of the " + shapes.size() + " shape(s) could be planned: "
                    + String.join("; ", skipped));
        }
        if (pruned > 0) {
            progress.accept(pruned + " (shape, concurrency) pairs not simulated: each copy of their shape was already "
                    + "far from the SLO (p99s over " + PRUNE_SLACK + " x its bounds) at a lighter load");
        }
        List<ParetoPoint> points = predictions.stream().map(p -> p.paretoPoint(request.slo())).toList();
        Map<LatencyAxis, List<ParetoPoint>> frontiers = new EnumMap<>(LatencyAxis.class);
        for (LatencyAxis axis : LatencyAxis.values()) {
            frontiers.put(axis, ParetoAnalysis.frontier(points, axis));
        }
        return new PlanResult(predictions, frontiers, decisions(request, predictions), skipped,
                (System.nanoTime() - started) / 1e9);
    }

    /** Decode instances per prefill instance that balance the pools at this workload, from the role capacities. */
    private static java.util.Optional<Double> balance(PlanRequest request, int prefillTp, int decodeTp) {
        try {
            SimulatedDeployment prefill = SimulatedDeployment.of(request.model(), request.gpu(),
                    request.instances().at(InstanceOptions.Duty.PREFILL, prefillTp));
            SimulatedDeployment decode = SimulatedDeployment.of(request.model(), request.gpu(),
                    request.instances().at(InstanceOptions.Duty.DECODE, decodeTp));
            return java.util.Optional.of(RoleCapacity.of(prefill, decode, request.inputTokens(),
                    request.outputTokens(), request.slo()).decodePerPrefill());
        } catch (BadInputException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * One copy of a shape at each of {@code loads} clients, each level measured at steady state (SteadyWindow):
     * every client sends one request before the window, {@code requestsPerClient} in it and one after.
     */
    /**
     * One copy's steady-state figures at one load.
     *
     * @param kvTransferMillis mean time a request waited for its KV hand-over, queue and wire (NaN without pools)
     * @param entryBusy        share of the level the replicas (or the prefill pool) spent computing steps
     * @param decodeBusy       the same for the decode pool (NaN for replicas)
     * @param entryQueue       mean requests waiting in the replicas' (or the prefill pool's) queues
     * @param decodeQueue      the same for the decode pool (NaN for replicas)
     */
    record UnitLevel(LevelMetrics metrics, double kvTransferMillis, double entryBusy, double decodeBusy,
                     double entryQueue, double decodeQueue) {
    }

    /** The mean number of requests waiting in the pool's queues over the level (NaN for no pool). */
    private static double queue(List<dev.servebench.sim.cluster.InstanceDriver> pool, long wallNanos) {
        return perPool(pool, dev.servebench.sim.vtime.VirtualInstanceDriver::waitingRequestNanos, wallNanos);
    }

    /** The share of the level's wall time the pool's engines spent computing steps (NaN for no pool). */
    private static double busy(List<dev.servebench.sim.cluster.InstanceDriver> pool, long wallNanos) {
        return perPool(pool, dev.servebench.sim.vtime.VirtualInstanceDriver::busyNanos,
                (double) wallNanos * pool.size());
    }

    /** A figure summed over the pool's instances, over {@code divisor}; NaN for no pool or no time. */
    private static double perPool(List<dev.servebench.sim.cluster.InstanceDriver> pool,
                                  java.util.function.ToLongFunction<dev.servebench.sim.vtime.VirtualInstanceDriver> figure,
                                  double divisor) {
        if (pool.isEmpty() || !(divisor > 0)) {
            return Double.NaN;
        }
        long sum = 0;
        for (var d : pool) {
            sum += figure.applyAsLong((dev.servebench.sim.vtime.VirtualInstanceDriver) d);
        }
        return sum / divisor;
    }

    static Map<Integer, UnitLevel> predictUnit(PlanRequest request, ClusterShape unit, List<Integer> loads) {
        // Every prompt is new (random, unique), so the prefix cache could never hit: leaving its bookkeeping out
        // (hashing every prompt block) changes no step time and takes most of the plan's CPU off.
        SimulatedCluster cluster = SimulatedCluster.of(request.model(), request.gpu(),
                (duty, tp) -> request.instances().at(duty, tp).withPrefixCaching(false), unit,
                request.nodes(), request.gpusPerNode(), request.links().intraNode(), request.links().interNode(),
                request.router(), PerfFactors.builtIn());
        // One frontend per level (the engines persist): the latest one's KV hand-overs are the level's.
        List<dev.servebench.sim.cluster.ClusterFrontend> frontends = new java.util.concurrent.CopyOnWriteArrayList<>();
        VirtualBackend backend = VirtualBackend.cluster(cluster);
        VirtualLevelExecutor executor = new VirtualLevelExecutor(loop -> {
            var frontend = backend.open(loop);
            frontends.add(frontend);
            return frontend;
        },
                level -> new PromptEncoder(ImageTokens.DEFAULT), TIMEOUT);
        BenchmarkConfig config = BenchmarkConfig.builder().phases(java.util.EnumSet.of(Phase.SCALING))
                .scalingLevels(loads)
                .mainWorkload(new Workload(request.inputTokens(), request.outputTokens(), 0))
                .requestsPerConcurrency(request.requestsPerClient() + 2).minRequestsPerLevel(1)
                .promptMode(PromptMode.RANDOM).ignoreEos(true).cooldown(Duration.ZERO).slo(request.slo())
                .build();
        Map<String, Map<Integer, RequestRecord>> records = new HashMap<>();
        Map<Integer, UnitLevel> out = new HashMap<>();
        // Loads run from the lightest: once one is far from the SLO, every heavier one would miss it too
        // (dominance), so the unit stops there and the heavier loads are reported as not simulated.
        Interruption missed = new Interruption(Duration.ZERO);
        Benchmark.builder().target(new TargetInfo(unit.label(), "virtual://cluster", request.model().name()))
                .config(config).executor(executor).interruption(missed)
                .prompts(new PromptPlan(new PlanPrompts(), "4 characters per token (the simulator's count)", true, 0))
                .listener(new BenchmarkListener() {
                    @Override
                    public void onRequest(LevelSpec level, int index, RequestRecord record) {
                        records.computeIfAbsent(level.name(), k -> new HashMap<>()).put(index, record);
                    }

                    @Override
                    public void onLevelEnd(LevelResult result) {
                        int clients = result.spec().concurrency();
                        LevelMetrics steady = LevelAggregator.aggregate(SteadyWindow.of(
                                records.getOrDefault(result.spec().name(), Map.of()), clients), request.slo(),
                                java.util.OptionalDouble.empty());
                        var frontend = frontends.getLast();
                        Map<Integer, RequestRecord> level = records.getOrDefault(result.spec().name(), Map.of());
                        long from = level.values().stream().mapToLong(RequestRecord::sentNanos).min().orElse(0);
                        long to = level.values().stream().mapToLong(RequestRecord::endNanos).max().orElse(from);
                        out.put(clients, new UnitLevel(steady, unit instanceof ClusterShape.Disaggregated
                                ? frontend.transferStats().meanWaitMillis() : Double.NaN,
                                busy(frontend.entryPool(), to - from), busy(frontend.decodePool(), to - from),
                                queue(frontend.entryPool(), to - from), queue(frontend.decodePool(), to - from)));
                        // Far from the SLO (every bound half as loose again), not merely missing it: a lighter
                        // load can miss by a little where a heavier one meets it, when the closed loop's waves
                        // fall differently, so only a clear miss may stop the unit.
                        if (!ParetoPoint.of(unit.label(), result.spec().name(), clients, 0, steady,
                                request.slo().scaled(PRUNE_SLACK), ShapePrediction.MIN_SUCCESS_RATE).meetsSlo()) {
                            missed.request();
                        }
                    }
                }).build().run();
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
