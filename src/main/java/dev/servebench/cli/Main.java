package dev.servebench.cli;

import dev.servebench.run.StopSignals;
import dev.servebench.BadInputException;
import dev.servebench.client.ClientThreads;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code servebench} command: a thin layer of subcommands over the library. */
@Command(name = "servebench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Benchmark and tune OpenAI-compatible LLM inference servers.",
        // The subcommands are SUBCOMMANDS below, added by commandLine(): only those the arguments name are built.
        footerHeading = "%nExamples:%n",
        footer = {
            "  servebench bench                                  # whole pipeline against the built-in target",
            "  servebench bench --url http://127.0.0.1:8000 --model my-model --phases baseline,scaling",
            "  servebench sim --model deepseek-v3.2 --gpu mi325x --gpus 8 --port 8000   # a simulated vLLM server",
            "  servebench predict --model llama-3.1-405b --gpu mi325x --intensity thorough # a whole campaign in seconds",
            "  servebench report results/<run> --out report.html  # charts and tables of a run (or several)",
            "  servebench eval --url http://127.0.0.1:8000 --model m --tasks gsm8k:test.jsonl   # accuracy, 95 %% CI",
            "  servebench selfcheck --concurrency 2000           # the client's own ceiling",
            "  servebench advise --model deepseek-v3.2 --gpu mi325x --gpus 8   # a vLLM launch plan with reasons",
            "  servebench plan --model gpt-oss-120b --gpu mi300x --nodes 2 --concurrency 32,128,512 --slo ttft=2s,tpot=40ms",
            "  servebench help bench                             # every bench option, with examples",
            "",
            "--debug (any command): print the stack trace of an internal error.",
            "Exit codes: 0 done; 1 failed (a run could not complete, or an internal error: add --debug for its trace);",
            "2 bad input (the message says what to fix); 3 the target cannot be benchmarked (nothing listens, key",
            "refused, unknown model); 4 the benchmark finished but a level was FAILING (results and report written);",
            "5 results not all written (a full disk: the message names what is missing);",
            "130 stopped by Ctrl-C or SIGTERM (what was measured is written; a second Ctrl-C quits at once)."})
public final class Main implements Runnable {
    /** Exit code for bad input (a flag, a file, a URL): the message says what to fix. */
    public static final int EXIT_USAGE = 2;
    /** Exit code for a run that could not complete, or an internal error (a bug: --debug shows its trace). */
    public static final int EXIT_FAILURE = 1;
    /** Exit code when the target cannot be benchmarked at all (preflight: refused, unknown model, 401). */
    public static final int EXIT_TARGET_UNAVAILABLE = 3;
    /** Exit code of a finished benchmark in which a level was FAILING; results and report are written. */
    public static final int EXIT_LEVEL_FAILING = 4;
    /**
     * Exit code of a run whose results could not all be written (a full disk, a file-size limit) even after retries:
     * the message names what is missing; the folder holds only whole lines, which report and runs import read.
     */
    public static final int EXIT_RESULTS_INCOMPLETE = 5;

    /** The subcommands, in the order the help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(BenchCommand.class, SimCommand.class, PredictCommand.class,
            PlanCommand.class, ExperimentCommand.class, EvalCommand.class, RunsCommand.class, ReportCommand.class,
            AdviseCommand.class, SelfcheckCommand.class, WorkerCommand.class, CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The whole command tree, every subcommand built: for tests and tools that inspect or parse any command. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command tree for these arguments (null: every subcommand built). Building a subcommand's model (picocli reads
     * every option of it and of its own subcommands by reflection) was most of the start-up time of a short command
     * (issue #29), so a subcommand none of whose names is among the arguments stands in as its name and description
     * only: all the command list of --help and picocli's "did you mean" need, and it cannot be run, since picocli runs
     * only a subcommand named by an argument. Every subcommand is built with "help" among the arguments (for
     * {@code help COMMAND}) or an {@code @FILE} (picocli reads more arguments from it).
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        Set<String> named = args == null ? null : new HashSet<>(Arrays.asList(args));
        boolean all = named == null || named.contains("help") || named.stream().anyMatch(a -> a.startsWith("@"));
        for (Class<?> sub : SUBCOMMANDS) {
            Command c = sub.getAnnotation(Command.class);
            if (all || named.contains(c.name()) || Arrays.stream(c.aliases()).anyMatch(named::contains)) {
                cli.addSubcommand(sub);
            } else {
                CommandSpec listed = CommandSpec.create().name(c.name()).aliases(c.aliases());
                listed.usageMessage().header(c.header()).description(c.description()).hidden(c.hidden());
                cli.addSubcommand(c.name(), listed);
            }
        }
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        ClientThreads.shareCoresWithEventLoops();
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    private static boolean givesApiKeyOnCommandLine(String[] args) {
        for (String a : args) {
            if (a.equals("--api-key") || a.startsWith("--api-key=")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an exception that reached the top is a defect of servebench rather than a failure of the world
     * (a disk, a database, a server): any argument check that is not {@link BadInputException}, a null, a
     * bad index or cast, an {@link Error}.
     */
    static boolean isBug(Throwable ex) {
        return ex instanceof IllegalArgumentException || ex instanceof NullPointerException
                || ex instanceof ClassCastException || ex instanceof IndexOutOfBoundsException
                || ex instanceof ArithmeticException || ex instanceof UnsupportedOperationException
                || ex instanceof java.util.NoSuchElementException || ex instanceof Error
                || ex.getMessage() == null;
    }

