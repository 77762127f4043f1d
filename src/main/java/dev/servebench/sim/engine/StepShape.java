package dev.servebench.sim.engine;

/**
 * What one engine step computes, as the performance model needs it: for each scheduled sequence
 * the tokens it processes this step and the context already in its KV cache, plus the images
 * whose encoder runs in this step.
 */
public final class StepShape {
    private final int[] newTokens;
    private final int[] contextTokens;
    private final int sequences;
    private final int imagesToEncode;
    private final int imageTokensToEncode;
    private final long totalNewTokens;
    private final int samplingSequences;

    StepShape(int[] newTokens, int[] contextTokens, int sequences, boolean[] samples, int imagesToEncode,
              int imageTokensToEncode) {
        this.newTokens = newTokens;
        this.contextTokens = contextTokens;
        this.sequences = sequences;
        this.imagesToEncode = imagesToEncode;
        this.imageTokensToEncode = imageTokensToEncode;
        long total = 0;
        int sampling = 0;
        for (int i = 0; i < sequences; i++) {
            total += newTokens[i];
            if (samples[i]) {
                sampling++;
            }
        }
        this.totalNewTokens = total;
        this.samplingSequences = sampling;
    }

    /** A step of {@code batch} decodes, each with {@code context} tokens already cached (for tests and tools). */
    public static StepShape decodes(int batch, int context) {
        int[] ones = new int[batch];
        int[] ctx = new int[batch];
        boolean[] samples = new boolean[batch];
        java.util.Arrays.fill(ones, 1);
        java.util.Arrays.fill(ctx, context);
        java.util.Arrays.fill(samples, true);
        return new StepShape(ones, ctx, batch, samples, 0, 0);
    }

    /** One prefill chunk of {@code tokens} starting at {@code context}. */
    public static StepShape prefill(int tokens, int context, int images, int imageTokens) {
        return new StepShape(new int[]{tokens}, new int[]{context}, 1, new boolean[]{true}, images, imageTokens);
    }

    public int sequences() {
        return sequences;
    }

    public int newTokens(int i) {
        return newTokens[i];
    }

    public int contextTokens(int i) {
        return contextTokens[i];
    }

    public long totalNewTokens() {
        return totalNewTokens;
    }

    /** Sequences that sample a token at the end of this step (decodes and final prefill chunks). */
    public int samplingSequences() {
        return samplingSequences;
    }

    public int imagesToEncode() {
        return imagesToEncode;
    }

    public int imageTokensToEncode() {
        return imageTokensToEncode;
    }
}
