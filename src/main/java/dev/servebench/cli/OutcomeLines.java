package dev.servebench.cli;

import dev.servebench.run.RunSession;

import java.io.PrintWriter;

/** The lines every run command ends with: where the results are, the database record, the report. */
final class OutcomeLines {
    private OutcomeLines() {
    }

    /** Prints them; true when results could not all be written (the run must then exit with 5, never 0). */
    static boolean print(RunSession.Ended ended, PrintWriter stdout, PrintWriter stderr) {
        RunSession.Outcome outcome = ended.outcome();
        stdout.println("Results: " + outcome.summaryFile() + " and " + outcome.requestsFile());
        outcome.resultsFailure().ifPresent(f -> stderr.println("servebench: results folder incomplete: " + f
                + "; exit code " + Main.EXIT_RESULTS_INCOMPLETE));
        outcome.resultsRecovered().ifPresent(f -> stderr.println("servebench: writing results failed for a while ("
                + f + ") and was retried until it went through: nothing lost"));
        outcome.databaseFailure().ifPresent(f -> stderr.println("servebench: not recorded in the results database: "
                + f));
        outcome.runId().ifPresent(id -> stdout.println("Recorded as run " + id + " in " + outcome.database().orElse("")
                + " (servebench runs show " + id + ")"));
        ended.report().ifPresent(html -> stdout.println("Report: " + html));
        return ended.resultsIncomplete();
    }
}
