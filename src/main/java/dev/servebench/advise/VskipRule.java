package dev.servebench.advise;

import dev.servebench.model.Accelerator;
import dev.servebench.model.GpuArch;
import dev.servebench.model.ModelArchitecture;

import java.util.Optional;

/** Rule C10: AITER's fused MoE for DeepSeek-family models faults on CDNA 3 unless VSKIP is off. */
final class VskipRule {

    static final String ENV = "AITER_ENABLE_VSKIP";

    private VskipRule() {
    }

    /** The decision, when the rule concerns this plan at all. */
    static Optional<Decision> choose(ModelArchitecture m, Accelerator gpu, AiterSwitches aiter) {
        if (!gpu.isRocm() || !m.isDeepseekFamilyMoe() || !aiter.moe()) {
            return Optional.empty();
        }
        if (gpu.arch() == GpuArch.CDNA3) {
            return Optional.of(new Decision(ENV, "0", "DeepSeek-family fused MoE through AITER on CDNA 3 hits "
                    + "memory-aperture violations unless VSKIP is off", RuleId.C10));
        }
        return Optional.of(new Decision(ENV, "default", "the VSKIP workaround is for CDNA 3; "
                + gpu.arch() + " runs the fused MoE as is", RuleId.C10));
    }
}
