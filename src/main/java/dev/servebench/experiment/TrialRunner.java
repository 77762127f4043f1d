package dev.servebench.experiment;

/** Runs one trial. Over HTTP against real servers in the CLI; anything that yields results in tests. */
@FunctionalInterface
public interface TrialRunner {
    TrialOutcome run(Trial trial);
}
