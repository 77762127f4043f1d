package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.LevelMetric;
import dev.servebench.experiment.AblationResult;
import dev.servebench.experiment.AblationSettings;
import dev.servebench.experiment.ExperimentTables;
import dev.servebench.experiment.ShellCommand;
import dev.servebench.run.AblationOptions;
import dev.servebench.run.ExperimentRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "ablation", mixinStandardHelpOptions = true, sortOptions = false,
        header = "The same workload under two or more conditions, interleaved, compared with Welch's t-test.",
        description = {
            "Each --condition NAME='COMMAND' starts (or restarts) the server in that condition; runs go",
            "A B A B … so drift hits every condition alike. The first condition is the reference. With --eval,",
            "each condition also answers a task file's questions once, and a condition that answers worse than the",
            "reference is named an ACCURACY REGRESSION next to its speed verdict."},
        footerHeading = "%nExamples:%n",
        footer = {"  servebench experiment ablation --url http://127.0.0.1:8000 --model m -n 5 --phases scaling "
                + "--scaling 10,50 --condition on='./start.sh' --condition off='./start.sh --no-aiter' "
                + "--ready-url http://127.0.0.1:8000/health",
            "  # the same, and is the faster condition still right? (accuracy per condition, McNemar's exact test)",
            "  servebench experiment ablation … --condition bf16='./start.sh' --condition fp8kv='./start.sh "
                + "--kv-cache-dtype fp8' --eval gsm8k:gsm8k/test.jsonl --eval-limit 500",
            "  # Conditions as Kubernetes deployments (applied before each run, deleted after; docs/kubernetes.md):",
            "  servebench experiment ablation --url http://vllm.serving.svc:8000 --model m -n 3 --phases scaling "
                + "--scaling 10,50 --condition on=k8s:aiter-on.yaml --condition off=k8s:aiter-off.yaml "
                + "--k8s-namespace serving"})
final class AblationCommand implements Callable<Integer> {
    @Option(names = "--condition", paramLabel = "NAME=COMMAND", required = true,
            description = "A condition and the command that puts the server in it (repeatable; at least two).")
    List<String> conditions;

    @Option(names = "-n", paramLabel = "RUNS", defaultValue = "5", description = "Runs per condition (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--alpha", paramLabel = "P", defaultValue = "0.05",
            description = "Significance level of the speed and accuracy tests (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--metrics", split = ",", paramLabel = "METRIC",
            defaultValue = "total-tokens-per-s,latency-p99-s,ttft-p99-ms",
            description = "Metrics compared per level (default ${DEFAULT-VALUE}).")
    List<String> metrics;

    @Mixin
    AccuracyCheckOptions accuracyCheck;

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
        if (restart.restartCommand != null) {
            throw new BadInputException("an ablation restarts through each --condition's command; "
                    + "--restart-cmd does not apply");
        }
        if (!k8s.deploy.isEmpty()) {
            throw new BadInputException("an ablation's deployments are its conditions: --condition NAME=k8s:FILE, "
                    + "not --k8s-deploy");
        }
        Map<String, ShellCommand> commands = new LinkedHashMap<>();
        Map<String, java.nio.file.Path> manifests = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (String c : conditions) {
            int eq = c.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("--condition needs NAME=COMMAND or NAME=k8s:FILE, got '" + c + "'");
            }
            String name = c.substring(0, eq).strip();
            if (names.contains(name)) {
                throw new BadInputException("condition '" + name + "' is given twice");
            }
            names.add(name);
            String value = c.substring(eq + 1);
            if (value.startsWith(KubernetesDeployOptions.CONDITION_PREFIX)) {
                manifests.put(name, java.nio.file.Path.of(value.substring(KubernetesDeployOptions.CONDITION_PREFIX.length())));
            } else {
                commands.put(name, new ShellCommand(value, restart.commandTimeout));
            }
        }
        AblationSettings settings = new AblationSettings(names, runs,
                metrics.stream().map(LevelMetric::parse).toList(), alpha);
        BenchmarkConfig config = common.workload.buildConfig();
        // Read before anything starts, so a bad task file is a usage error, not a failed experiment.
        Optional<AblationOptions.Accuracy> accuracy = accuracyCheck.check();
        try (ResolvedTarget target = ResolvedTarget.of(common.endpoint)) {
            AblationOptions options = new AblationOptions(target.spec(), common.endpoint.access(), config, settings,
                    conditions, commands, restart.readiness(), k8s.deployments(manifests), accuracy);
            ExperimentRun.Result<AblationResult> run = ExperimentRun.run(options, common.output.output(),
                    spec.commandLine().getErr());
            spec.commandLine().getOut().print(ExperimentTables.ablation(run.analysis()));
            spec.commandLine().getOut().println(ExperimentOutput.ended(run.ended()));
            return 0;
        }
    }
}
