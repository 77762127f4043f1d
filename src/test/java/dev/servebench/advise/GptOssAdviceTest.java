package dev.servebench.advise;

import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.Component;
import dev.servebench.model.KvCacheSize;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.model.ParameterCounter;
import dev.servebench.model.WeightFootprint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code advise --model gpt-oss-120b --gpu mi300x} (8 GPUs by default) plans instead of refusing (issue 13). */
class GptOssAdviceTest {

    @ParameterizedTest
    @CsvSource({"mi300x, 8", "mi300x, 1", "mi325x, 8"})
    void gptOssOnCdna3IsPlannedAtMxfp4Size(String gpu, int gpus) {
        DeploymentPlan p = Advisor.plan(AdviseRequest.of(ModelCatalogue.load("gpt-oss-120b"),
                AcceleratorCatalogue.get(gpu), gpus));
        assertThat(p.weights().label()).isEqualTo("MXFP4");
        assertThat(p.decision("quantization").rule()).isEqualTo(RuleId.C8);
        assertThat(p.decision("quantization").why()).contains("BF16 rate", "Triton MoE");
        assertThat(p.aiter().moe()).as("AITER's MXFP4 MoE stays off on CDNA 3").isFalse();
        assertThat(p.modelRef()).isEqualTo("openai/gpt-oss-120b");
        // Weight memory: experts at 0.53125 bytes/param split over TP, everything else at most whole BF16.
        var params = ParameterCounter.count(p.architecture());
        double expertsGib = params.total(Component.ROUTED_EXPERTS) * 0.53125 / p.tp() / WeightFootprint.GIB;
        double restGib = (params.totalParams() - params.total(Component.ROUTED_EXPERTS)) * 2.0 / WeightFootprint.GIB;
        assertThat(p.memory().weightGibPerGpu()).isBetween(expertsGib, expertsGib + restGib);
        // Sliding layers hold only their window: more full-context sequences than tokens / context.
        long perSequence = KvCacheSize.bytesPerSequencePerGpu(p.architecture(), p.tp(), p.kvCacheDtype(),
                p.memory().contextTokens(), BlockSizeRule.DEFAULT_BLOCK);
        assertThat(p.memory().concurrentSequences())
                .isEqualTo((long) (p.memory().kvGibPerGpu() * WeightFootprint.GIB / perSequence) * p.dp())
                .isGreaterThan(p.memory().kvCapacityTokens() / p.memory().contextTokens() * p.dp());
    }

    @ParameterizedTest
    @CsvSource({"mi300x, 8", "mi355x, 8", "h200, 8"})
    void llama33IsPlanned(String gpu, int gpus) {
        DeploymentPlan p = Advisor.plan(AdviseRequest.of(ModelCatalogue.load("llama-3.3-70b-instruct"),
                AcceleratorCatalogue.get(gpu), gpus));
        assertThat(p.modelRef()).isEqualTo("meta-llama/Llama-3.3-70B-Instruct");
        assertThat(p.memory().kvCapacityTokens()).isPositive();
    }
}
