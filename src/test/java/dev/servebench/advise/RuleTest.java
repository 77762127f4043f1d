package dev.servebench.advise;

import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.KvCacheDtype;
import dev.servebench.model.ModelConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One test group per rule, on small synthetic configs so that no model name can steer the answer. */
class RuleTest {

    private static DeploymentPlan plan(String json, String gpu, int gpus) {
        return Advisor.plan(Plans.inline(json, gpu, gpus));
    }

    private static final VllmVersion V0141 = VllmVersion.parse("0.14.1");

    @Nested
    class C1HeadsDivisibleByTp {
        private static final String FORTY_HEADS = """
                {"hidden_size": 2560, "num_hidden_layers": 8, "num_attention_heads": 20, "num_key_value_heads": 4,
                 "head_dim": 128, "intermediate_size": 13824, "vocab_size": 32000}""";

        @Test
        void largestLegalTpIsChosenAndTheLossIsStated() {
            DeploymentPlan p = plan(FORTY_HEADS, "mi325x", 8);
            assertThat(p.tp()).isEqualTo(4);
            assertThat(p.dp()).isEqualTo(2);
            assertThat(p.decision("tensor-parallel-size").rule()).isEqualTo(RuleId.C1);
            assertThat(p.decision("tensor-parallel-size").why()).contains("20 heads do not split over 8 GPUs").contains("lost:");
        }

        @Test
        void aGpuCountNoLegalTpDividesUsesAsManyGpusAsItCanInsteadOfRefusing() {
            // DeepSeek V3.2 (128 heads) on 9 GPUs: only TP 1 divides both, and it does not fit. Before,
            // the advice was "use more GPUs"; TP 8 on 8 of the 9 fits, leaving one idle.
            DeploymentPlan p = Advisor.plan(dev.servebench.advise.AdviseRequest.of(
                    dev.servebench.model.ModelCatalogue.load("deepseek-v3.2"),
                    dev.servebench.model.AcceleratorCatalogue.get("mi325x"), 9));
            assertThat(p.tp()).isEqualTo(8);
            assertThat(p.dp()).isEqualTo(1);
            assertThat(p.gpuCount()).isEqualTo(8);
            assertThat(p.decision("tensor-parallel-size").why()).contains("use 8 of them and leave 1 idle",
                    "--gpus 8");
        }

        @Test
        void forcedTpThatDoesNotDivideHeadsIsRefused() {
            assertThatThrownBy(() -> Advisor.plan(Plans.inline(FORTY_HEADS, "mi325x", 6).withTp(3)))
                    .isInstanceOf(AdviceRefusedException.class)
                    .hasMessage("refused by rule C1: --tp 3 does not divide the 20 attention heads; use one of [2, 1]");
        }

        @Test
        void forcedTpMustDivideGpuCount() {
            assertThatThrownBy(() -> Advisor.plan(Plans.inline(Plans.SMALL_GQA, "mi325x", 8).withTp(3)))
                    .hasMessage("refused by rule T1: --tp 3 must divide --gpus 8 (replicas are GPUs / TP); pick a divisor of 8");
        }
    }

    @Nested
    class C2KvHeadsPerGpu {
        @Test
        void kvHeadsReplicatePastTheirCount() {
            String twoKv = Plans.SMALL_GQA.replace("\"num_key_value_heads\": 8", "\"num_key_value_heads\": 2");
            DeploymentPlan p = plan(twoKv, "mi325x", 8);
            Decision d = p.decision("kv-per-gpu");
            assertThat(d.rule()).isEqualTo(RuleId.C2);
            assertThat(d.why()).contains("replicated 4x");
            assertThat(p.memory().kvBytesPerTokenPerGpu()).isEqualTo(8L * 2 * 1 * 128 * 2);
        }

        @Test
        void tpIncompatibleWithKvHeadsIsRefused() {
            String sixKv = """
                    {"hidden_size": 3072, "num_hidden_layers": 4, "num_attention_heads": 24, "num_key_value_heads": 6,
                     "head_dim": 128, "intermediate_size": 8192, "vocab_size": 32000}""";
            assertThatThrownBy(() -> Advisor.plan(Plans.inline(sixKv, "mi325x", 8).withTp(4)))
                    .hasMessageStartingWith("refused by rule C2: --tp 4 neither divides nor is a multiple of the 6 KV heads");
        }
    }

