package dev.servebench.cli;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.LevelMetric;
import dev.servebench.experiment.CommandPreparation;
import dev.servebench.experiment.ExperimentSetup;
import dev.servebench.experiment.ExperimentTables;
import dev.servebench.experiment.RepeatExperiment;
import dev.servebench.experiment.RepeatResult;
import dev.servebench.experiment.RepeatSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

@Command(name = "repeat", mixinStandardHelpOptions = true, sortOptions = false,
        header = "n independent runs of one workload: mean, stdev, CoV, 95 %% CI and relative range per level.",
        footerHeading = "%nExamples:%n",
        footer = {"  servebench experiment repeat -n 5 --url http://127.0.0.1:8000 --model m --phases scaling "
                + "--scaling 50 --restart-cmd 'docker restart vllm' --ready-url http://127.0.0.1:8000/health",
            "  # A fresh Kubernetes deployment for every run (applied, waited for, deleted; docs/kubernetes.md):",
            "  servebench experiment repeat -n 5 --url http://vllm-m.serving.svc:8000 --model m --phases scaling "
                + "--scaling 50 --k8s-deploy vllm.yaml --k8s-namespace serving"})
final class RepeatCommand implements Callable<Integer> {
    @Option(names = "-n", paramLabel = "RUNS", defaultValue = "5", description = "Runs (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--until-ci", paramLabel = "SHARE", converter = ShareConverter.class,
            description = "Keep adding runs until every level's 95 %% CI half-width is below this share of the mean "
                    + "(e.g. 2%%), up to --max-runs.")
    Double untilCi;

    @Option(names = "--max-runs", paramLabel = "N", defaultValue = "20",
            description = "Cap for --until-ci (default ${DEFAULT-VALUE}).")
    int maxRuns;

    @Option(names = "--ci-metric", paramLabel = "METRIC", defaultValue = "total-tokens-per-s",
            description = "The metric --until-ci watches (default ${DEFAULT-VALUE}).")
    String ciMetric;

    @Mixin
    RestartOptions restart;

    @Mixin
    ExperimentTargetOptions common;

    @Mixin
    KubernetesDeployOptions k8s;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BenchmarkConfig config = common.workload.buildConfig();
        RepeatSettings settings = new RepeatSettings(runs,
                untilCi == null ? OptionalDouble.empty() : OptionalDouble.of(untilCi),
                untilCi == null ? Math.max(maxRuns, runs) : maxRuns, LevelMetric.parse(ciMetric));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("runs", runs);
        params.put("until_ci", untilCi);
        params.put("max_runs", maxRuns);
        params.put("restart_cmd", restart.restartCommand);
        params.put("config", config);
        try (ResolvedTarget target = ResolvedTarget.of(common.endpoint);
             ExperimentSession session = common.output.session("repeat", params, spec.commandLine().getErr())) {
            params.put("target", target.spec());
            var manifests = k8s.manifests(java.util.Optional.of(RepeatExperiment.GROUP),
                    java.util.List.of(RepeatExperiment.GROUP));
            RepeatResult result = k8s.run(manifests, session.folder(), spec.commandLine().getErr(),
                    new CommandPreparation(Map.of(), restart.restart(), restart.readiness(),
                            session.folder().resolve("commands.log")),
                    preparation -> new RepeatExperiment(new ExperimentSetup(target.spec(), config, preparation,
                            session.runner(common.endpoint), session::log), settings).run());
            spec.commandLine().getOut().print(ExperimentTables.repeat(result));
            spec.commandLine().getOut().println(session.finish(result));
            return result.ciTargetMet() ? 0 : Main.EXIT_FAILURE;
        }
    }
}
