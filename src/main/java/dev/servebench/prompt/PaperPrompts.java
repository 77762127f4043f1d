package dev.servebench.prompt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The study's method: one fixed four-sentence passage repeated to ~4 characters per token. Every
 * request of a length gets the same text, so a server with prefix caching sees a warm cache.
 */
public final class PaperPrompts implements PromptSource {
    static final String PASSAGE = "The quick brown fox jumps over the lazy dog near the riverbank. "
            + "Scientists have long studied how large language models process and generate text. "
            + "Performance benchmarks help engineers understand the capabilities of inference servers. "
            + "Each request in this benchmark measures latency, throughput and the stability of the system. ";
    static final int CHARS_PER_TOKEN = 4;

    private final Map<Integer, String> byLength = new ConcurrentHashMap<>();

    @Override
    public String prompt(int inputTokens, int index) {
        return byLength.computeIfAbsent(inputTokens, PaperPrompts::repeatTo);
    }

    static String repeatTo(int inputTokens) {
        int chars = inputTokens * CHARS_PER_TOKEN;
        StringBuilder sb = new StringBuilder(chars + PASSAGE.length());
        while (sb.length() < chars) {
            sb.append(PASSAGE);
        }
        sb.setLength(chars);
        return sb.toString().strip();
    }
}
