package dev.servebench.plan;

import dev.servebench.prompt.PromptSource;
import dev.servebench.prompt.WordPrompts;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A plan's prompts: each request's own first token (its number, 8 characters: two of the simulator's 4-character
 * tokens) before one shared body of the length, built once. Every prompt is new from its first block, as random
 * prompts are, at a fraction of the cost of drawing thousands of words per request (most of a plan's CPU).
 */
final class PlanPrompts implements PromptSource {
    private static final int HEADER_TOKENS = 2;
    private final WordPrompts words = WordPrompts.estimated(42);
    private final Map<Integer, String> bodies = new ConcurrentHashMap<>();

    @Override
    public String prompt(int inputTokens, int index) {
        if (inputTokens <= HEADER_TOKENS) {
            return words.prompt(inputTokens, index);
        }
        String body = bodies.computeIfAbsent(inputTokens - HEADER_TOKENS, n -> words.prompt(n, 0));
        return String.format(Locale.ROOT, "%07x ", index & 0x0FFFFFFF) + body;
    }
}
