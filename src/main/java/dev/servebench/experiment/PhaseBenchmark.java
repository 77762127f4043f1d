package dev.servebench.experiment;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.Phase;
import dev.servebench.bench.Workload;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Prefill-heavy, decode-heavy and mixed workloads at the SCALING levels, so prefill and decode
 * capacity are known separately before choosing a disaggregated cluster's shape. Output lengths
 * are forced (ignore_eos) where they define the workload: a decode-heavy run that stops early
 * would measure nothing.
 */
public final class PhaseBenchmark {
    private final TargetSpec target;
    private final BenchmarkConfig base;
    private final PhaseWorkloads workloads;
    private final TrialRunner runner;
    private final Consumer<String> log;

    public PhaseBenchmark(TargetSpec target, BenchmarkConfig base, PhaseWorkloads workloads, TrialRunner runner,
                          Consumer<String> log) {
        this.target = target;
        this.base = base;
        this.workloads = workloads;
        this.runner = runner;
        this.log = log;
    }

    public PhaseResult run() {
        Map<String, Workload> named = new LinkedHashMap<>();
        named.put("prefill-heavy", workloads.prefillHeavy());
        named.put("decode-heavy", workloads.decodeHeavy());
        named.put("mixed", workloads.mixed());
        List<TrialOutcome> outcomes = new ArrayList<>();
        List<PhaseLevel> levels = new ArrayList<>();
        for (Map.Entry<String, Workload> e : named.entrySet()) {
            Workload w = e.getValue();
            BenchmarkConfig config = base.toBuilder().phases(EnumSet.of(Phase.SCALING)).mainWorkload(w)
                    .ignoreEos(true).build();
            Trial trial = Trial.seeded(target, e.getKey(), 0, config, e.getKey());
            log.accept(e.getKey() + ": " + w.inputTokens() + " input / " + w.outputTokens() + " output tokens, seed "
                    + trial.seed());
            TrialOutcome outcome = runner.run(trial);
            outcomes.add(outcome);
            for (LevelResult level : outcome.result().levels(Phase.SCALING)) {
                var m = level.metrics();
                double wall = m.wallSeconds();
                levels.add(new PhaseLevel(e.getKey(), w.inputTokens(), w.outputTokens(), level.spec().name(),
                        level.spec().concurrency(), wall > 0 ? m.promptTokens() / wall : 0,
                        wall > 0 ? m.completionTokens() / wall : 0, m.ttftMillis().p99(), m.tpotMillis().p99(),
                        m.successRate()));
            }
        }
        return new PhaseResult(outcomes, levels);
    }
}
