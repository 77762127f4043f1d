package dev.servebench.advise;

import dev.servebench.model.Accelerator;
import dev.servebench.model.ModelArchitecture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules C3, C8 and C12: AMD's AITER kernel library. Off by default (C12); required for competitive
 * MLA throughput, but its MLA kernel takes only some head counts per GPU (C3) and its 4-bit path is
 * MXFP4, which CDNA 3 lacks (C8). When an MLA model cannot use AITER MLA, AITER stays off, as in the study.
 */
final class AiterRule {

    static final String MASTER = "VLLM_ROCM_USE_AITER";

    record Choice(AiterSwitches switches, List<Decision> decisions, Map<String, String> env) {
    }

    private AiterRule() {
    }

    /** C3: head counts per GPU AITER's MLA decode kernel supports in this vLLM version. */
    static boolean mlaHeadsSupported(int headsPerGpu, VllmVersion version) {
        if (VersionGates.reached(VersionGates.C3_AITER_HEADS, version)) {
            return headsPerGpu == 4 || headsPerGpu == 8 || (headsPerGpu > 0 && headsPerGpu % 16 == 0);
        }
        return headsPerGpu == 16 || headsPerGpu == 128;
    }

    static String supportedHeadsText(VllmVersion version) {
        return VersionGates.reached(VersionGates.C3_AITER_HEADS, version)
                ? "4, 8 or a multiple of 16" : "16 or 128 in vLLM <= 0.16";
    }

    /** C8: AITER's 4-bit MLA/MoE path is MXFP4 and needs CDNA 4. */
    static boolean blockedByFourBit(ModelArchitecture m, Accelerator gpu) {
        return gpu.isRocm() && m.quantization().isFourBit() && !gpu.arch().nativeFp4();
    }

    /** Whether some TP could let AITER MLA serve this model (used to order TP candidates). */
    static boolean mlaUsable(ModelArchitecture m, Accelerator gpu) {
        return gpu.isRocm() && m.attention().kind().isMla() && !blockedByFourBit(m, gpu);
    }

    static Choice choose(ModelArchitecture m, Accelerator gpu, int tp, VllmVersion version, boolean fp8Weights) {
        List<Decision> decisions = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        if (!gpu.isRocm()) {
            decisions.add(new Decision("aiter", "n/a", "AITER is AMD's ROCm kernel library; " + gpu.name()
                    + " runs CUDA kernels", RuleId.C12));
            return new Choice(AiterSwitches.OFF, decisions, env);
        }
        boolean mlaModel = m.attention().kind().isMla();
        int headsPerGpu = m.attention().heads() / tp;
        boolean fourBitBlocked = blockedByFourBit(m, gpu);
        String headsWhy = m.attention().heads() + " heads / TP " + tp + " = " + headsPerGpu + " per GPU; AITER MLA "
                + "supports " + supportedHeadsText(version);
        if (mlaModel) {
            boolean headsOk = mlaHeadsSupported(headsPerGpu, version);
            if (!headsOk || fourBitBlocked) {
                decisions.add(new Decision("aiter", "off", (headsOk ? "" : headsWhy + ", so ")
                        + "AITER off and Triton MLA serves attention (much slower)"
                        + (fourBitBlocked ? "; also its 4-bit path is MXFP4, which " + gpu.arch() + " lacks" : ""),
                        headsOk ? RuleId.C8 : RuleId.C3));
                if (fourBitBlocked && !headsOk) {
                    decisions.add(new Decision("aiter-4bit", "unavailable", m.quantization().label()
                            + " weights would take AITER's MXFP4 path, which needs CDNA 4 (gfx950)", RuleId.C8));
                }
                env.put(MASTER, "0");
                return new Choice(AiterSwitches.OFF, decisions, env);
            }
        }
        boolean moe = m.isMoe() && !fourBitBlocked;
        boolean fp8bmm = mlaModel && fp8Weights;
        AiterSwitches sw = new AiterSwitches(true, true, moe, true, !mlaModel, mlaModel, fp8bmm);
        decisions.add(new Decision("aiter", "on", (mlaModel ? "required for competitive MLA throughput; " : "")
                + "VLLM_ROCM_USE_AITER=1 turns on its LINEAR, RMSNORM" + (sw.moe() ? ", MOE" : "")
                + (sw.mha() ? ", MHA" : "") + (sw.mla() ? ", MLA" : "") + (fp8bmm ? ", FP8BMM" : "")
                + " kernels (each defaults on)", RuleId.C12));
        if (mlaModel) {
            decisions.add(new Decision("aiter-mla", "on", headsWhy, RuleId.C3));
        }
        if (fp8bmm) {
            decisions.add(new Decision("aiter-fp8bmm", "on", "FP8 batched-matmul kernels for MLA's FP8 weights; "
                    + "they add about 3 minutes of warm-up on first start", RuleId.C12));
        }
        env.put(MASTER, "1");
        if (m.isMoe() && !moe) {
            env.put("VLLM_ROCM_USE_AITER_MOE", "0");
            decisions.add(new Decision("aiter-moe", "off", m.quantization().label()
                    + " experts would take AITER's MXFP4 path, which needs CDNA 4", RuleId.C8));
        }
        return new Choice(sw, decisions, env);
    }
}
