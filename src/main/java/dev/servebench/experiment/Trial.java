package dev.servebench.experiment;

import dev.servebench.bench.BenchmarkConfig;

/**
 * One benchmark run inside an experiment.
 *
 * @param group the condition, target or workload the run belongs to
 * @param index the run's number within its group, from 0
 */
public record Trial(TargetSpec target, String group, int index, BenchmarkConfig config) {
}
