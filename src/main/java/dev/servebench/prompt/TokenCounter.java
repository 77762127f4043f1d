package dev.servebench.prompt;

/** Counts the tokens a server's tokenizer makes of a text. */
@FunctionalInterface
public interface TokenCounter {
    int count(String text);
}
