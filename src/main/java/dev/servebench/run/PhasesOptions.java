package dev.servebench.run;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.experiment.PhaseBenchmark;
import dev.servebench.experiment.PhaseResult;
import dev.servebench.experiment.PhaseWorkloads;
import dev.servebench.experiment.TargetSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code experiment phases}: the scaling levels under a prefill-heavy, a decode-heavy and the main workload.
 *
 * @param config the benchmark each workload runs
 */
public record PhasesOptions(TargetSpec target, ClientAccess client, BenchmarkConfig config, PhaseWorkloads workloads)
        implements ExperimentRun.Experiment<PhaseResult> {

    @Override
    public String kind() {
        return "phases";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("workloads", workloads);
        params.put("config", config);
        return params;
    }

    @Override
    public PhaseResult run(ExperimentSession session) {
        return new PhaseBenchmark(target, config, workloads, session.runner(client), session::log).run();
    }
}