    @Nested
    class C3AiterMlaHeads {
        @Test
        void supportedHeadCountsFollowTheVersion() {
            assertThat(AiterRule.mlaHeadsSupported(16, V0141)).isTrue();
            assertThat(AiterRule.mlaHeadsSupported(128, V0141)).isTrue();
            assertThat(AiterRule.mlaHeadsSupported(8, V0141)).isFalse();
            assertThat(AiterRule.mlaHeadsSupported(32, V0141)).isFalse();
            VllmVersion v017 = VllmVersion.parse("0.17.0");
            assertThat(AiterRule.mlaHeadsSupported(8, v017)).isTrue();
            assertThat(AiterRule.mlaHeadsSupported(32, v017)).isTrue();
            assertThat(AiterRule.mlaHeadsSupported(12, v017)).isFalse();
        }

        @Test
        void bf16MlaWith32HeadsOn8GpusStepsDownToTp2() {
            DeploymentPlan p = plan(Plans.smallMla(32, ""), "mi325x", 8);
            assertThat(p.tp()).isEqualTo(2);   // 32 / 2 = 16 heads per GPU
            assertThat(p.dp()).isEqualTo(4);
            assertThat(p.aiter().mla()).isTrue();
            assertThat(p.decision("tensor-parallel-size").rule()).isEqualTo(RuleId.C3);
        }

        @Test
        void afterTheRelaxationAllGpusAreUsed() {
            DeploymentPlan p = Advisor.plan(Plans.inline(Plans.smallMla(32, ""), "mi325x", 8)
                    .withVersion(VllmVersion.parse("0.17.0")));
            assertThat(p.tp()).isEqualTo(8);   // 4 heads per GPU is allowed from 0.17
            assertThat(p.aiter().mla()).isTrue();
        }

        @Test
        void forcedUnsupportedTpTurnsAiterOffWithTheReason() {
            DeploymentPlan p = Advisor.plan(Plans.inline(Plans.smallMla(32, ""), "mi325x", 8).withTp(8));
            assertThat(p.aiter().master()).isFalse();
            assertThat(p.decision("aiter").rule()).isEqualTo(RuleId.C3);
            assertThat(p.decision("aiter").why()).contains("4 per GPU");
        }
    }

    @Nested
    class C4MlaKvReplicated {
        @Test
        void kvPerGpuIgnoresTp() {
            DeploymentPlan tp2 = Advisor.plan(Plans.inline(Plans.smallMla(32, ""), "h200", 8).withTp(2));
            DeploymentPlan tp8 = Advisor.plan(Plans.inline(Plans.smallMla(32, ""), "h200", 8).withTp(8));
            assertThat(tp2.memory().kvBytesPerTokenPerGpu()).isEqualTo(tp8.memory().kvBytesPerTokenPerGpu())
                    .isEqualTo(8L * 576 * 2);
            assertThat(tp8.decision("kv-per-gpu").rule()).isEqualTo(RuleId.C4);
        }
    }

    @Nested
    class C5BlockSize {
        @Test
        void perStackAndVersion() {
            var mla = ModelConfig.parse("m", Plans.smallMla(16, "")).architecture();
            var sparse = ModelConfig.parse("s", Plans.smallMla(16, ", \"index_topk\": 2048")).architecture();
            var gqa = ModelConfig.parse("g", Plans.SMALL_GQA).architecture();
            var mi325 = AcceleratorCatalogue.get("mi325x");
            VllmVersion v019 = VllmVersion.parse("0.19.0");
            assertThat(BlockSizeRule.choose(mla, mi325, V0141).value()).isEqualTo("1");
            assertThat(BlockSizeRule.choose(mla, mi325, v019).value()).isEqualTo("16");
            assertThat(BlockSizeRule.choose(sparse, mi325, v019).value()).isEqualTo("1");
            assertThat(BlockSizeRule.choose(gqa, mi325, V0141).value()).isEqualTo("16");
            assertThat(BlockSizeRule.choose(mla, AcceleratorCatalogue.get("h100"), V0141).value()).isEqualTo("64");
            assertThat(BlockSizeRule.choose(mla, AcceleratorCatalogue.get("b200"), V0141).value()).isEqualTo("128");
            assertThat(BlockSizeRule.choose(mla, mi325, V0141).rule()).isEqualTo(RuleId.C5);
        }
    }

