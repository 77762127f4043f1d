package dev.servebench.sim.text;

import dev.servebench.BadInputException;

/**
 * How long the simulated model's answers are when a request does not force its length
 * ({@code ignore_eos}): real models stop at an end-of-sequence token, so most answers end before
 * {@code max_tokens} and their lengths vary. Lengths are deterministic per request id.
 */
public sealed interface AnswerLengths {
    /** Never stops on its own: every answer runs to {@code max_tokens}, as with {@code ignore_eos}. */
    AnswerLengths UNTIL_MAX_TOKENS = new UntilMaxTokens();

    /** Output tokens after which the model emits EOS; 0 means never. */
    int naturalLength(long requestId);

    /** For target names and startup lines: empty when answers run to max_tokens (the long-standing default). */
    default String describe() {
        return this instanceof Geometric g
                ? String.format(java.util.Locale.ROOT, ", answers stop at EOS after %.0f tokens on average",
                g.meanTokens()) : "";
    }

    record UntilMaxTokens() implements AnswerLengths {
        @Override
        public int naturalLength(long requestId) {
            return 0;
        }
    }

    /**
     * EOS with the same probability {@code 1 / meanTokens} after every token: geometric lengths on
     * 1, 2, … with the given mean (before {@code max_tokens} cuts them), the memoryless stop a
     * sampled model approximates when nothing in the prompt fixes the answer's length.
     */
    record Geometric(double meanTokens, long seed) implements AnswerLengths {
        public Geometric {
            if (!(meanTokens >= 1) || Double.isInfinite(meanTokens)) {
                throw new BadInputException("mean answer length must be a finite number of tokens >= 1, got "
                        + meanTokens);
            }
        }

        @Override
        public int naturalLength(long requestId) {
            if (meanTokens == 1) {
                return 1;
            }
            double u = uniform(requestId);
            // Inverse CDF of the geometric distribution: P(L > k) = (1 - p)^k.
            double length = Math.ceil(Math.log1p(-u) / Math.log1p(-1 / meanTokens));
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, length));
        }

        /** The mean of {@code min(L, maxTokens)}: what a run capped at {@code maxTokens} averages. */
        public double cappedMean(int maxTokens) {
            double q = 1 - 1 / meanTokens;
            return (1 - Math.pow(q, maxTokens)) * meanTokens;
        }

        /** A uniform number in [0, 1) from the seed and the request id (SplitMix64 finaliser). */
        private double uniform(long requestId) {
            long z = seed + requestId * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            return (z >>> 11) * 0x1.0p-53;
        }
    }
}
