package dev.servebench.cli;

import dev.servebench.experiment.ExperimentTables;
import dev.servebench.experiment.SaturationResult;
import dev.servebench.experiment.SaturationSettings;
import dev.servebench.run.ExperimentRun;
import dev.servebench.run.SaturationOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "saturation", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Fine saturation sweep: per-level means, the saturation point, the plateau, cliffs.",
        footerHeading = "%nExample:%n",
        footer = "  servebench experiment saturation --url http://127.0.0.1:8000 --model m --from 500 --to 1000 "
                + "--step 50 --runs 3 --requests 200")
final class SaturationCommand implements Callable<Integer> {
    /** SPEC's fine sweep: 200 requests per run. */
    static final int DEFAULT_REQUESTS = 200;

    @Option(names = "--from", paramLabel = "C", defaultValue = "500", description = "First concurrency (default ${DEFAULT-VALUE}).")
    int from;

    @Option(names = "--to", paramLabel = "C", defaultValue = "1000", description = "Last concurrency (default ${DEFAULT-VALUE}).")
    int to;

    @Option(names = "--step", paramLabel = "C", defaultValue = "50", description = "Step (default ${DEFAULT-VALUE}).")
    int step;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Runs per level (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--tolerance", paramLabel = "SHARE", defaultValue = "5%", converter = ShareConverter.class,
            description = "Plateau: within this share of the peak (default ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--cliff", paramLabel = "SHARE", defaultValue = "20%", converter = ShareConverter.class,
            description = "A drop of at least this share between neighbouring levels is a cliff (default ${DEFAULT-VALUE}).")
    double cliff;

    @Mixin
    RestartOptions restart;

    @Mixin
    ExperimentTargetOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // --requests is the workload option every command shares; here it means requests per level per run.
        int requests = common.workload.requests != null ? common.workload.requests : DEFAULT_REQUESTS;
        SaturationSettings settings = new SaturationSettings(from, to, step, runs, requests, tolerance, cliff);
        try (ResolvedTarget target = ResolvedTarget.of(common.endpoint)) {
            SaturationOptions options = new SaturationOptions(target.spec(), common.endpoint.access(),
                    common.workload.buildConfig(), settings, restart.serverRestart());
            ExperimentRun.Result<SaturationResult> run = ExperimentRun.run(options, common.output.output(),
                    spec.commandLine().getErr());
            spec.commandLine().getOut().print(ExperimentTables.saturation(run.analysis()));
            spec.commandLine().getOut().println(ExperimentOutput.ended(run.ended()));
            return 0;
        }
    }
}
