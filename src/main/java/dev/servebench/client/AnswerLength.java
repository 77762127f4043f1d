package dev.servebench.client;

import java.util.Optional;

/**
 * The one rule for an answer that ended normally but is too short to count: no completion tokens
 * at all, or fewer than were forced with {@code ignore_eos}. Shared by the HTTP client and the
 * virtual-time simulator, so that {@code bench} and {@code predict} classify the same answer alike.
 */
public final class AnswerLength {
    private AnswerLength() {
    }

    /**
     * Why the answer is {@link RequestOutcome#SHORT}, or empty when it counts.
     *
     * @param countedByServer the count is the server's {@code usage}, not an estimate from text (an
     *                        estimate is too rough to call a forced answer short)
     */
    public static Optional<String> shortfall(int completionTokens, boolean countedByServer, boolean lengthForced,
                                             int maxTokens) {
        if (completionTokens == 0) {
            return Optional.of("no completion tokens");
        }
        if (lengthForced && countedByServer && completionTokens < maxTokens) {
            return Optional.of(completionTokens + " completion tokens, " + maxTokens + " forced");
        }
        return Optional.empty();
    }
}
