package dev.servebench.sim.text;

/**
 * The simulator's deterministic tokenizer: every 4 characters are one token (the ~4 characters per
 * token of English BPE vocabularies, and the convention benchmark clients use to size prompts).
 * A token's id is a hash of its characters, so equal texts share prefix-cache blocks and
 * different texts do not.
 */
public final class SimTokenizer {
    public static final int CHARS_PER_TOKEN = 4;

    private SimTokenizer() {
    }

    public static int count(String text) {
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    /** One id per token, {@link #count} of them. */
    public static long[] tokenIds(String text) {
        int n = count(text);
        long[] ids = new long[n];
        for (int t = 0; t < n; t++) {
            long h = 0xCBF29CE484222325L;
            int end = Math.min(text.length(), (t + 1) * CHARS_PER_TOKEN);
            for (int i = t * CHARS_PER_TOKEN; i < end; i++) {
                h = (h ^ text.charAt(i)) * 0x100000001B3L;
            }
            ids[t] = h;
        }
        return ids;
    }
}
