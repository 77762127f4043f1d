package dev.servebench.cli;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.LevelMetric;
import dev.servebench.experiment.ExperimentTables;
import dev.servebench.experiment.RepeatExperiment;
import dev.servebench.experiment.RepeatResult;
import dev.servebench.run.ExperimentRun;
import dev.servebench.run.RepeatOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Optional;
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
        var manifests = k8s.manifests(Optional.of(RepeatExperiment.GROUP), List.of(RepeatExperiment.GROUP));
        try (ResolvedTarget target = ResolvedTarget.of(common.endpoint)) {
            RepeatOptions options = new RepeatOptions(target.spec(), common.endpoint.access(), config, runs,
                    untilCi == null ? OptionalDouble.empty() : OptionalDouble.of(untilCi), maxRuns,
                    LevelMetric.parse(ciMetric), restart.serverRestart(), k8s.deployments(manifests));
            ExperimentRun.Result<RepeatResult> run = ExperimentRun.run(options, common.output.output(),
                    spec.commandLine().getErr());
            spec.commandLine().getOut().print(ExperimentTables.repeat(run.analysis()));
            spec.commandLine().getOut().println(ExperimentOutput.ended(run.ended()));
            return run.analysis().ciTargetMet() ? 0 : Main.EXIT_FAILURE;
        }
    }
}