    @Nested
    class C6KvCacheDtype {
        @Test
        void fp8KvEligibilityByAttentionAndStack() {
            var mi325 = AcceleratorCatalogue.get("mi325x");
            var h200 = AcceleratorCatalogue.get("h200");
            var mla = ModelConfig.parse("m", Plans.smallMla(16, "")).architecture();
            var sparse = ModelConfig.parse("s", Plans.smallMla(16, ", \"index_topk\": 2048")).architecture();
            var gqa = ModelConfig.parse("g", Plans.SMALL_GQA).architecture();
            assertThat(KvCacheRule.choose(mla, mi325, Goal.MAX).fp8Eligible()).isFalse();
            assertThat(KvCacheRule.choose(sparse, mi325, Goal.MAX).dtype()).isEqualTo(KvCacheDtype.AUTO);
            assertThat(KvCacheRule.choose(sparse, h200, Goal.BALANCED).dtype()).isEqualTo(KvCacheDtype.FP8_DS_MLA);
            assertThat(KvCacheRule.choose(gqa, mi325, Goal.BALANCED).dtype()).isEqualTo(KvCacheDtype.AUTO);
            assertThat(KvCacheRule.choose(gqa, mi325, Goal.BALANCED).fp8Eligible()).isTrue();
            assertThat(KvCacheRule.choose(gqa, mi325, Goal.THROUGHPUT).dtype()).isEqualTo(KvCacheDtype.FP8);
            assertThat(KvCacheRule.choose(mla, h200, Goal.THROUGHPUT).dtype()).isEqualTo(KvCacheDtype.FP8);
        }

        @Test
        void throughputGoalEmitsFp8KvAndHalvesBytes() {
            DeploymentPlan p = Advisor.plan(Plans.inline(Plans.SMALL_GQA, "mi325x", 8).withGoal(Goal.THROUGHPUT));
            assertThat(p.servingArgs()).containsSequence("--kv-cache-dtype", "fp8");
            assertThat(p.memory().kvBytesPerTokenPerGpu()).isEqualTo(8L * 2 * 1 * 128);
        }
    }

    @Nested
    class C7BlockFp8Divisibility {
        private static final String MOE_1536 = """
                {"hidden_size": 4096, "num_hidden_layers": 4, "num_attention_heads": 64, "num_key_value_heads": 4,
                 "head_dim": 128, "moe_intermediate_size": 1536, "num_experts": 16, "num_experts_per_tok": 2,
                 "vocab_size": 32000}""";

        @Test
        void expertWidthThatBreaksAtTp8UsesExpertParallelism() {
            DeploymentPlan p = plan(MOE_1536, "mi325x", 8);
            assertThat(p.weights().quantizationFlag()).isEqualTo("fp8");
            assertThat(p.weights().expertParallel()).isTrue();
            assertThat(p.servingArgs()).contains("--enable-expert-parallel");
            assertThat(p.decision("quantization").why()).contains("1536 / TP 8 = 192");
            DeploymentPlan tp4 = Advisor.plan(Plans.inline(MOE_1536, "mi325x", 8).withTp(4));
            assertThat(tp4.weights().expertParallel()).as("1536 / 4 = 384 = 3 x 128").isFalse();
        }

        @Test
        void visionMlpNotDivisibleFallsBackToBf16OnAuto() {
            String vl = Plans.SMALL_GQA.replace("}", ", \"vision_config\": {\"depth\": 4, \"hidden_size\": 1152, "
                    + "\"intermediate_size\": 4304, \"num_heads\": 16}}");
            DeploymentPlan p = plan("{\"text_config\": " + Plans.SMALL_GQA + ", \"vision_config\": {\"depth\": 4, "
                    + "\"hidden_size\": 1152, \"intermediate_size\": 4304, \"num_heads\": 16}}", "h200", 8);
            assertThat(vl).contains("4304");
            assertThat(p.weights().label()).isEqualTo("BF16");
            assertThat(p.decision("quantization").rule()).isEqualTo(RuleId.C7);
        }

