package dev.servebench.experiment;

import dev.servebench.BadInputException;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.Phase;
import dev.servebench.bench.Slo;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The same SCALING workload against each candidate deployment; every (deployment, level) becomes
 * a point of throughput per GPU against p99 latencies. Given an SLO, the answer is per load level,
 * because the configuration that wins at 50 users is often not the one that wins at 300.
 */
public final class ParetoSweep {
    /** A level below this success rate is FAILING: it can meet no SLO. */
    static final double MIN_SUCCESS_RATE = 0.95;
    private final List<TargetSpec> targets;
    private final BenchmarkConfig config;
    private final ServerPreparation preparation;
    private final TrialRunner runner;
    private final Consumer<String> log;

    public ParetoSweep(List<TargetSpec> targets, BenchmarkConfig base, ServerPreparation preparation,
                       TrialRunner runner, Consumer<String> log) {
        if (targets.isEmpty()) {
            throw new BadInputException("a Pareto sweep needs at least one --target");
        }
        this.targets = List.copyOf(targets);
        this.config = base.toBuilder().phases(EnumSet.of(Phase.SCALING)).build();
        this.preparation = preparation;
        this.runner = runner;
        this.log = log;
    }

    public ParetoResult run() {
        Slo slo = config.slo();
        List<TrialOutcome> outcomes = new ArrayList<>();
        List<ParetoPoint> points = new ArrayList<>();
        for (TargetSpec target : targets) {
            Trial trial = Trial.seeded(target, target.name(), 0, config, target.name());
            log.accept("configuration " + target.name() + " (" + target.url() + ", " + target.gpus() + " GPU), seed "
                    + trial.seed());
            preparation.prepare(target.name());
            TrialOutcome outcome = runner.run(trial);
            outcomes.add(outcome);
            for (LevelResult level : outcome.result().levels(Phase.SCALING)) {
                if (level.metrics().validRequests() == 0) {
                    continue;
                }
                points.add(ParetoPoint.of(target.name(), level.spec().name(), level.spec().concurrency(),
                        level.metrics().totalTokensPerSecond() / target.gpus(), level.metrics(), slo,
                        MIN_SUCCESS_RATE));
            }
        }
        Map<LatencyAxis, List<ParetoPoint>> frontiers = new EnumMap<>(LatencyAxis.class);
        for (LatencyAxis axis : LatencyAxis.values()) {
            frontiers.put(axis, ParetoAnalysis.frontier(points, axis));
        }
        return new ParetoResult(slo.toString(), outcomes, points, frontiers, ParetoAnalysis.bestPerLevel(points));
    }
}
