package dev.servebench.bench;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Seeds for runs and for the trials of experiments. Drawn seeds are positive and below 2^40, so they are short
 * to type back ({@code --seed N}) and exact in every JSON reader (JavaScript's numbers are exact to 2^53).
 */
public final class RunSeeds {
    /** Drawn and derived seeds are in [1, BOUND). */
    static final long BOUND = 1L << 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunSeeds() {
    }

    /** A seed no earlier run is likely to have used (one chance in 2^40 per pair of runs). */
    public static long draw() {
        return 1 + Math.floorMod(RANDOM.nextLong(), BOUND - 1);
    }

    /**
     * Trial {@code index} of {@code stream} in an experiment whose seed is {@code experimentSeed}: the same three
     * give the same seed (the experiment replays with {@code --seed}); another index or stream gives another, so
     * no trial sends prompts an earlier trial sent.
     */
    public static long forTrial(long experimentSeed, String stream, int index) {
        long h = mix(experimentSeed);
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xFF));
        }
        h = mix(h ^ (0x9E3779B97F4A7C15L * (index + 1L)));
        return 1 + Math.floorMod(h, BOUND - 1);
    }

    /** SplitMix64's finaliser: every input bit moves every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
