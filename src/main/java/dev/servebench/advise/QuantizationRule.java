package dev.servebench.advise;

import dev.servebench.model.Accelerator;
import dev.servebench.model.CheckpointQuantization;
import dev.servebench.model.ModelArchitecture;
import dev.servebench.model.MoeSpec;
import dev.servebench.model.OnlineQuantization;

import java.util.ArrayList;
import java.util.List;

/** Rules C7, C8, Q1, Q2: how the weights are served. */
final class QuantizationRule {

    static final int FP8_BLOCK = 128;

    private QuantizationRule() {
    }

    static ServedWeights choose(ModelArchitecture m, Accelerator gpu, QuantizationRequest request, int tp) {
        CheckpointQuantization stored = m.quantization();
        if (stored instanceof CheckpointQuantization.Mxfp4 && !gpu.arch().nativeFp4() && gpu.isRocm()
                && request == QuantizationRequest.AUTO) {
            return mxfp4WithoutNativeFp4(stored, gpu);
        }
        if (!(stored instanceof CheckpointQuantization.Unquantized)) {
            return servedAsStored(m, stored, request, tp);
        }
        return switch (request) {
            case BF16 -> bf16("requested with --quantization bf16", RuleId.USER);
            case PTPC_FP8 -> ptpc(gpu);
            case FP8 -> {
                ServedWeights fp8 = blockFp8(m, tp, true);
                if (fp8 == null) {
                    throw new AdviceRefusedException(RuleId.C7, "block FP8 needs quantized dimensions divisible by 128, but "
                            + String.join(", ", violations(m, tp, true, true)) + "; use --quantization bf16");
                }
                yield fp8;
            }
            case AUTO -> {
                if (!gpu.supportsFp8()) {
                    yield bf16(gpu.name() + " has no FP8 arithmetic", RuleId.C7);
                }
                ServedWeights fp8 = blockFp8(m, tp, true);
                yield fp8 != null ? fp8 : bf16("FP8 block quantization fails: " + String.join(", ", violations(m, tp, true, true))
                        + "; serving BF16", RuleId.C7);
            }
        };
    }

    /**
     * Rule C8 on CDNA 3: no FP4 arithmetic, but vLLM still serves MXFP4 experts. Its {@code Mxfp4MoEMethod}
     * picks the Triton backend on ROCm (vllm/model_executor/layers/quantization/mxfp4.py,
     * {@code get_mxfp4_backend}: {@code is_rocm() and has_triton_kernels()} -> TRITON), which keeps the packed
     * 4-bit weights and E8M0 scales in memory and dequantizes them to BF16 inside the matmul; vLLM's gpt-oss
     * recipe (vllm-project/recipes OpenAI/GPT-OSS.md, "MI300x/MI325x (gfx942)") serves openai/gpt-oss-120b
     * this way. AITER's native MXFP4 MoE path needs CDNA 4 (gfx950) and stays off (AiterRule).
     */
    private static ServedWeights mxfp4WithoutNativeFp4(CheckpointQuantization stored, Accelerator gpu) {
        return new ServedWeights(stored.label(), OnlineQuantization.NONE, null, false,
                new Decision("quantization", "mxfp4 (4-bit weights, BF16 math)", "the checkpoint is MXFP4 and "
                        + gpu.name() + " (" + gpu.arch() + ") has no FP4 arithmetic, so vLLM serves the experts "
                        + "through its Triton MoE kernels: weights stay 4-bit in memory (" + String.format(
                        java.util.Locale.ROOT, "%.5f", stored.quantizedBytesPerParam()) + " bytes per expert "
                        + "parameter, scales included) and are dequantized to BF16 in the kernel, so the math "
                        + "runs at the BF16 rate; AITER's native MXFP4 path needs CDNA 4 (MI350X/MI355X). "
                        + "Source: vLLM recipes, OpenAI/GPT-OSS.md (MI300x/MI325x, gfx942); vLLM "
                        + "quantization/mxfp4.py (ROCm -> Triton backend)", RuleId.C8));
    }

