package dev.servebench.run;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.experiment.CommandPreparation;
import dev.servebench.experiment.SaturationResult;
import dev.servebench.experiment.SaturationSettings;
import dev.servebench.experiment.SaturationSweep;
import dev.servebench.experiment.TargetSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code experiment saturation}: a fine sweep of concurrency levels against one server, several runs each.
 *
 * @param config  the workload of each run (its levels are the sweep's)
 * @param restart a fresh server before every run
 */
public record SaturationOptions(TargetSpec target, ClientAccess client, BenchmarkConfig config,
                                SaturationSettings settings, ExperimentRun.Restart restart)
        implements ExperimentRun.Experiment<SaturationResult> {

    @Override
    public String kind() {
        return "saturation";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("settings", settings);
        return params;
    }

    @Override
    public SaturationResult run(ExperimentSession session) {
        return new SaturationSweep(target, config, settings, new CommandPreparation(Map.of(), restart.command(),
                restart.readiness(), session.folder().resolve("commands.log")), session.runner(client),
                session::log).run();
    }
}
