package dev.servebench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code experiment}: statistics over several runs instead of one. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        header = "Repeated runs, A/B ablations, fine saturation sweeps, Pareto/SLO sweeps, phase-isolated benchmarks.",
        description = {
            "Each subcommand runs several benchmarks and answers with statistics: means with 95 %% confidence",
            "intervals (Student's t), coefficients of variation, Welch's t-test p-values and verdicts.",
            "Every run is recorded in the results database (see 'servebench runs') unless --no-db is given."},
        subcommands = {RepeatCommand.class, AblationCommand.class, SaturationCommand.class, ParetoCommand.class,
            PhasesCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  servebench experiment repeat -n 5 --url http://127.0.0.1:8000 --model m --phases scaling --scaling 50 \\",
            "      --restart-cmd 'docker restart vllm' --ready-url http://127.0.0.1:8000/health --until-ci 2%%",
            "  servebench experiment ablation --url http://127.0.0.1:8000 --model m -n 5 --phases scaling \\",
            "      --condition on='./start.sh --aiter' --condition off='./start.sh --no-aiter' \\",
            "      --ready-url http://127.0.0.1:8000/health",
            "  servebench experiment saturation --url http://127.0.0.1:8000 --model m --from 500 --to 1000 \\",
            "      --step 50 --runs 3 --requests 200",
            "  servebench experiment pareto --target tp8=http://a:8000 --target-gpus tp8=8 --target tp4=http://b:8000 \\",
            "      --target-gpus tp4=4 --model m --scaling 50,100,300 --slo ttft=2s",
            "  servebench experiment phases --url http://127.0.0.1:8000 --model m --scaling 8,32"})
final class ExperimentCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
