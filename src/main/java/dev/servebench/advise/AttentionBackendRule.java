package dev.servebench.advise;

import dev.servebench.model.Accelerator;
import dev.servebench.model.ModelArchitecture;

import java.util.Optional;

/**
 * Rule C11 for attention backends: when AITER is off for an MLA model on ROCm, pin Triton MLA, via
 * the env variable in versions that still read it and via {@code --attention-backend} after.
 */
final class AttentionBackendRule {

    static final String ENV = "VLLM_ATTENTION_BACKEND";
    static final String TRITON_MLA = "TRITON_MLA";

    /** @param viaFlag true for {@code --attention-backend}, false for the env variable */
    record Choice(String backend, boolean viaFlag, Decision decision) {
    }

    private AttentionBackendRule() {
    }

    static Optional<Choice> choose(ModelArchitecture m, Accelerator gpu, AiterSwitches aiter, VllmVersion version) {
        if (!gpu.isRocm() || !m.attention().kind().isMla() || aiter.mla()) {
            return Optional.empty();
        }
        boolean flag = VersionGates.reached(VersionGates.C11_ATTENTION_BACKEND_FLAG, version);
        String how = flag ? "--attention-backend " + TRITON_MLA + " (the " + ENV + " env was removed after 0.14)"
                : ENV + "=" + TRITON_MLA + " (vLLM " + version + " reads the env)";
        return Optional.of(new Choice(TRITON_MLA, flag, new Decision("attention-backend", TRITON_MLA,
                "AITER MLA is off, so Triton MLA is pinned explicitly: " + how, RuleId.C11)));
    }
}