    private static ServedWeights servedAsStored(ModelArchitecture m, CheckpointQuantization stored,
                                                QuantizationRequest request, int tp) {
        boolean compatible = request == QuantizationRequest.AUTO || (request == QuantizationRequest.FP8 && stored.isFp8());
        if (!compatible) {
            throw new AdviceRefusedException(RuleId.Q2, "the checkpoint is already " + stored.label()
                    + " and cannot be served as " + request.name().toLowerCase(java.util.Locale.ROOT)
                    + "; use --quantization auto or a BF16 checkpoint");
        }
        if (stored instanceof CheckpointQuantization.BlockFp8) {
            boolean expertParallel = false;
            List<String> bad = violations(m, tp, false, m.quantizationCoversVision());
            if (!bad.isEmpty() && violations(m, tp, true, m.quantizationCoversVision()).isEmpty()) {
                expertParallel = true;
            } else if (!bad.isEmpty()) {
                throw new AdviceRefusedException(RuleId.C7, "this block-FP8 checkpoint needs quantized dimensions divisible "
                        + "by 128, but " + String.join(", ", bad) + "; use another TP or a BF16 checkpoint");
            }
            String why = "checkpoint is block FP8; every sharded dimension at TP " + tp + " divides by 128"
                    + (expertParallel ? " once experts are split whole (expert parallelism)" : "");
            return new ServedWeights(stored.label(), OnlineQuantization.NONE, "fp8", expertParallel,
                    new Decision("quantization", "fp8 (" + stored.label() + ")", why, RuleId.C7));
        }
        return new ServedWeights(stored.label(), OnlineQuantization.NONE, null, false,
                new Decision("quantization", stored.label(), "served as stored; vLLM reads the checkpoint's "
                        + "quantization_config (" + String.format("%.4f", stored.quantizedBytesPerParam())
                        + " bytes per quantized parameter)", RuleId.Q2));
    }

    private static ServedWeights blockFp8(ModelArchitecture m, int tp, boolean coversVision) {
        if (violations(m, tp, false, coversVision).isEmpty()) {
            return fp8Weights(false, "FP8 halves weight bytes (more KV room, fewer bytes per decode step); all "
                    + "quantized dimensions at TP " + tp + " divide by 128");
        }
        if (violations(m, tp, true, coversVision).isEmpty()) {
            MoeSpec moe = m.moe().orElseThrow();
            return fp8Weights(true, "FP8 halves weight bytes; expert width " + moe.expertIntermediateSize() + " / TP "
                    + tp + " = " + moe.expertIntermediateSize() / tp + " is not a multiple of 128, so experts are "
                    + "split whole across ranks (--enable-expert-parallel)");
        }
        return null;
    }

    private static ServedWeights fp8Weights(boolean expertParallel, String why) {
        return new ServedWeights("FP8 (online, from BF16)", OnlineQuantization.FP8, "fp8", expertParallel,
                new Decision("quantization", "fp8", why, RuleId.C7));
    }

    private static ServedWeights bf16(String why, RuleId rule) {
        return new ServedWeights("BF16", OnlineQuantization.NONE, null, false,
                new Decision("quantization", "bf16", why, rule));
    }

    private static ServedWeights ptpc(Accelerator gpu) {
        if (!gpu.isRocm()) {
            throw new AdviceRefusedException(RuleId.Q1, "ptpc_fp8 is a ROCm method and " + gpu.name()
                    + " runs CUDA; use --quantization fp8");
        }
        return new ServedWeights("PTPC FP8 (online, from BF16)", OnlineQuantization.PTPC_FP8, "ptpc_fp8", false,
                new Decision("quantization", "ptpc_fp8", "per-token activation / per-channel weight FP8 on ROCm: "
                        + "no 128-block constraint, halves weight bytes", RuleId.Q1));
    }

    /**
     * Rule C7: the quantized dimensions that break 128-blocks at this TP.
     *
     * @param expertParallel experts kept whole per rank, so their width is not divided by TP
     * @param coversVision whether the vision encoder is quantized too
     */
    static List<String> violations(ModelArchitecture m, int tp, boolean expertParallel, boolean coversVision) {
        List<String> bad = new ArrayList<>();
        check(bad, "hidden_size", m.hiddenSize(), 1);
        if (m.denseLayers() > 0) {
            check(bad, "intermediate_size", m.denseIntermediateSize(), tp);
        }
        m.moe().ifPresent(moe -> {
            check(bad, "moe_intermediate_size", moe.expertIntermediateSize(), expertParallel ? 1 : tp);
            if (moe.sharedIntermediateSize() > 0) {
                check(bad, "shared expert width", moe.sharedIntermediateSize(), tp);
            }
        });
        if (!m.attention().kind().isMla()) {
            check(bad, "attention heads x head_dim", m.attention().heads() * m.attention().headDim(), tp);
        }
        if (coversVision) {
            m.vision().ifPresent(v -> {
                check(bad, "vision hidden_size", v.hiddenSize(), 1);
                check(bad, "vision MLP intermediate_size", v.intermediateSize(), 1);
            });
        }
        return bad;
    }

    private static void check(List<String> bad, String what, int size, int divisor) {
        if (size % divisor != 0 || (size / divisor) % FP8_BLOCK != 0) {
            bad.add(what + " " + size + (divisor > 1 ? " / TP " + divisor + " = " + size / divisor : "")
                    + " is not a multiple of 128");
        }
    }
}
