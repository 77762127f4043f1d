package dev.servebench.run;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.client.EndpointConfig;
import dev.servebench.eval.EvalSettings;
import dev.servebench.eval.EvalTask;
import dev.servebench.experiment.AblationExperiment;
import dev.servebench.experiment.AblationResult;
import dev.servebench.experiment.AblationSettings;
import dev.servebench.experiment.AccuracyPlan;
import dev.servebench.experiment.CommandPreparation;
import dev.servebench.experiment.ExperimentSetup;
import dev.servebench.experiment.ReadinessProbe;
import dev.servebench.experiment.ShellCommand;
import dev.servebench.experiment.TargetSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code experiment ablation}: the same workload under two or more conditions, interleaved, compared with Welch's
 * t-test, and with an accuracy check per condition when asked.
 *
 * @param settings    the conditions by name (the first is the reference), runs per condition, metrics, alpha
 * @param conditions  the conditions as the user gave them ({@code NAME=COMMAND} or {@code NAME=k8s:FILE}), for the
 *                    record
 * @param commands    by condition, the command that puts the server in it
 * @param readiness   polled after each condition's command until the server answers
 * @param deployments by condition, the Kubernetes deployment that is the server in it
 * @param accuracy    the accuracy check run once per condition, when asked
 */
public record AblationOptions(TargetSpec target, ClientAccess client, BenchmarkConfig config, AblationSettings settings,
                              List<String> conditions, Map<String, ShellCommand> commands,
                              Optional<ReadinessProbe> readiness, ExperimentDeployments deployments,
                              Optional<Accuracy> accuracy) implements ExperimentRun.Experiment<AblationResult> {

    /**
     * An ablation's accuracy check.
     *
     * @param files the task files as the user gave them ({@code [KIND:]FILE}), for the record
     * @param tasks the same, read (before anything starts, so that a bad file is a usage error)
     * @param when  before or after each condition's speed runs
     */
    public record Accuracy(List<String> files, List<EvalTask> tasks, EvalSettings settings, AccuracyPlan.When when) {
    }

    public AblationOptions {
        conditions = List.copyOf(conditions);
        commands = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(commands));
    }

    @Override
    public String kind() {
        return "ablation";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("conditions", conditions);
        params.put("runs_per_condition", settings.runsPerCondition());
        params.put("alpha", settings.alpha());
        params.put("config", config);
        accuracy.ifPresent(a -> params.put("eval", Map.of("tasks", a.files(), "seed", a.settings().seed(),
                "concurrency", a.settings().concurrency(), "when", a.when().name().toLowerCase(Locale.ROOT))));
        return params;
    }

    @Override
    public AblationResult run(ExperimentSession session) throws Exception {
        EndpointConfig endpoint = client.endpoint(target.url(), target.model());
        Optional<AccuracyPlan> plan = accuracy.map(a -> new AccuracyPlan(
                condition -> session.checkAccuracy(endpoint, a.tasks(), a.settings(), condition), a.when()));
        return deployments.around(session.folder(), session::say,
                new CommandPreparation(commands, Optional.empty(), readiness, session.folder().resolve("commands.log")),
                preparation -> new AblationExperiment(new ExperimentSetup(target, config, preparation,
                        session.runner(client), session::log), settings, plan).run());
    }
}