        @Test
        void explicitFp8OnSuchAModelIsRefused() {
            String json = "{\"text_config\": " + Plans.SMALL_GQA + ", \"vision_config\": {\"depth\": 4, "
                    + "\"hidden_size\": 1152, \"intermediate_size\": 4304, \"num_heads\": 16}}";
            assertThatThrownBy(() -> Advisor.plan(Plans.inline(json, "mi325x", 8).withQuantization(QuantizationRequest.FP8)))
                    .hasMessage("refused by rule C7: block FP8 needs quantized dimensions divisible by 128, but "
                            + "vision MLP intermediate_size 4304 is not a multiple of 128; use --quantization bf16");
        }

        @Test
        void blockFp8CheckpointWithIndivisibleDenseMlpIsRefused() {
            String json = """
                    {"hidden_size": 4096, "num_hidden_layers": 4, "num_attention_heads": 32, "num_key_value_heads": 8,
                     "head_dim": 128, "intermediate_size": 11008, "vocab_size": 32000,
                     "quantization_config": {"quant_method": "fp8", "weight_block_size": [128, 128]}}""";
            assertThatThrownBy(() -> plan(json, "mi325x", 8))
                    .hasMessage("refused by rule C7: this block-FP8 checkpoint needs quantized dimensions divisible by "
                            + "128, but intermediate_size 11008 / TP 8 = 1376 is not a multiple of 128; use another TP "
                            + "or a BF16 checkpoint");
        }
    }

    @Nested
    class C8Mxfp4NeedsCdna4 {
        private static final String MXFP4 = """
                {"hidden_size": 2880, "num_hidden_layers": 4, "num_attention_heads": 64, "num_key_value_heads": 8,
                 "head_dim": 64, "intermediate_size": 2880, "num_local_experts": 32, "num_experts_per_tok": 4,
                 "vocab_size": 201088, "quantization_config": {"quant_method": "mxfp4"}}""";

        @Test
        void mxfp4CheckpointOnCdna3IsServedThroughTritonAtMxfp4SizeAndBf16Math() {
            // Was refused ("needs native FP4") before; vLLM serves MXFP4 on gfx942 via its Triton MoE path.
            DeploymentPlan p = plan(MXFP4, "mi300x", 8);
            assertThat(p.weights().label()).isEqualTo("MXFP4");
            assertThat(p.weights().online()).isEqualTo(dev.servebench.model.OnlineQuantization.NONE);
            assertThat(p.weights().quantizationFlag()).isNull();
            Decision q = p.decision("quantization");
            assertThat(q.rule()).isEqualTo(RuleId.C8);
            assertThat(q.value()).isEqualTo("mxfp4 (4-bit weights, BF16 math)");
            assertThat(q.why()).contains("Triton MoE", "4-bit in memory", "0.53125 bytes per expert parameter",
                    "BF16 rate", "CDNA 4", "vLLM recipes, OpenAI/GPT-OSS.md");
            assertThat(p.servingArgs()).doesNotContain("--quantization");
        }

        @Test
        void mxfp4OnCdna3KeepsAitersMxfp4MoeOff() {
            DeploymentPlan p = plan(MXFP4, "mi325x", 8);
            assertThat(p.aiter().moe()).isFalse();
            assertThat(p.env()).containsEntry("VLLM_ROCM_USE_AITER_MOE", "0");
            assertThat(p.decision("aiter-moe").rule()).isEqualTo(RuleId.C8);
        }

        @Test
        void mxfp4CheckpointCannotBeServedAsBf16() {
            assertThatThrownBy(() -> Advisor.plan(Plans.inline(MXFP4, "mi300x", 8)
                    .withQuantization(QuantizationRequest.BF16)))
                    .hasMessageContaining("refused by rule Q2: the checkpoint is already MXFP4");
        }

