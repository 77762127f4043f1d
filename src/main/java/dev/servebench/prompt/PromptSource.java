package dev.servebench.prompt;

/** Makes the prompt text for request {@code index} of a level. Thread-safe. */
public interface PromptSource {
    String prompt(int inputTokens, int index);

    /**
     * Text of {@code tokens} tokens that goes after other text (a shared prefix block, a suffix after
     * a group's system prompt), the same for the same {@code key}. Sources without a notion of
     * running text give a prompt of that length.
     */
    default String continuation(int tokens, long key) {
        return prompt(tokens, Long.hashCode(key));
    }
}