    private static String internalError(Throwable ex, boolean debug) {
        return "internal error " + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
                + (debug ? " (a bug in servebench; its trace is above)"
                        : " (a bug in servebench; rerun with --debug for its trace, and report it)");
    }

    /** How an exception that ends a command becomes a message and an exit code (see the footer's list). */
    static CommandLine.IExecutionExceptionHandler exceptionHandler(boolean debug) {
        return (ex, commandLine, parseResult) -> {
            if (debug) {
                ex.printStackTrace(commandLine.getErr());
            }
            if (ex instanceof dev.servebench.bench.TargetUnavailableException) {
                commandLine.getErr().println("servebench: error: " + ex.getMessage());
                return EXIT_TARGET_UNAVAILABLE;
            }
            if (ex instanceof dev.servebench.experiment.ExperimentStoppedException) {
                commandLine.getErr().println("servebench: experiment " + ex.getMessage());
                return StopSignals.EXIT_INTERRUPTED;
            }
            if (ex instanceof BadInputException) {
                commandLine.getErr().println("servebench: error: " + ex.getMessage());
                return EXIT_USAGE;
            }
            if (ex instanceof dev.servebench.results.ResultsNotWritableException) {
                commandLine.getErr().println("servebench: error: " + ex.getMessage() + " (nothing was measured)");
                return EXIT_RESULTS_INCOMPLETE;
            }
            commandLine.getErr().println("servebench: failed: " + (isBug(ex) ? internalError(ex, debug)
                    : ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return EXIT_FAILURE;
        };
    }

    /**
     * picocli's nearest commands or options to a mistyped one ({@code bnech}: bench), as "; did you mean …?", or
     * nothing when none is near.
     */
    static String didYouMean(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            String typed = u.getUnmatched().isEmpty() ? "" : u.getUnmatched().getFirst();
            // picocli's order is not by nearness ("bnech": selfcheck before bench): nearest first.
            java.util.List<String> near = u.getSuggestions().stream()
                    .sorted(java.util.Comparator.comparingInt(c -> editDistance(typed, c))).limit(2).toList();
            return "; did you mean " + String.join(" or ", near) + "?";
        }
        return "";
    }

    /** Edits (insert, delete, replace, swap of neighbours) from {@code a} to {@code b}. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** Runs the CLI with the given streams; returns the exit code. For tests and embedding. */
    public static int execute(String[] givenArgs, PrintWriter out, PrintWriter err) {
        boolean debug = java.util.Arrays.asList(givenArgs).contains("--debug");
        String[] args = java.util.Arrays.stream(givenArgs).filter(a -> !a.equals("--debug")).toArray(String[]::new);
        CommandLine cli = commandLine(args);
        cli.setUsageHelpWidth(110);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(exceptionHandler(debug));
        cli.setParameterExceptionHandler((ex, params) -> {
            CommandLine c = ex.getCommandLine();
            if (givesApiKeyOnCommandLine(params)) {
                // Never echo what followed: it is the key, and the terminal, logs and CI output keep it.
                c.getErr().println("servebench: error: --api-key is not accepted (a key on the command line "
                        + "leaks into shell history and process lists); use --api-key-env VAR or --api-key-file FILE");
                return EXIT_USAGE;
            }
            c.getErr().println("servebench: error: " + ex.getMessage() + didYouMean(ex));
            String command = c.getCommandName().replace("servebench", "").strip();
            c.getErr().println("Try 'servebench " + (command.isEmpty() ? "" : command + " ") + "--help'.");
            return EXIT_USAGE;
        });
        int code = cli.execute(args);
        // Commands may end with print() rather than println(): autoflush would miss their last table.
        out.flush();
        err.flush();
        return code;
    }
}
