package dev.servebench.cli;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.Workload;
import dev.servebench.experiment.ExperimentTables;
import dev.servebench.experiment.PhaseResult;
import dev.servebench.experiment.PhaseWorkloads;
import dev.servebench.run.ExperimentRun;
import dev.servebench.run.PhasesOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "phases", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Prefill-heavy, decode-heavy and mixed workloads: prefill and decode tokens/s separately.",
        description = {"Runs the SCALING levels (--scaling) three times: long input with 1 output token (prefill alone:",
            "max_tokens=1), short input with long output, and the main workload (--input-tokens/--output-tokens).",
            "Decode alone with the KV cache of a long prompt already filled needs the server started with vLLM's",
            "DecodeBenchConnector (--kv-transfer-config); a client cannot fill a real server's cache. For the",
            "simulator, 'predict --decode-only' preloads every prompt's cache the same way."},
        footerHeading = "%nExample:%n",
        footer = "  servebench experiment phases --url http://127.0.0.1:8000 --model m --scaling 8,32 --requests 64")
final class PhasesCommand implements Callable<Integer> {
    @Option(names = "--prefill-input-tokens", paramLabel = "N", defaultValue = "4000",
            description = "Prompt length of the prefill-heavy workload (default ${DEFAULT-VALUE}; 1 output token).")
    int prefillInput;

    @Option(names = "--decode-input-tokens", paramLabel = "N", defaultValue = "64",
            description = "Prompt length of the decode-heavy workload (default ${DEFAULT-VALUE}).")
    int decodeInput;

    @Option(names = "--decode-output-tokens", paramLabel = "N", defaultValue = "1000",
            description = "Output length of the decode-heavy workload (default ${DEFAULT-VALUE}).")
    int decodeOutput;

    @Mixin
    ExperimentTargetOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BenchmarkConfig config = common.workload.buildConfig();
        PhaseWorkloads workloads = new PhaseWorkloads(new Workload(prefillInput, 1, 0),
                new Workload(decodeInput, decodeOutput, 0), config.mainWorkload());
        try (ResolvedTarget target = ResolvedTarget.of(common.endpoint)) {
            PhasesOptions options = new PhasesOptions(target.spec(), common.endpoint.access(), config, workloads);
            ExperimentRun.Result<PhaseResult> run = ExperimentRun.run(options, common.output.output(),
                    spec.commandLine().getErr());
            spec.commandLine().getOut().print(ExperimentTables.phases(run.analysis()));
            spec.commandLine().getOut().println(ExperimentOutput.ended(run.ended()));
            return 0;
        }
    }
}
