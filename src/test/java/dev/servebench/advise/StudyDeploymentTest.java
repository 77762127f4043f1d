package dev.servebench.advise;

import dev.servebench.model.AttentionKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The study's four deployments (data/mi325x-study.json) on 8x MI325X with vLLM 0.14.1, reproduced
 * from the rules: TP, block size, AITER switches, VSKIP, quantization, FP8-KV and offload eligibility.
 */
class StudyDeploymentTest {

    @Test
    void deepseekV32() {
        DeploymentPlan p = Plans.plan("deepseek-v3.2", "mi325x");
        assertThat(p.architecture().attention().kind()).isEqualTo(AttentionKind.SPARSE_MLA);
        assertThat(p.tp()).isEqualTo(8);
        assertThat(p.blockSize()).isEqualTo(1);
        assertThat(p.aiter().master()).isTrue();
        assertThat(p.aiter().mha()).isFalse();
        assertThat(p.aiter().mla()).isTrue();
        assertThat(p.aiter().moe()).isTrue();
        assertThat(p.env()).containsEntry("VLLM_ROCM_USE_AITER", "1").containsEntry("AITER_ENABLE_VSKIP", "0");
        assertThat(p.servingArgs()).containsSequence("--block-size", "1").containsSequence("--quantization", "fp8");
        assertThat(p.fp8KvEligible()).isFalse();
        assertThat(p.kvOffloadEligible()).isFalse();
    }

    @Test
    void llama405b() {
        DeploymentPlan p = Plans.plan("llama-3.1-405b", "mi325x");
        assertThat(p.tp()).isEqualTo(8);
        assertThat(p.blockSize()).isEqualTo(16);
        assertThat(p.aiter().master()).isTrue();
        assertThat(p.aiter().mha()).isTrue();
        assertThat(p.aiter().mla()).isFalse();
        assertThat(p.aiter().moe()).isFalse();
        assertThat(p.env()).containsEntry("VLLM_ROCM_USE_AITER", "1").doesNotContainKey("AITER_ENABLE_VSKIP");
        assertThat(p.servingArgs()).containsSequence("--quantization", "fp8").containsSequence("--max-model-len", "32768");
        assertThat(p.fp8KvEligible()).isTrue();
        assertThat(p.kvOffloadEligible()).isTrue();
    }

    @Test
    void qwen3Vl235b() {
        DeploymentPlan p = Plans.plan("qwen3-vl-235b-a22b", "mi325x");
        assertThat(p.tp()).isEqualTo(8);
        assertThat(p.blockSize()).isEqualTo(16);
        assertThat(p.aiter().master()).isTrue();
        assertThat(p.aiter().mha()).isTrue();
        assertThat(p.aiter().mla()).isFalse();
        assertThat(p.aiter().moe()).isTrue();
        assertThat(p.env()).containsEntry("VLLM_ROCM_USE_AITER", "1").doesNotContainKey("AITER_ENABLE_VSKIP");
        assertThat(p.weights().label()).isEqualTo("BF16");
        assertThat(p.decision("quantization").rule()).isEqualTo(RuleId.C7);
        assertThat(p.decision("quantization").why()).contains("4304");
        assertThat(p.servingArgs()).doesNotContain("--quantization")
                .containsSequence("--kv-offloading-backend", "native").containsSequence("--kv-offloading-size", "64");
        assertThat(p.fp8KvEligible()).isTrue(); // eligible; the study did not use it (fp8_kv false)
        assertThat(p.kvCacheDtype().vllmName()).isEqualTo("auto");
        assertThat(p.kvOffloadEligible()).isTrue();
        assertThat(p.kvOffloadEnabled()).isTrue();
    }

    /**
     * The study kept TP 4 from an earlier attempt; AITER is unusable for Kimi on MI325X at any TP
     * (its 4-bit path is MXFP4, C8), so nothing rewards leaving GPUs idle and the advisor
     * recommends TP 8 with Triton MLA. At TP 8 AITER MLA would also fail C3: 64 / 8 = 8 heads per GPU.
     */
    @Test
    void kimiK25UsesAllGpusWithAiterOff() {
        DeploymentPlan p = Plans.plan("kimi-k2.5", "mi325x");
        assertThat(p.tp()).isEqualTo(8);
        assertThat(p.dp()).isEqualTo(1);
        assertThat(p.blockSize()).isEqualTo(1);
        assertThat(p.aiter().master()).isFalse();
        assertThat(p.env()).containsEntry("VLLM_ROCM_USE_AITER", "0").doesNotContainKey("AITER_ENABLE_VSKIP");
        Decision aiter = p.decision("aiter");
        assertThat(aiter.rule()).isEqualTo(RuleId.C3);
        assertThat(aiter.why()).contains("64 heads / TP 8 = 8 per GPU").contains("16 or 128");
        assertThat(p.decision("aiter-4bit").rule()).isEqualTo(RuleId.C8);
        assertThat(p.weights().label()).startsWith("INT4");
        assertThat(p.fp8KvEligible()).isFalse();
        assertThat(p.kvOffloadEligible()).isFalse();
        assertThat(p.decision("tensor-parallel-size").why()).contains("no kernel reason to use fewer GPUs");
    }

    @Test
    void studyTp4ForKimiIsValidAndKeepsAiterOff() {
        DeploymentPlan p = Advisor.plan(Plans.request("kimi-k2.5", "mi325x").withTp(4));
        assertThat(p.tp()).isEqualTo(4);
        assertThat(p.dp()).isEqualTo(2);
        assertThat(p.aiter().master()).isFalse();
        assertThat(p.decision("aiter").rule()).isEqualTo(RuleId.C8);
        assertThat(p.memory().weightGibPerGpu()).isBetween(145 * 0.9, 145 * 1.1);
    }

    @Test
    void memoryFiguresComeFromTheSharedModel() {
        DeploymentPlan ds = Plans.plan("deepseek-v3.2", "mi325x");
        assertThat(ds.memory().kvBytesPerTokenPerGpu()).isEqualTo(70_272);
        assertThat(ds.memory().weightGibPerGpu()).isBetween(83 * 0.9, 83 * 1.1);
        assertThat(ds.parameters().totalBillions()).isBetween(685 * 0.97, 685 * 1.03);
        assertThat(ds.parameters().activeBillions()).isBetween(37 * 0.97, 37 * 1.03);
        DeploymentPlan llama = Plans.plan("llama-3.1-405b", "mi325x");
        assertThat(llama.memory().kvBytesPerTokenPerGpu()).isEqualTo(64_512);
        assertThat(llama.memory().loadReportedGibPerGpu()).isBetween(112 * 0.9, 112 * 1.1);
        DeploymentPlan vl = Plans.plan("qwen3-vl-235b-a22b", "mi325x");
        assertThat(vl.memory().kvBytesPerTokenPerGpu()).isEqualTo(48_128);
        assertThat(vl.memory().weightGibPerGpu()).isBetween(58 * 0.9, 58 * 1.1);
        // tokens x bytes per token must fit in the KV budget, and sequences = tokens / context.
        assertThat(ds.memory().kvCapacityTokens() * ds.memory().kvBytesPerTokenPerGpu())
                .isLessThanOrEqualTo((long) (ds.memory().kvGibPerGpu() * (1L << 30)));
        assertThat(ds.memory().concurrentSequences()).isEqualTo(ds.memory().kvCapacityTokens() / 32_768);
    }
}
