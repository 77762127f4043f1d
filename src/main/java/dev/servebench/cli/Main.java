package dev.servebench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code servebench} command: a thin layer of subcommands over the library. */
@Command(name = "servebench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Benchmark and tune OpenAI-compatible LLM inference servers.",
        subcommands = {BenchCommand.class, SimCommand.class, PredictCommand.class, ExperimentCommand.class,
            RunsCommand.class, ReportCommand.class, AdviseCommand.class, SelfcheckCommand.class,
            CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  servebench bench                                  # whole pipeline against the built-in target",
            "  servebench bench --url http://127.0.0.1:8000 --model my-model --phases baseline,scaling",
            "  servebench sim --model deepseek-v3.2 --gpu mi325x --gpus 8 --port 8000   # a simulated vLLM server",
            "  servebench predict --model llama-3.1-405b --gpu mi325x --intensity thorough # a whole campaign in seconds",
            "  servebench report results/<run> --out report.html  # charts and tables of a run (or several)",
            "  servebench selfcheck --concurrency 2000           # the client's own ceiling",
            "  servebench advise --model deepseek-v3.2 --gpu mi325x --gpus 8   # a vLLM launch plan with reasons",
            "  servebench help bench                             # every bench option, with examples"})
public final class Main implements Runnable {
    /** Exit code for bad input (a flag, a file, a URL): the message says what to fix. */
    public static final int EXIT_USAGE = 2;
    /** Exit code for a run that could not complete. */
    public static final int EXIT_FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams; returns the exit code. For tests and embedding. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setUsageHelpWidth(110);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException) {
                commandLine.getErr().println("servebench: error: " + ex.getMessage());
                return EXIT_USAGE;
            }
            commandLine.getErr().println("servebench: failed: " + (ex.getMessage() == null ? ex.toString()
                    : ex.getMessage()));
            return EXIT_FAILURE;
        });
        cli.setParameterExceptionHandler((ex, params) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("servebench: error: " + ex.getMessage());
            c.getErr().println("Try 'servebench " + c.getCommandName().replace("servebench", "").strip()
                    + " --help'.".replace("  ", " "));
            return EXIT_USAGE;
        });
        int code = cli.execute(args);
        // Commands may end with print() rather than println(): autoflush would miss their last table.
        out.flush();
        err.flush();
        return code;
    }
}
