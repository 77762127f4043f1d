package dev.servebench.experiment;

import dev.servebench.bench.Workload;

/**
 * The three workloads of a phase-isolated benchmark.
 *
 * @param prefillHeavy long input, one output token: measures prefill capacity
 * @param decodeHeavy  short input, long output: measures decode capacity
 * @param mixed        the main workload, both at once
 */
public record PhaseWorkloads(Workload prefillHeavy, Workload decodeHeavy, Workload mixed) {
    public static PhaseWorkloads defaults(Workload mixed) {
        return new PhaseWorkloads(new Workload(4000, 1, 0), new Workload(64, 1000, 0), mixed);
    }
}
