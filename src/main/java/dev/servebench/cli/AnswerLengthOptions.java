package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.sim.text.AnswerLengths;
import picocli.CommandLine.Option;

/** {@code --answer-mean-tokens}: where the simulator's answers stop; shared by sim, predict and bench. */
final class AnswerLengthOptions {
    /**
     * Seed of the simulated answer lengths. Fixed, so the same command gives the same lengths run
     * after run; lengths still vary from request to request because they are drawn per request id.
     */
    static final long SEED = 1;

    @Option(names = "--answer-mean-tokens", paramLabel = "N", defaultValue = "0",
            description = "Built-in target only (sim, predict, bench without --url): mean answer length, in tokens, "
                    + "of requests without ignore_eos. Real models stop at an end-of-sequence token; with N > 0 such "
                    + "an answer ends after a geometric number of tokens with mean N (finish_reason stop), cut at "
                    + "max_tokens (finish_reason length). ignore_eos (bench and predict: --ignore-eos) always runs to "
                    + "max_tokens; min_tokens is a floor. Default 0: every answer runs to max_tokens.")
    int meanTokens;

    /** True when the user asked for answers that stop before max_tokens. */
    boolean given() {
        return meanTokens != 0;
    }

    AnswerLengths answers() {
        if (meanTokens < 0) {
            throw new BadInputException("--answer-mean-tokens must be 0 (answers run to max_tokens) or a "
                    + "mean length in tokens >= 1, got " + meanTokens);
        }
        return meanTokens == 0 ? AnswerLengths.UNTIL_MAX_TOKENS : new AnswerLengths.Geometric(meanTokens, SEED);
    }

    /** For target names and the startup line: empty when answers run to max_tokens (the long-standing default). */
    static String describe(AnswerLengths answers) {
        return answers.describe();
    }
}
