package dev.servebench.bench;

import java.util.Locale;

/** How prompts of a target length are made. */
public enum PromptMode {
    /** The study's fixed passage repeated at ~4 characters per token; prefix caching can flatter the server. */
    PAPER,
    /** Unique random words per request; defeats prefix caching. */
    RANDOM,
    /** The fixed passage cut to the exact token count using the server's /tokenize endpoint. */
    EXACT;

    public static PromptMode parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown prompt mode '" + text + "'; use paper, random or exact");
        }
    }
}
