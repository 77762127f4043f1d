package dev.servebench.prompt;

/** Makes the prompt text for request {@code index} of a level. Thread-safe. */
public interface PromptSource {
    String prompt(int inputTokens, int index);
}