        @Test
        void mxfp4CheckpointOnCdna4IsServed() {
            DeploymentPlan p = plan(MXFP4, "mi355x", 8);
            assertThat(p.weights().label()).isEqualTo("MXFP4");
            assertThat(p.aiter().moe()).isTrue();
        }

        @Test
        void fourBitMlaOnCdna3KeepsAiterOffEvenWithSupportedHeads() {
            String int4 = Plans.smallMla(16, """
                    , "quantization_config": {"quant_method": "compressed-tensors", "config_groups": {"g": {"weights":
                      {"num_bits": 4, "type": "int", "group_size": 32}}}}""");
            DeploymentPlan p = Advisor.plan(Plans.inline(int4, "mi325x", 8).withTp(1));
            assertThat(p.aiter().master()).isFalse();
            assertThat(p.decision("aiter").rule()).isEqualTo(RuleId.C8);
        }
    }

    @Nested
    class C9Offloading {
        @Test
        void gqaEligibleFromTheFlagsOnward() {
            assertThat(plan(Plans.SMALL_GQA, "mi325x", 8).kvOffloadEligible()).isTrue();
            DeploymentPlan old = Advisor.plan(Plans.inline(Plans.SMALL_GQA, "mi325x", 8).withVersion(VllmVersion.parse("0.10.0")));
            assertThat(old.kvOffloadEligible()).isFalse();
            assertThat(old.decision("kv-offloading").why()).contains("0.11.1");
        }

        @Test
        void mlaEligibleOnlyFrom019() {
            assertThat(plan(Plans.smallMla(16, ""), "h200", 8).kvOffloadEligible()).isFalse();
            DeploymentPlan fixed = Advisor.plan(Plans.inline(Plans.smallMla(16, ""), "h200", 8)
                    .withVersion(VllmVersion.parse("0.19.0")).withGoal(Goal.THROUGHPUT));
            assertThat(fixed.kvOffloadEligible()).isTrue();
            assertThat(fixed.servingArgs()).containsSequence("--kv-offloading-backend", "native");
        }
    }

    @Nested
    class C10Vskip {
        @Test
        void onlyForDeepseekFamilyMoeOnCdna3() {
            assertThat(plan(Plans.smallMla(16, ""), "mi300x", 1).env()).containsEntry("AITER_ENABLE_VSKIP", "0");
            assertThat(plan(Plans.smallMla(16, ""), "mi355x", 1).env()).doesNotContainKey("AITER_ENABLE_VSKIP");
            String gqaMoe = """
                    {"hidden_size": 4096, "num_hidden_layers": 4, "num_attention_heads": 32, "num_key_value_heads": 4,
                     "head_dim": 128, "moe_intermediate_size": 1024, "num_experts": 16, "num_experts_per_tok": 2,
                     "vocab_size": 32000}""";
            assertThat(plan(gqaMoe, "mi300x", 8).env()).doesNotContainKey("AITER_ENABLE_VSKIP");
        }
    }

    @Nested
    class C11RemovedFlags {
        @Test
        void multiStepOnlyBeforeV1() {
            DeploymentPlan old = Advisor.plan(Plans.inline(Plans.SMALL_GQA, "h200", 8).withVersion(VllmVersion.parse("0.10.1")));
            assertThat(old.servingArgs()).containsSequence("--num-scheduler-steps", "10").doesNotContain("--async-scheduling");
            DeploymentPlan current = plan(Plans.SMALL_GQA, "h200", 8);
            assertThat(current.servingArgs()).doesNotContain("--num-scheduler-steps").contains("--async-scheduling");
            assertThat(current.env()).doesNotContainKeys("VLLM_USE_V1", "VLLM_USE_TRITON_FLASH_ATTN");
        }

