package dev.servebench.run;

import dev.servebench.experiment.ReadinessProbe;
import dev.servebench.experiment.ShellCommand;
import dev.servebench.experiment.TargetSpec;
import dev.servebench.store.DatabaseLocation;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code experiment ...}: one experiment (a repeat, an ablation, a saturation sweep, a phases benchmark, a Pareto
 * sweep), from its options to a stored analysis. Every kind runs the same way: a results folder and the
 * experiment's database row with its parameters, Ctrl-C taken, the trials run (each a full benchmark in its own
 * folder), the analysis stored and the report written. The command line builds the options and prints the
 * {@link Result}.
 */
public final class ExperimentRun {

    /** One kind of experiment, immutable: its name, what the database records of it, and its procedure. */
    public sealed interface Experiment<R>
            permits RepeatOptions, AblationOptions, SaturationOptions, PhasesOptions, ParetoOptions {
        /** {@code repeat}, {@code ablation}, ...: the experiment's kind in the database, its folder and its lines. */
        String kind();

        /** The experiment's parameters as the database records them (the results folder is added to them). */
        Map<String, Object> parameters();

        /** Runs the trials within the session and analyses them. */
        R run(ExperimentSession session) throws Exception;
    }

    /**
     * Where an experiment's results go.
     *
     * @param folder      the experiment's folder; default {@code results/<date>-<time>-<kind>}
     * @param database    the results database, when recording
     * @param writeReport whether to write report.html and tables/ at the end
     */
    public record Output(Optional<Path> folder, Optional<DatabaseLocation> database, boolean writeReport) {
    }

    /**
     * How a server is given a fresh start between runs.
     *
     * @param command   run before every run (e.g. {@code docker restart vllm})
     * @param readiness polled after each restart until the server answers
     */
    public record Restart(Optional<ShellCommand> command, Optional<ReadinessProbe> readiness) {
        public static final Restart NONE = new Restart(Optional.empty(), Optional.empty());

        /** The command as the user gave it, for the record; null without one. */
        String given() {
            return command.map(ShellCommand::command).orElse(null);
        }
    }

    /** A finished experiment: its analysis, and where it went (folder, report, database). */
    public record Result<R>(R analysis, ExperimentSession.Ended ended) {
    }

    private ExperimentRun() {
    }

    /** The one target of repeat, ablation, saturation and phases: a server the user named. */
    public static TargetSpec server(URI url, String model) {
        return new TargetSpec(url.getHost() + ":" + url.getPort(), url, model, 1);
    }

    /**
     * Runs the experiment. Signals are the experiment's while it runs: the first Ctrl-C ends the trial under way
     * gracefully and then the experiment (thrown as {@link dev.servebench.experiment.ExperimentStoppedException},
     * the runs so far charted and the experiment recorded as stopped), the second ends the process. {@code err}
     * gets the progress lines and the signal messages.
     */
    public static <R> Result<R> run(Experiment<R> experiment, Output output, PrintWriter err) throws Exception {
        Path folder = output.folder().orElseGet(() -> RunFolders.defaultFolder(experiment.kind()));
        try (ExperimentSession session = new ExperimentSession(experiment.kind(), folder, output.database(),
                output.writeReport(), experiment.parameters(), err)) {
            R analysis = experiment.run(session);
            return new Result<>(analysis, session.finish(analysis));
        }
    }
}
