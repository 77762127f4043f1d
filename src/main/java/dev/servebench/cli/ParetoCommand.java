package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.experiment.ExperimentTables;
import dev.servebench.experiment.ParetoResult;
import dev.servebench.experiment.TargetSpec;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.predict.VirtualLevelExecutor;
import dev.servebench.sim.text.PromptEncoder;
import dev.servebench.bench.LevelExecutor;
import dev.servebench.run.ExperimentRun;
import dev.servebench.run.ParetoOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

@Command(name = "pareto", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Candidate deployments across load levels: tok/s per GPU vs p99 latency frontiers, best per level under an SLO.",
        description = {"Targets are live servers (--target NAME=URL, with --target-gpus NAME=N) and/or simulated",
            "deployments (--sim NAME='sim flags'), predicted in this process in virtual time (seconds, not the",
            "real duration). Load levels are --scaling."},
        footerHeading = "%nExample:%n",
        footer = {"  servebench experiment pareto --model m --target tp8=http://a:8000 --target-gpus tp8=8 \\",
            "      --target tp4=http://b:8000 --target-gpus tp4=4 --scaling 50,100,300 --slo ttft=2s,tpot=50ms",
            "  servebench experiment pareto --sim tp8='--model llama-3.1-405b --gpu mi325x --gpus 8' \\",
            "      --sim fp8='--model llama-3.1-405b --gpu mi325x --gpus 8 --quantization fp8' --scaling 16,64 --slo ttft=2s",
            "  # Live candidates deployed on Kubernetes one after the other (docs/kubernetes.md):",
            "  servebench experiment pareto --model m --target tp8=http://vllm-tp8.serving.svc:8000 --target-gpus tp8=8 \\",
            "      --k8s-deploy tp8=tp8.yaml --target tp4=http://vllm-tp4.serving.svc:8000 --target-gpus tp4=4 \\",
            "      --k8s-deploy tp4=tp4.yaml --k8s-namespace serving --scaling 50,100,300"})
final class ParetoCommand implements Callable<Integer> {
    @Option(names = "--target", paramLabel = "NAME=URL", description = "A live deployment (repeatable; needs --model).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--target-gpus", paramLabel = "NAME=N", description = "GPUs a --target uses, for tok/s per GPU (default 1).")
    Map<String, Integer> gpus = new LinkedHashMap<>();

    @Option(names = "--sim", paramLabel = "NAME=FLAGS", description = "A simulated deployment from 'sim' flags (repeatable).")
    List<String> sims = new ArrayList<>();

    @Mixin
    ExperimentTargetOptions common;

    @Mixin
    KubernetesDeployOptions k8s;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (common.endpoint.url != null) {
            throw new BadInputException("pareto takes its deployments from --target and --sim, not --url");
        }
        if (targets.isEmpty() && sims.isEmpty()) {
            throw new BadInputException("give at least one --target NAME=URL or --sim NAME='flags'");
        }
        List<TargetSpec> specs = new ArrayList<>();
        Map<String, Supplier<LevelExecutor>> simulated = new LinkedHashMap<>();
        for (String t : targets) {
            String[] kv = split(t, "--target");
            if (common.endpoint.model == null) {
                throw new BadInputException("--model is required with --target");
            }
            specs.add(new TargetSpec(kv[0], URI.create(kv[1]), common.endpoint.model, gpus.getOrDefault(kv[0], 1)));
        }
        Duration timeout = common.endpoint.requestTimeout;
        for (String s : sims) {
            String[] kv = split(s, "--sim");
            DeploymentOptions options = new DeploymentOptions();
            new CommandLine(options).parseArgs(kv[1].strip().split("\\s+"));
            SimulatedDeployment d = options.deployment();
            // A fresh engine per trial: each configuration starts from a cold server.
            simulated.put(kv[0], () -> new VirtualLevelExecutor(d.newEngine(), d.stepTime(),
                    new PromptEncoder(options.imageTokens(), options.answerLengths()), timeout));
            specs.add(new TargetSpec(kv[0], URI.create("virtual://" + d.accelerator().id()), d.model().name(),
                    options.gpus));
        }
        var config = common.workload.buildConfig();
        var manifests = k8s.manifests(java.util.Optional.empty(),
                specs.stream().filter(t -> !simulated.containsKey(t.name())).map(TargetSpec::name).toList());
        ParetoOptions options = new ParetoOptions(specs, simulated, common.endpoint.access(), config,
                k8s.deployments(manifests), new ParetoOptions.Given(targets, sims, gpus));
        ExperimentRun.Result<ParetoResult> run = ExperimentRun.run(options, common.output.output(),
                spec.commandLine().getErr());
        spec.commandLine().getOut().print(ExperimentTables.pareto(run.analysis()));
        spec.commandLine().getOut().println(ExperimentOutput.ended(run.ended()));
        return 0;
    }

    private static String[] split(String text, String flag) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new BadInputException(flag + " needs NAME=VALUE, got '" + text + "'");
        }
        return new String[] {text.substring(0, eq).strip(), text.substring(eq + 1)};
    }
}
