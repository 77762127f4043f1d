package dev.servebench.experiment;

import dev.servebench.bench.BenchmarkConfig;

import java.util.function.Consumer;

/**
 * What repeat and ablation experiments share besides their own settings: the deployment, the
 * workload every run uses, what happens before each run, how a run is carried out, and where
 * progress lines go.
 *
 * @param config      the benchmark every run performs, unchanged between runs
 * @param preparation called before each run with the run's group (restart, or start in a condition)
 * @param runner      carries out one run (over HTTP in the CLI, scripted in tests)
 * @param log         one line per run, for the user watching
 */
public record ExperimentSetup(TargetSpec target, BenchmarkConfig config, ServerPreparation preparation,
                              TrialRunner runner, Consumer<String> log) {
}