        @Test
        void attentionBackendEnvBecomesAFlag() {
            DeploymentPlan v014 = Advisor.plan(Plans.inline(Plans.smallMla(64, ""), "mi325x", 8).withTp(8));
            assertThat(v014.env()).containsEntry("VLLM_ATTENTION_BACKEND", "TRITON_MLA");
            assertThat(v014.servingArgs()).doesNotContain("--attention-backend");
            DeploymentPlan v015 = Advisor.plan(Plans.inline(Plans.smallMla(64, ""), "mi325x", 8).withTp(8)
                    .withVersion(VllmVersion.parse("0.15.0")));
            assertThat(v015.env()).doesNotContainKey("VLLM_ATTENTION_BACKEND");
            assertThat(v015.servingArgs()).containsSequence("--attention-backend", "TRITON_MLA");
        }
    }

    @Nested
    class C12AiterMaster {
        @Test
        void onForGqaOnRocmAndAbsentOnCuda() {
            DeploymentPlan rocm = plan(Plans.SMALL_GQA, "mi300x", 8);
            assertThat(rocm.env()).containsEntry("VLLM_ROCM_USE_AITER", "1");
            assertThat(rocm.aiter().mha()).isTrue();
            assertThat(rocm.aiter().mla()).isFalse();
            assertThat(rocm.decision("aiter").rule()).isEqualTo(RuleId.C12);
            DeploymentPlan cuda = plan(Plans.SMALL_GQA, "b200", 8);
            assertThat(cuda.env()).doesNotContainKey("VLLM_ROCM_USE_AITER");
            assertThat(cuda.aiter()).isEqualTo(AiterSwitches.OFF);
        }
    }

    @Nested
    class C13VisionEncoder {
        private static final String VL = "{\"text_config\": " + Plans.SMALL_GQA + ", \"vision_config\": {\"depth\": 4, "
                + "\"hidden_size\": 1024, \"intermediate_size\": 4096, \"num_heads\": 16}}";

        @Test
        void dataParallelEncoderWhereSupported() {
            DeploymentPlan p = plan(VL, "mi325x", 8);
            assertThat(p.servingArgs()).containsSequence("--mm-encoder-tp-mode", "data");
            assertThat(p.decision("mm-encoder-tp-mode").rule()).isEqualTo(RuleId.C13);
            assertThat(p.gpuMemoryUtilization()).isEqualTo(0.85);
            DeploymentPlan old = Advisor.plan(Plans.inline(VL, "mi325x", 8).withVersion(VllmVersion.parse("0.10.0")));
            assertThat(old.servingArgs()).doesNotContain("--mm-encoder-tp-mode");
        }
    }

    @Nested
    class C14QuickReduce {
        @Test
        void quantizedAllReduceOnlyForThroughputOnRocmAtTp4To8() {
            DeploymentPlan tput = Advisor.plan(Plans.inline(Plans.SMALL_GQA, "mi325x", 8).withGoal(Goal.THROUGHPUT));
            assertThat(tput.env()).containsEntry("VLLM_ROCM_QUICK_REDUCE_QUANTIZATION", "FP");
            assertThat(plan(Plans.SMALL_GQA, "mi325x", 8).env()).doesNotContainKey("VLLM_ROCM_QUICK_REDUCE_QUANTIZATION");
            DeploymentPlan tp2 = Advisor.plan(Plans.inline(Plans.SMALL_GQA, "mi325x", 2).withGoal(Goal.THROUGHPUT));
            assertThat(tp2.env()).doesNotContainKey("VLLM_ROCM_QUICK_REDUCE_QUANTIZATION");
            DeploymentPlan old = Advisor.plan(Plans.inline(Plans.SMALL_GQA, "mi325x", 8).withGoal(Goal.THROUGHPUT)
                    .withVersion(VllmVersion.parse("0.9.2")));
            assertThat(old.env()).doesNotContainKey("VLLM_ROCM_QUICK_REDUCE_QUANTIZATION");
        }
    }

