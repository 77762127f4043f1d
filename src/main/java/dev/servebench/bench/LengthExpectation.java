package dev.servebench.bench;

/**
 * What a level asked for, to hold the server's own counts against.
 *
 * @param promptTokens           prompt text length, in the tokens of {@code countedBy}
 * @param templateOverheadTokens what the server adds to the text (chat template, BOS); -1 unknown
 * @param promptExact            prompts were cut to {@code promptTokens} by a real tokenizer
 * @param countedBy              what counted them
 * @param outputTokens           max_tokens
 * @param outputForced           ignore_eos: every answer should be exactly {@code outputTokens}
 */
public record LengthExpectation(int promptTokens, int templateOverheadTokens, boolean promptExact, String countedBy,
                                int outputTokens, boolean outputForced) {

    /**
     * What the level's requests asked for, on average when lengths vary per request (datasets, traces);
     * null for conversations, whose prompts hold a growing history the server counts with its template
     * per message: there is no one length to hold its counts against.
     */
    static LengthExpectation of(RequestFactory asked, boolean ignoreEos, PromptPlan plan) {
        if (asked.conversation().multiTurn()) {
            return null;
        }
        return new LengthExpectation((int) Math.round(asked.meanAskedPromptTokens()), plan.templateOverheadTokens(),
                plan.exact(), plan.countedBy(), (int) Math.round(asked.meanAskedOutputTokens()), ignoreEos);
    }

    /** What the server should count as prompt tokens, when the overhead is known. */
    int expectedServerPromptTokens() {
        return promptTokens + Math.max(0, templateOverheadTokens);
    }
}
