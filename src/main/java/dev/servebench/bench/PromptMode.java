package dev.servebench.bench;

import dev.servebench.BadInputException;
import java.util.Locale;

/** How prompts of a target length are made. */
public enum PromptMode {
    /** The study's fixed passage repeated at ~4 characters per token; prefix caching can flatter the server. */
    PAPER,
    /**
     * Unique per request (defeats prefix caching) and exactly the asked token count with the served
     * model's tokenizer (a local tokenizer.json or the server's /tokenize), as vLLM's random dataset.
     */
    RANDOM,
    /**
     * The study's fixed passage cut to the exact token count with a tokenizer. The same text for every
     * request, so a prefix cache answers most of the prefill: for comparing with the study, not for
     * measuring a server. Called {@code exact} before; that name is still accepted.
     */
    PAPER_EXACT;

    public static PromptMode parse(String text) {
        String name = text.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "paper" -> PAPER;
            case "random" -> RANDOM;
            case "paper-exact", "paper_exact", "exact" -> PAPER_EXACT;
            default -> throw new BadInputException("unknown prompt mode '" + text
                    + "'; use random (unique, token-exact), paper or paper-exact");
        };
    }

    /** The name the flag and the workload file take. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
