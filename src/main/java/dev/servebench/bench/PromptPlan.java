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
 * @param requests               what the requests say: generated, with shared prefixes, from a dataset or a trace
 */
public record PromptPlan(PromptSource prompts, String countedBy, boolean exact, int templateOverheadTokens,
                         RequestSource requests) {
    public static final int UNKNOWN = -1;

    /** Generated prompts only (no dataset, trace or shared prefix). */
    public PromptPlan(PromptSource prompts, String countedBy, boolean exact, int templateOverheadTokens) {
        this(prompts, countedBy, exact, templateOverheadTokens, RequestSource.SYNTHETIC);
    }

    public PromptPlan withTemplateOverhead(int tokens) {
        return new PromptPlan(prompts, countedBy, exact, tokens, requests);
    }

    public PromptPlan withRequests(RequestSource source) {
        return new PromptPlan(prompts, countedBy, exact, templateOverheadTokens, source);
    }
}
