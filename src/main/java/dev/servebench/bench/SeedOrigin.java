package dev.servebench.bench;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Where a run's seed (its prompts, dataset sample, arrival times) came from. A server's prefix cache keeps
 * what it was sent, so a run that repeats an earlier run's prompts measures that cache, not the server's
 * prefill: every run draws a new seed unless told one.
 */
public enum SeedOrigin {
    /** Given by the user ({@code --seed N} or the workload file's {@code seed}): the run replays those prompts. */
    GIVEN,
    /** Drawn for this run: prompts no earlier run sent. */
    DRAWN,
    /** Derived for one trial of an experiment from the experiment's seed, the trial's stream and its index. */
    TRIAL,
    /**
     * The fixed default of runs against a server started for the run alone (in-process predictions): nothing
     * earlier can have filled its cache, and a fixed seed keeps the prediction repeatable.
     */
    FIXED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "drawn for this run", for the console. */
    public String describe() {
        return switch (this) {
            case GIVEN -> "given";
            case DRAWN -> "drawn for this run";
            case TRIAL -> "this trial's, from the experiment's seed";
            case FIXED -> "fixed";
        };
    }
}
