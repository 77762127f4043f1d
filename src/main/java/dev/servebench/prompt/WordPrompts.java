package dev.servebench.prompt;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Unique prompts of an exact token count, the way vLLM's {@code random} dataset makes them (random
 * tokens, so no two requests share a prefix a cache could serve), but from words rather than token
 * ids so no local copy of the model's tokenizer is needed: each prompt is {@code n} words drawn at
 * random, seeded by (seed, index), from {@link SingleTokenWords} (words the served model's tokenizer
 * turns into exactly one token each in running text). Every word is three letters, so the text is
 * also exactly four characters per token, the rule servers without a tokenizer are sized by.
 *
 * <p>{@code wordsPerPrompt} corrects the count by the tokenizer's start-of-text effect measured on
 * sample prompts (see {@link SingleTokenWords#startCorrection}); {@code verifier}, when given,
 * checks every prompt against a local tokenizer and adjusts it by whole words.
 */
public final class WordPrompts implements PromptSource {
    private static final int MAX_ADJUSTMENTS = 8;

    private final List<String> words;
    private final long seed;
    private final int startCorrection;
    private final TokenCounter verifier;

    public WordPrompts(List<String> words, long seed, int startCorrection, TokenCounter verifier) {
        if (words.size() < SingleTokenWords.MIN_WORDS) {
            throw new IllegalArgumentException("need at least " + SingleTokenWords.MIN_WORDS + " words, got "
                    + words.size());
        }
        this.words = List.copyOf(words);
        this.seed = seed;
        this.startCorrection = startCorrection;
        this.verifier = verifier;
    }

    /** Sized by the four-characters-per-token rule only (no tokenizer known). */
    public static WordPrompts estimated(long seed) {
        return new WordPrompts(SingleTokenWords.CANDIDATES, seed, 0, null);
    }

    @Override
    public String prompt(int inputTokens, int index) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        int n = Math.max(1, inputTokens - startCorrection);
        StringBuilder sb = new StringBuilder(n * 4);
        for (int i = 0; i < n; i++) {
            append(sb, random);
        }
        if (verifier == null) {
            return sb.toString();
        }
        // Whole words only: each changes the count by one token in running text.
        for (int round = 0; round < MAX_ADJUSTMENTS; round++) {
            int diff = verifier.count(sb.toString()) - inputTokens;
            if (diff == 0) {
                break;
            }
            if (diff > 0) {
                int cut = sb.lastIndexOf(" ");
                if (cut <= 0) {
                    break;
                }
                sb.setLength(cut);
            } else {
                append(sb, random);
            }
        }
        return sb.toString();
    }

    /**
     * Words seeded by {@code key} in a space apart from {@link #prompt}'s indexes, with no start
     * correction: in running text every word is one token, so pieces joined by a space add up.
     */
    @Override
    public String continuation(int tokens, long key) {
        SplittableRandom random = new SplittableRandom((seed * 1_000_003L) ^ (key * 0x9E3779B97F4A7C15L) ^ 0x5DEECE66DL);
        StringBuilder sb = new StringBuilder(tokens * 4);
        for (int i = 0; i < tokens; i++) {
            append(sb, random);
        }
        return sb.toString();
    }

    private void append(StringBuilder sb, SplittableRandom random) {
        if (!sb.isEmpty()) {
            sb.append(' ');
        }
        sb.append(words.get(random.nextInt(words.size())));
    }
}
