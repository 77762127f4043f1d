package dev.servebench.run;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.LevelMetric;
import dev.servebench.experiment.CommandPreparation;
import dev.servebench.experiment.ExperimentSetup;
import dev.servebench.experiment.RepeatExperiment;
import dev.servebench.experiment.RepeatResult;
import dev.servebench.experiment.RepeatSettings;
import dev.servebench.experiment.TargetSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code experiment repeat}: n independent runs of one workload against one server.
 *
 * @param runs        runs, or the first runs with {@code untilCi}
 * @param untilCi     keep adding runs until every level's 95 % CI half-width is below this share of the mean
 * @param maxRuns     the cap of {@code untilCi}
 * @param ciMetric    the metric {@code untilCi} watches
 * @param restart     a fresh server before every run
 * @param deployments the server as a Kubernetes deployment, one per run ({@link RepeatExperiment#GROUP})
 */
public record RepeatOptions(TargetSpec target, ClientAccess client, BenchmarkConfig config, int runs,
                            OptionalDouble untilCi, int maxRuns, LevelMetric ciMetric, ExperimentRun.Restart restart,
                            ExperimentDeployments deployments) implements ExperimentRun.Experiment<RepeatResult> {

    public RepeatOptions {
        // Settings the experiment cannot take are refused here, before its folder or record exists.
        settings(runs, untilCi, maxRuns, ciMetric);
    }

    @Override
    public String kind() {
        return "repeat";
    }

    /** Without a CI target the runs asked for are the runs made, whatever the cap. */
    RepeatSettings settings() {
        return settings(runs, untilCi, maxRuns, ciMetric);
    }

    private static RepeatSettings settings(int runs, OptionalDouble untilCi, int maxRuns, LevelMetric ciMetric) {
        return new RepeatSettings(runs, untilCi, untilCi.isEmpty() ? Math.max(maxRuns, runs) : maxRuns, ciMetric);
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("runs", runs);
        params.put("until_ci", untilCi.isPresent() ? untilCi.getAsDouble() : null);
        params.put("max_runs", maxRuns);
        params.put("restart_cmd", restart.given());
        params.put("config", config);
        return params;
    }

    @Override
    public RepeatResult run(ExperimentSession session) throws Exception {
        RepeatSettings settings = settings();
        return deployments.around(session.folder(), session::say,
                new CommandPreparation(Map.of(), restart.command(), restart.readiness(),
                        session.folder().resolve("commands.log")),
                preparation -> new RepeatExperiment(new ExperimentSetup(target, config, preparation,
                        session.runner(client), session::log), settings).run());
    }
}
