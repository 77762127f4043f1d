package dev.servebench.prompt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The study's passage cut to exactly the requested token count with the server's own tokenizer,
 * found once per length by bisecting on the character count (token count grows monotonically with
 * a prefix of the same text).
 */
public final class ExactPrompts implements PromptSource {
    private final TokenCounter counter;
    private final Map<Integer, String> byLength = new ConcurrentHashMap<>();

    public ExactPrompts(TokenCounter counter) {
        this.counter = counter;
    }

    @Override
    public String prompt(int inputTokens, int index) {
        return byLength.computeIfAbsent(inputTokens, this::fit);
    }

    private String fit(int target) {
        String text = PaperPrompts.repeatTo(target * 2 + 16);
        // Largest prefix whose token count is <= target.
        int lo = 1;
        int hi = text.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (counter.count(text.substring(0, mid)) <= target) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return text.substring(0, lo);
    }
}
