package dev.servebench.store;

import dev.servebench.BadInputException;
import java.util.Locale;

/**
 * What produced a record. Bench, predict and experiment name rows of the runs table (experiment: one run
 * inside an experiment); an experiment itself, a plan and an accuracy check are kept in their own tables,
 * and {@code runs list --kind} takes their kinds too, so every id the tool prints can be listed by kind.
 */
public enum RunKind {
    /** {@code bench} against a live endpoint (or the built-in target). */
    BENCH,
    /** {@code predict}: the simulator in virtual time. */
    PREDICT,
    /** One run inside an {@code experiment}. */
    EXPERIMENT,
    /** {@code plan}: stored as an experiment of kind "plan", with no runs of its own. */
    PLAN,
    /** {@code eval}: an accuracy check, one row per task in eval_results. */
    EVAL;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunKind parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("unknown kind '" + text + "'; use bench, predict, experiment, plan or eval");
        }
    }
}
