package dev.servebench.bench;

import dev.servebench.prompt.PromptSource;

/**
 * How this run's prompts are made and counted, settled once before the first level.
 *
 * @param prompts                the source of each request's text
 * @param countedBy              what counted the tokens, in words for the console and summary.json
 * @param exact                  whether prompts hold exactly the asked token count by that tokenizer
 * @param templateOverheadTokens what the server adds to the text (chat template, BOS), measured with
 *                               one probe request; -1 when unknown
 */
public record PromptPlan(PromptSource prompts, String countedBy, boolean exact, int templateOverheadTokens) {
    public static final int UNKNOWN = -1;

    public PromptPlan withTemplateOverhead(int tokens) {
        return new PromptPlan(prompts, countedBy, exact, tokens);
    }
}
