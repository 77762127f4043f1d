package dev.servebench.advise;

import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.sim.cluster.ClusterShape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules P1-P7 and the cluster refusals. */
class ClusterAdviceTest {

    private static ClusterPlan plan(String model, String gpu, String version, int nodes, ClusterShape shape) {
        AdviseRequest base = AdviseRequest.of(ModelCatalogue.load(model), AcceleratorCatalogue.get(gpu), 8)
                .withVersion(VllmVersion.parse(version));
        return ClusterAdvisor.plan(new ClusterRequest(base, nodes, 8, shape));
    }

    private static ClusterPlan llama2P1D(String version) {
        return plan("llama-3.3-70b-instruct", "mi300x", version, 2, ClusterShape.disaggregated("2P1D", 4, 8));
    }

    @Test
    void p2PlacesEveryInstanceInsideOneNode() {
        ClusterPlan c = llama2P1D("0.14.1");
        assertThat(c.role(Role.PREFILL).placements()).extracting(Placement::node, Placement::firstGpu)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 0), org.assertj.core.groups.Tuple.tuple(1, 4));
        assertThat(c.role(Role.DECODE).placements()).singleElement()
                .satisfies(p -> assertThat(p.node()).isZero());
        assertThat(c.decision("placement").value()).isEqualTo("16 of 16 GPUs");
        assertThat(c.role(Role.PREFILL).plan().tp()).isEqualTo(4);
        assertThat(c.role(Role.DECODE).plan().decision("tensor-parallel-size").rule()).isEqualTo(RuleId.P2);
    }

    @Test
    void p3PrefillBatchesMorePromptTokensDecodeKeepsTheGoalsProfile() {
        ClusterPlan c = llama2P1D("0.14.1");
        DeploymentPlan prefill = c.role(Role.PREFILL).plan();
        DeploymentPlan decode = c.role(Role.DECODE).plan();
        assertThat(prefill.profile().maxNumBatchedTokens()).isEqualTo(32768);
        assertThat(prefill.servingArgs()).containsSequence("--max-num-batched-tokens", "32768");
        assertThat(prefill.memory().activationGibPerGpu())
                .as("memory sized with the prefill budget").isGreaterThan(decode.memory().activationGibPerGpu() / 2);
        assertThat(decode.profile().maxNumBatchedTokens()).isEqualTo(16384);
        assertThat(prefill.decision("max-num-seqs / max-num-batched-tokens").rule()).isEqualTo(RuleId.P3);
    }

    @Test
    void p4BothRolesGetTheNixlConnectorReplicasDoNot() {
        ClusterPlan c = llama2P1D("0.14.1");
        for (RolePlan r : c.roles()) {
            assertThat(r.plan().servingArgs()).containsSequence("--kv-transfer-config",
                    "{\"kv_connector\":\"NixlConnector\",\"kv_role\":\"kv_both\"}");
            assertThat(r.plan().decision("kv-transfer-config").why()).contains("between nodes");
        }
        ClusterPlan replicas = plan("llama-3.3-70b-instruct", "mi300x", "0.14.1", 1, new ClusterShape.Aggregated(2, 4));
        assertThat(replicas.role(Role.REPLICA).plan().servingArgs()).doesNotContain("--kv-transfer-config");
    }

    @Test
    void p6HeterogeneousTpOnRocmPinsRocmAttnOnBothRoles() {
        for (RolePlan r : llama2P1D("0.17.0").roles()) {
            assertThat(r.plan().servingArgs()).containsSequence("--attention-backend", "ROCM_ATTN");
            assertThat(r.plan().decision("attention-backend").rule()).isEqualTo(RuleId.P6);
        }
        for (RolePlan r : llama2P1D("0.14.1").roles()) {
            assertThat(r.plan().env()).containsEntry("VLLM_ATTENTION_BACKEND", "ROCM_ATTN");
        }
    }

    @Test
    void p6SameTpUsesAiterUnifiedAttentionByFlagOrEnvPerVersion() {
        ClusterShape same = ClusterShape.disaggregated("1P1D", 8, 8);
        DeploymentPlan v17 = plan("gpt-oss-120b", "mi300x", "0.17.0", 2, same).role(Role.DECODE).plan();
        assertThat(v17.servingArgs()).containsSequence("--attention-backend", "ROCM_AITER_UNIFIED_ATTN");
        DeploymentPlan v14 = plan("gpt-oss-120b", "mi300x", "0.14.1", 2, same).role(Role.DECODE).plan();
        assertThat(v14.env()).containsEntry("VLLM_ROCM_USE_AITER_UNIFIED_ATTENTION", "1")
                .containsEntry("VLLM_ROCM_USE_AITER_MHA", "0");
        DeploymentPlan cuda = plan("gpt-oss-120b", "h200", "0.17.0", 2, same).role(Role.DECODE).plan();
        assertThat(cuda.servingArgs()).doesNotContain("--attention-backend");
    }

    @Test
    void p7QuickReduceInt4OnRocmPrefillWithItsAccuracyCaveat() {
        ClusterPlan c = llama2P1D("0.14.1");
        Decision q = c.role(Role.PREFILL).plan().decision("all-reduce");
        assertThat(q.value()).isEqualTo("INT4");
        assertThat(q.rule()).isEqualTo(RuleId.P7);
        assertThat(q.why()).contains("Accuracy caveat", "lm-eval");
        assertThat(c.role(Role.PREFILL).plan().env()).containsEntry("VLLM_ROCM_QUICK_REDUCE_QUANTIZATION", "INT4");
        assertThat(c.role(Role.DECODE).plan().decision("all-reduce").rule()).isEqualTo(RuleId.C14);
        ClusterPlan cuda = plan("llama-3.3-70b-instruct", "h200", "0.14.1", 2, ClusterShape.disaggregated("2P1D", 4, 8));
        assertThat(cuda.role(Role.PREFILL).plan().env()).doesNotContainKey("VLLM_ROCM_QUICK_REDUCE_QUANTIZATION");
    }

    @Test
    void p1RefusesMoreGpusThanTheCluster() {
        assertThatThrownBy(() -> plan("llama-3.3-70b-instruct", "mi300x", "0.14.1", 1,
                ClusterShape.disaggregated("2P1D", 4, 8)))
                .isInstanceOf(AdviceRefusedException.class).hasMessageContaining("rule P1").hasMessageContaining("--nodes 2");
    }

    @Test
    void p2RefusesTpLargerThanANodeAndInstancesThatDoNotPack() {
        assertThatThrownBy(() -> plan("llama-3.3-70b-instruct", "mi300x", "0.14.1", 4,
                ClusterShape.disaggregated("1P1D", 16, 8)))
                .isInstanceOf(AdviceRefusedException.class).hasMessageContaining("rule P2").hasMessageContaining("--prefill-tp 8");
        // 2 x TP 8 + 2 x TP 4 = 24 GPUs <= 3 x 8, packs; 3 x TP 8 + 1 x TP 4 = 28 <= 32 on 4 nodes packs too.
        // 2 x TP 2 + 2 x TP 8 = 20 GPUs on 3 nodes packs, so a real non-packing case needs TPs that do not divide 8:
        assertThatThrownBy(() -> ClusterAdvisor.plan(new ClusterRequest(
                AdviseRequest.of(ModelCatalogue.load("llama-3.3-70b-instruct"), AcceleratorCatalogue.get("mi300x"), 8),
                2, 6, ClusterShape.disaggregated("2P1D", 4, 4))))
                .isInstanceOf(AdviceRefusedException.class).hasMessageContaining("rule P2").hasMessageContaining("no node");
    }

    @Test
    void c1RefusesATpThatDoesNotDivideTheHeads() {
        assertThatThrownBy(() -> plan("llama-3.3-70b-instruct", "mi300x", "0.14.1", 2,
                ClusterShape.disaggregated("1P1D", 3, 8)))
                .isInstanceOf(AdviceRefusedException.class).hasMessageContaining("rule C1").hasMessageContaining("--prefill-tp");
    }

    @Test
    void m1RefusesARoleThatDoesNotFitNamingTheRole() {
        assertThatThrownBy(() -> plan("llama-3.1-405b", "mi300x", "0.14.1", 2, ClusterShape.disaggregated("1P1D", 1, 8)))
                .isInstanceOf(AdviceRefusedException.class).hasMessageContaining("rule M1")
                .hasMessageContaining("prefill instance of TP 1");
    }

    @Test
    void p5RefusesPrefillAndDecodeOnDifferentMlaBackends() {
        // DeepSeek V3.2: 128 heads; AITER MLA on vLLM 0.14.1 takes 16 or 128 per GPU, so TP 8 (16) can use it, TP 4 (32) not.
        assertThatThrownBy(() -> plan("deepseek-v3.2", "mi325x", "0.14.1", 2, ClusterShape.disaggregated("1P1D", 4, 8)))
                .isInstanceOf(AdviceRefusedException.class).hasMessageContaining("rule P5").hasMessageContaining("same TP");
    }

    @Test
    void singleNodeAdviceIsUnchangedByTheClusterRules() {
        DeploymentPlan p = Plans.plan("gpt-oss-120b", "mi300x");
        assertThat(p.servingArgs()).doesNotContain("--kv-transfer-config", "--attention-backend");
        assertThat(p.decision("tensor-parallel-size").rule()).isNotEqualTo(RuleId.P2);
    }
}
