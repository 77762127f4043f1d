package dev.servebench.dataset;

import dev.servebench.BadInputException;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * Which requests of a dataset are kept, by token counts: a prompt of {@code minInputTokens} to
 * {@code maxInputTokens}, and, where the request has an output length, at least {@code minOutputTokens} of
 * output and at most {@code maxTotalTokens} of prompt plus output. A request without an output length is
 * checked on its prompt alone (its prompt must also fit {@code maxTotalTokens}).
 */
public record LengthFilter(int minInputTokens, int maxInputTokens, int minOutputTokens, int maxTotalTokens) {

    /** Nothing is filtered. */
    public static final LengthFilter NONE = new LengthFilter(0, Integer.MAX_VALUE, 0, Integer.MAX_VALUE);

    /**
     * vLLM's rules for ShareGPT, from {@code sample_sharegpt_requests} in vLLM's
     * {@code benchmarks/benchmark_serving.py} (upstream, January 2025; our copy in
     * {@code shared/peers/vllm-bench/benchmark_serving.py}, lines 131-136):
     * <pre>
     * if prompt_len &lt; 4 or (fixed_output_len is None and output_len &lt; 4):   # Prune too short sequences.
     *     continue
     * if prompt_len &gt; 1024 or prompt_len + output_len &gt; 2048:             # Prune too long sequences.
     *     continue
     * </pre>
     * so a prompt of 4 to 1024 tokens, an answer of at least 4, and at most 2048 together are kept.
     */
    public static final LengthFilter VLLM_SHAREGPT = new LengthFilter(4, 1024, 4, 2048);

    public LengthFilter {
        if (minInputTokens < 0 || minOutputTokens < 0 || maxInputTokens < minInputTokens
                || maxTotalTokens < minInputTokens) {
            throw new BadInputException("length filter " + text(minInputTokens, maxInputTokens, minOutputTokens,
                    maxTotalTokens) + " keeps nothing: minimums must be >= 0 and below the maximums");
        }
    }

    /** ShareGPT: {@link #VLLM_SHAREGPT}, as vLLM's benchmark does; JSONL and HF: {@link #NONE}. */
    public static LengthFilter defaultsFor(DatasetKind kind) {
        return kind == DatasetKind.SHAREGPT ? VLLM_SHAREGPT : NONE;
    }

    /**
     * {@code "none"}, {@code "vllm"} (vLLM's ShareGPT rules), or any of
     * {@code min_input=N,max_input=N,min_output=N,max_total=N}; a key left out does not filter.
     */
    public static LengthFilter parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("none")) {
            return NONE;
        }
        if (t.equals("vllm")) {
            return VLLM_SHAREGPT;
        }
        int[] v = {0, Integer.MAX_VALUE, 0, Integer.MAX_VALUE};
        for (String part : t.split(",", -1)) {
            String item = part.strip();
            int eq = item.indexOf('=');
            String key = eq < 0 ? item : item.substring(0, eq).strip().replace('-', '_');
            int slot = switch (key) {
                case "min_input" -> 0;
                case "max_input" -> 1;
                case "min_output" -> 2;
                case "max_total" -> 3;
                default -> throw new BadInputException("length filter '" + text + "': unknown key '" + key
                        + "'; write none, vllm, or min_input=N,max_input=N,min_output=N,max_total=N");
            };
            try {
                v[slot] = Integer.parseInt(item.substring(eq + 1).strip());
            } catch (NumberFormatException e) {
                throw new BadInputException("length filter '" + text + "': '" + item
                        + "' needs a whole number of tokens, e.g. " + key + "=1024");
            }
        }
        return new LengthFilter(v[0], v[1], v[2], v[3]);
    }

    /** Whether a request with these token counts is kept. */
    public boolean accepts(int promptTokens, OptionalInt outputTokens) {
        if (promptTokens < minInputTokens || promptTokens > maxInputTokens) {
            return false;
        }
        long total = promptTokens;
        if (outputTokens.isPresent()) {
            if (outputTokens.getAsInt() < minOutputTokens) {
                return false;
            }
            total += outputTokens.getAsInt();
        }
        return total <= maxTotalTokens;
    }

    public boolean isNone() {
        return equals(NONE);
    }

    /** For the console: "prompt 4-1024 tokens, output >= 4, prompt+output <= 2048", or "none". */
    public String describe() {
        return isNone() ? "none" : text(minInputTokens, maxInputTokens, minOutputTokens, maxTotalTokens);
    }

    private static String text(int minIn, int maxIn, int minOut, int maxTotal) {
        StringBuilder out = new StringBuilder("prompt ").append(minIn).append('-')
                .append(maxIn == Integer.MAX_VALUE ? "any" : Integer.toString(maxIn)).append(" tokens");
        if (minOut > 0) {
            out.append(", output >= ").append(minOut);
        }
        if (maxTotal != Integer.MAX_VALUE) {
            out.append(", prompt+output <= ").append(maxTotal);
        }
        return out.toString();
    }
}
