package dev.servebench.model;

import dev.servebench.BadInputException;
import java.util.List;
import java.util.regex.Pattern;

/** How a checkpoint stores its weights, read from {@code quantization_config}. */
public sealed interface CheckpointQuantization {

    /** Short label for plans and reports. */
    String label();

    /** Bytes one parameter of a quantized layer occupies, scales included. */
    double quantizedBytesPerParam();

    /**
     * Whether the layer with this module name is stored quantized. Embeddings, norms and routers
     * never are (vLLM builds them without a quant method), so callers only ask about linear layers.
     */
    boolean quantizes(String moduleName);

    /** Bytes per parameter of tensors the scheme leaves alone (embeddings, norms, ignored layers). */
    default double unquantizedBytesPerParam() {
        return 2.0;
    }

    /** Unquantized checkpoint; {@code bytesPerParam} from {@code torch_dtype} (2 for bf16/fp16). */
    record Unquantized(String dtype, double bytesPerParam) implements CheckpointQuantization {
        public static final Unquantized BF16 = new Unquantized("bf16", 2.0);

        @Override public String label() { return dtype.toUpperCase(java.util.Locale.ROOT); }
        @Override public double quantizedBytesPerParam() { return bytesPerParam; }
        @Override public boolean quantizes(String moduleName) { return false; }
        @Override public double unquantizedBytesPerParam() { return bytesPerParam; }
    }

    /**
     * DeepSeek-style block FP8: e4m3 weights with one fp32 scale per {@code blockN x blockK} tile.
     * Every sharded dimension must stay divisible by the block (rule C7).
     */
    record BlockFp8(int blockN, int blockK) implements CheckpointQuantization {
        @Override public String label() { return "FP8 block " + blockN + "x" + blockK; }
        @Override public double quantizedBytesPerParam() { return 1.0 + 4.0 / ((double) blockN * blockK); }
        @Override public boolean quantizes(String moduleName) { return !moduleName.equals("lm_head"); }
    }

    /** FP8 with per-channel or per-tensor scales ({@code fbgemm_fp8}, or {@code fp8} without blocks). */
    record ChannelFp8(String method) implements CheckpointQuantization {
        @Override public String label() { return "FP8 (" + method + ")"; }
        // One fp32 scale per output row is negligible next to the row itself.
        @Override public double quantizedBytesPerParam() { return 1.0; }
        @Override public boolean quantizes(String moduleName) { return !moduleName.equals("lm_head"); }
    }

    /**
     * compressed-tensors integer weights in groups sharing a bf16 scale, e.g. Kimi's INT4 QAT
     * (0.5 + 2/32 = 0.5625 bytes per parameter). {@code ignore} holds module names or
     * {@code re:} patterns left unquantized.
     */
    record IntGroup(int bits, int groupSize, List<String> ignore) implements CheckpointQuantization {
        public IntGroup {
            ignore = List.copyOf(ignore);
            if (bits <= 0 || groupSize <= 0) {
                throw new BadInputException("compressed-tensors weights need num_bits and group_size > 0");
            }
        }

        @Override public String label() { return "INT" + bits + " group " + groupSize + " (compressed-tensors)"; }
        @Override public double quantizedBytesPerParam() { return bits / 8.0 + 2.0 / groupSize; }

        @Override public boolean quantizes(String moduleName) {
            for (String rule : ignore) {
                if (rule.startsWith("re:")) {
                    if (Pattern.compile(rule.substring(3)).matcher(moduleName).matches()) {
                        return false;
                    }
                } else if (moduleName.equals(rule) || moduleName.endsWith("." + rule)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * OCP MXFP4: 4-bit e2m1 values with one e8m0 scale per 32 (0.5 + 1/32 = 0.53125 bytes, 4.25 bits per
     * parameter). vLLM's {@code Mxfp4Config} quantizes only fused-MoE experts (its linear layers are either
     * skipped or "not implemented"), so a module is MXFP4 when it is a routed expert and no
     * {@code modules_to_not_convert} glob (e.g. {@code model.layers.*.self_attn}) covers it. gpt-oss keeps
     * attention, router, embeddings and lm_head in BF16 this way.
     *
     * @param modulesToNotConvert globs from {@code quantization_config.modules_to_not_convert}; {@code *}
     *        matches any run of characters, and a glob covers a module and everything under it
     */
    record Mxfp4(List<String> modulesToNotConvert) implements CheckpointQuantization {
        public Mxfp4 {
            modulesToNotConvert = List.copyOf(modulesToNotConvert);
        }

        public Mxfp4() {
            this(List.of());
        }

        @Override public String label() { return "MXFP4"; }
        @Override public double quantizedBytesPerParam() { return 0.5 + 1.0 / 32; }

        @Override public boolean quantizes(String moduleName) {
            if (!moduleName.contains(".experts.")) {
                return false;
            }
            for (String glob : modulesToNotConvert) {
                if (globCovers(glob, moduleName)) {
                    return false;
                }
            }
            return true;
        }

        /** Whether {@code glob} names {@code module} or one of its ancestors. */
        static boolean globCovers(String glob, String module) {
            StringBuilder regex = new StringBuilder();
            for (String part : glob.split("\\*", -1)) {
                if (!regex.isEmpty()) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(part));
            }
            return Pattern.compile(regex + "(\\..*)?").matcher(module).matches();
        }
    }

    default boolean isFp8() {
        return this instanceof BlockFp8 || this instanceof ChannelFp8;
    }

    default boolean isFourBit() {
        return this instanceof Mxfp4 || (this instanceof IntGroup g && g.bits() == 4);
    }
}
