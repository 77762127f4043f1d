package dev.servebench.run;

import dev.servebench.BadInputException;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.LevelExecutor;
import dev.servebench.experiment.ParetoResult;
import dev.servebench.experiment.ParetoSweep;
import dev.servebench.experiment.ServerPreparation;
import dev.servebench.experiment.TargetSpec;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code experiment pareto}: candidate deployments across load levels, live servers and simulated ones.
 *
 * @param targets     every candidate, live and simulated, each with its own name
 * @param simulated   by name, the candidates run in this process in virtual time: a fresh executor per trial,
 *                    so each starts from a cold server
 * @param deployments by name, live candidates that are Kubernetes deployments, deployed one after the other
 * @param given       the candidates as the user gave them, for the record
 */
public record ParetoOptions(List<TargetSpec> targets, Map<String, Supplier<LevelExecutor>> simulated,
                            ClientAccess client, BenchmarkConfig config, ExperimentDeployments deployments,
                            Given given) implements ExperimentRun.Experiment<ParetoResult> {

    /** The flags that named the candidates: live ({@code NAME=URL}), their GPUs, simulated ({@code NAME=FLAGS}). */
    public record Given(List<String> targets, List<String> sims, Map<String, Integer> gpus) {
    }

    public ParetoOptions {
        targets = List.copyOf(targets);
        simulated = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(simulated));
        Set<String> names = new HashSet<>();
        for (TargetSpec t : targets) {
            // Trials, folders and the frontier tell candidates apart by name.
            if (!names.add(t.name())) {
                throw new BadInputException("the name '" + t.name() + "' is given to two deployments; "
                        + "give each --target and --sim its own NAME");
            }
        }
    }

    @Override
    public String kind() {
        return "pareto";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("targets", given.targets());
        params.put("sims", given.sims());
        params.put("gpus", given.gpus());
        params.put("config", config);
        return params;
    }

    @Override
    public ParetoResult run(ExperimentSession session) throws Exception {
        return deployments.around(session.folder(), session::say, ServerPreparation.NONE,
                preparation -> new ParetoSweep(targets, config, preparation,
                        session.runner(client, t -> client.endpoint(t.url(), t.model()), simulated),
                        session::log).run());
    }
}