    @Nested
    class S1S2Scheduling {
        @Test
        void profilesFollowTheGoal() {
            int[][] expected = {{256, 8192}, {512, 16384}, {1024, 32768}, {2048, 65536}};
            Goal[] goals = {Goal.LATENCY, Goal.BALANCED, Goal.THROUGHPUT, Goal.MAX};
            for (int i = 0; i < goals.length; i++) {
                DeploymentPlan p = Advisor.plan(Plans.inline(Plans.SMALL_GQA, "h200", 8).withGoal(goals[i]));
                assertThat(p.servingArgs()).containsSequence("--max-num-seqs", Integer.toString(expected[i][0]))
                        .containsSequence("--max-num-batched-tokens", Integer.toString(expected[i][1]));
            }
            assertThat(Advisor.plan(Plans.inline(Plans.SMALL_GQA, "h200", 8).withGoal(Goal.THROUGHPUT))
                    .gpuMemoryUtilization()).isEqualTo(0.95);
            assertThat(plan(Plans.SMALL_GQA, "h200", 8).gpuMemoryUtilization()).isEqualTo(0.90);
        }
    }

    @Nested
    class M1Fit {
        @Test
        void modelThatDoesNotFitIsRefused() {
            assertThatThrownBy(() -> Advisor.plan(Plans.request("llama-3.1-405b", "h100")
                    .withQuantization(QuantizationRequest.BF16)))
                    .isInstanceOf(AdviceRefusedException.class)
                    .hasMessageStartingWith("refused by rule M1: llama-3.1-405b does not fit on 8 x NVIDIA H100 SXM: at TP 8 "
                            + "each GPU needs ");
        }

        @Test
        void contextLargerThanTheKvPoolIsRefused() {
            // BF16 405B leaves ~2 GiB per H200 for KV under the max profile: not one 131,072-token sequence.
            assertThatThrownBy(() -> Advisor.plan(Plans.request("llama-3.1-405b", "h200").withContext(131_072)
                    .withQuantization(QuantizationRequest.BF16).withGoal(Goal.MAX)))
                    .hasMessageContaining("refused by rule M1: llama-3.1-405b on 8 x NVIDIA H200 SXM leaves")
                    .hasMessageContaining("fewer than one 131,072-token context; lower --context");
        }

        @Test
        void tightMemoryWarnsAboutConcurrency() {
            DeploymentPlan p = Advisor.plan(Plans.request("llama-3.1-405b", "h200").withContext(131_072));
            assertThat(p.warnings()).anyMatch(w -> w.contains("sequences of 131,072 tokens fit"));
        }
    }

    @Nested
    class M2Context {
        @Test
        void contextBeyondTrainedPositionsIsRefused() {
            assertThatThrownBy(() -> Advisor.plan(Plans.inline(Plans.SMALL_GQA, "h200", 8).withContext(100_000)))
                    .hasMessage("refused by rule M2: --context 100000 exceeds max_position_embeddings 65536 of synthetic; "
                            + "lower --context to at most 65536");
        }

        @Test
        void contextBecomesMaxModelLen() {
            DeploymentPlan p = Advisor.plan(Plans.inline(Plans.SMALL_GQA, "h200", 8).withContext(8192));
            assertThat(p.servingArgs()).containsSequence("--max-model-len", "8192");
        }
    }

    @Nested
    class Q1Q2Quantization {
        @Test
        void ptpcIsRocmOnly() {
            assertThatThrownBy(() -> Advisor.plan(Plans.inline(Plans.SMALL_GQA, "h100", 8)
                    .withQuantization(QuantizationRequest.PTPC_FP8)))
                    .hasMessage("refused by rule Q1: ptpc_fp8 is a ROCm method and NVIDIA H100 SXM runs CUDA; use --quantization fp8");
            DeploymentPlan rocm = Advisor.plan(Plans.inline(Plans.SMALL_GQA, "mi300x", 8)
                    .withQuantization(QuantizationRequest.PTPC_FP8));
            assertThat(rocm.servingArgs()).containsSequence("--quantization", "ptpc_fp8");
        }

        @Test
        void preQuantizedCheckpointCannotBeServedAsBf16() {
            assertThatThrownBy(() -> Advisor.plan(Plans.request("deepseek-v3.2", "mi325x")
                    .withQuantization(QuantizationRequest.BF16)))
                    .hasMessage("refused by rule Q2: the checkpoint is already FP8 block 128x128 and cannot be served as "
                            + "bf16; use --quantization auto or a BF16 checkpoint");
        }
    }
}
