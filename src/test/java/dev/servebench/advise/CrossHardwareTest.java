package dev.servebench.advise;

import dev.servebench.model.KvCacheDtype;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The same models on H200, MI355X and newer vLLM releases: the answers the rules imply change. */
class CrossHardwareTest {

    @Test
    void deepseekOnH200UsesCudaKernels() {
        DeploymentPlan p = Plans.plan("deepseek-v3.2", "h200");
        assertThat(p.tp()).isEqualTo(8);
        assertThat(p.blockSize()).isEqualTo(64);
        assertThat(p.aiter()).isEqualTo(AiterSwitches.OFF);
        assertThat(p.env()).isEmpty();
        assertThat(p.kvCacheDtype()).isEqualTo(KvCacheDtype.FP8_DS_MLA);
        assertThat(p.memory().kvBytesPerTokenPerGpu()).isEqualTo(61 * 656);
    }

    @Test
    void kimiOnH200UsesFlashMlaBlocks() {
        DeploymentPlan p = Plans.plan("kimi-k2.5", "h200");
        assertThat(p.tp()).isEqualTo(8);
        assertThat(p.blockSize()).isEqualTo(64);
        assertThat(p.env()).isEmpty();
        assertThat(p.fp8KvEligible()).isTrue();
    }

    @Test
    void llamaAndQwenVlOnH200HaveNoRocmSwitches() {
        DeploymentPlan llama = Plans.plan("llama-3.1-405b", "h200");
        assertThat(llama.tp()).isEqualTo(8);
        assertThat(llama.env()).isEmpty();
        assertThat(llama.decision("aiter").value()).isEqualTo("n/a");
        assertThat(llama.warnings()).noneMatch(w -> w.contains("ROCm"));
        DeploymentPlan vl = Plans.plan("qwen3-vl-235b-a22b", "h200");
        assertThat(vl.weights().label()).isEqualTo("BF16"); // C7 holds on CUDA too
        assertThat(vl.decision("all-reduce").value()).isEqualTo("custom (default)");
    }

    @Test
    void kimiOnMi355xDropsToTp4SoAiterMlaCanRun() {
        DeploymentPlan p = Plans.plan("kimi-k2.5", "mi355x");
        assertThat(p.tp()).isEqualTo(4);
        assertThat(p.dp()).isEqualTo(2);
        assertThat(p.aiter().master()).isTrue();
        assertThat(p.aiter().mla()).isTrue();
        assertThat(p.aiter().moe()).as("CDNA 4 runs the MXFP4 path").isTrue();
        Decision tp = p.decision("tensor-parallel-size");
        assertThat(tp.rule()).isEqualTo(RuleId.C3);
        assertThat(tp.why()).contains("8 heads per GPU").contains("lost:");
        assertThat(p.servingArgs()).containsSequence("--data-parallel-size", "2");
    }

    @Test
    void deepseekOnMi355xNeedsNoVskip() {
        DeploymentPlan p = Plans.plan("deepseek-v3.2", "mi355x");
        assertThat(p.aiter().mla()).isTrue();
        assertThat(p.env()).containsEntry("VLLM_ROCM_USE_AITER", "1").doesNotContainKey("AITER_ENABLE_VSKIP");
        assertThat(p.decision("AITER_ENABLE_VSKIP").value()).isEqualTo("default");
    }

    @Test
    void newerVllmRelaxesC3C5C9() {
        DeploymentPlan kimi355 = Plans.plan("kimi-k2.5", "mi355x", "0.19.0");
        assertThat(kimi355.tp()).as("C3 relaxed: 8 heads per GPU allowed").isEqualTo(8);
        assertThat(kimi355.aiter().mla()).isTrue();

        DeploymentPlan kimi325 = Plans.plan("kimi-k2.5", "mi325x", "0.19.0");
        assertThat(kimi325.blockSize()).as("C5 relaxed for dense MLA").isEqualTo(16);
        assertThat(kimi325.kvOffloadEligible()).as("C9 fixed").isTrue();
        assertThat(kimi325.aiter().master()).as("C8 still holds on CDNA 3").isFalse();
        assertThat(kimi325.servingArgs()).containsSequence("--attention-backend", "TRITON_MLA");
        assertThat(kimi325.env()).doesNotContainKey("VLLM_ATTENTION_BACKEND");

        DeploymentPlan ds = Plans.plan("deepseek-v3.2", "mi325x", "0.19.0");
        assertThat(ds.blockSize()).as("sparse MLA still 1").isEqualTo(1);
        assertThat(ds.kvOffloadEligible()).isTrue();
    }
}
