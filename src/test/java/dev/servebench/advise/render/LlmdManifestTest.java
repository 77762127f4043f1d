package dev.servebench.advise.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.advise.AdviceRefusedException;
import dev.servebench.advise.AdviseRequest;
import dev.servebench.advise.ClusterAdvisor;
import dev.servebench.advise.ClusterPlan;
import dev.servebench.advise.ClusterRequest;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.sim.cluster.ClusterShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** --format llm-d: every rendered object is valid against the strict Kubernetes schemas, with llm-d's role labels. */
class LlmdManifestTest {

    private static final KubernetesSchemas SCHEMAS = KubernetesSchemas.load();

    static Stream<Arguments> onePOneD() {
        List<Arguments> out = new ArrayList<>();
        for (String model : ModelCatalogue.NAMES) {
            for (String gpu : List.of("mi300x", "h200")) {
                out.add(Arguments.of(model, gpu));
            }
        }
        return out.stream();
    }

    /** 1P1D at the TP the one-node plan picks, on two nodes; null where the model does not fit that way. */
    private static ClusterPlan plan(String model, String gpu) {
        AdviseRequest base = AdviseRequest.of(ModelCatalogue.load(model), AcceleratorCatalogue.get(gpu), 8);
        try {
            int tp = ClusterAdvisor.defaultTp(base, 8);
            return ClusterAdvisor.plan(new ClusterRequest(base, 2, 8, ClusterShape.disaggregated("1P1D", tp, tp)));
        } catch (AdviceRefusedException e) {
            return null;
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("onePOneD")
    void everyManifestIsValidAndLabelledByRole(String model, String gpu) throws IOException {
        ClusterPlan plan = plan(model, gpu);
        assumeTrue(plan != null, model + " has no 1P1D shape on " + gpu);
        List<JsonNode> docs = KubernetesSchemaValidationTest.documents(ClusterFormat.LLM_D.render(plan));

        assertThat(docs).extracting(d -> d.at("/metadata/labels/llm-d.ai~1role").asText())
                .containsExactly("prefill", "decode");
        for (JsonNode d : docs) {
            assertThat(SCHEMAS.problems(d)).as(d.at("/metadata/name").asText()).isEmpty();
            assertThat(d.at("/spec/template/metadata/labels/llm-d.ai~1role").asText())
                    .isEqualTo(d.at("/metadata/labels/llm-d.ai~1role").asText());
            assertThat(d.at("/spec/template/spec/containers/0/args").toString()).contains("NixlConnector");
        }
    }

    @Test
    void theMustShowLlamaTwoPrefillOneDecodeOnTwoMi300xNodesRendersValidManifests() throws IOException {
        AdviseRequest base = AdviseRequest.of(ModelCatalogue.load("llama-3.3-70b-instruct"),
                AcceleratorCatalogue.get("mi300x"), 8);
        String yaml = ClusterFormat.LLM_D.render(ClusterAdvisor.plan(
                new ClusterRequest(base, 2, 8, ClusterShape.disaggregated("2P1D", 4, 8))));
        List<JsonNode> docs = KubernetesSchemaValidationTest.documents(yaml);

        assertThat(docs).hasSize(2).allSatisfy(d -> assertThat(SCHEMAS.problems(d)).isEmpty());
        JsonNode prefill = docs.get(0);
        JsonNode decode = docs.get(1);
        assertThat(prefill.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(prefill.at("/spec/template/spec/containers/0/resources/limits/amd.com~1gpu").asInt()).isEqualTo(4);
        assertThat(decode.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(decode.at("/spec/template/spec/containers/0/resources/limits/amd.com~1gpu").asInt()).isEqualTo(8);
        assertThat(prefill.at("/spec/template/spec/containers/0/env").toString())
                .contains("VLLM_NIXL_SIDE_CHANNEL_HOST", "status.podIP", "hf-token", "INT4");
        assertThat(yaml).startsWith("# llama-3.3-70b-instruct as 2P(TP4)1D(TP8)").contains("InferencePool", "HTTPRoute");
    }

    private static ClusterPlan llama(String gpu, int nodes, ClusterShape shape) {
        return ClusterAdvisor.plan(new ClusterRequest(AdviseRequest.of(ModelCatalogue.load("llama-3.3-70b-instruct"),
                AcceleratorCatalogue.get(gpu), 8), nodes, 8, shape));
    }

    private static String env(JsonNode deployment, String name) {
        for (JsonNode e : deployment.at("/spec/template/spec/containers/0/env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        return null;
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({"mi300x, rc,rocm_copy,rocm_ipc, amd.com~1gpu",
            "h200, rc,cuda_copy,cuda_ipc, nvidia.com~1gpu"})
    void kvOverRdmaAsksForOneNicPerGpuAndNamesTheGpusMemoryTransports(String gpu, String tls1, String tls2,
                                                                      String tls3, String gpuResource)
            throws IOException {
        String yaml = ClusterFormat.LLM_D.render(llama(gpu, 2, ClusterShape.disaggregated("2P1D", 4, 8)));
        List<JsonNode> docs = KubernetesSchemaValidationTest.documents(yaml);

        assertThat(docs).hasSize(2).allSatisfy(d -> {
            assertThat(SCHEMAS.problems(d)).isEmpty();
            JsonNode limits = d.at("/spec/template/spec/containers/0/resources/limits");
            assertThat(limits.path("rdma/ib").asInt()).as("one RDMA NIC per GPU").isEqualTo(limits.path(
                    gpuResource.replace("~1", "/")).asInt()).isPositive();
            assertThat(env(d, "UCX_TLS")).isEqualTo(tls1 + "," + tls2 + "," + tls3);
            assertThat(env(d, "UCX_RNDV_SCHEME")).isEqualTo("get_zcopy");
            assertThat(d.at("/spec/template/spec/containers/0/securityContext/capabilities/add/0").asText())
                    .isEqualTo("IPC_LOCK");
        });
        assertThat(yaml).contains("UCX_IB_GID_INDEX", "--kv-network tcp");
    }

    @Test
    void kvOverTcpAsksForNoRdmaNicsAndSaysSo() throws IOException {
        ClusterPlan plan = llama("mi300x", 2, ClusterShape.disaggregated("2P1D", 4, 8));
        String yaml = ClusterFormat.LLM_D.render(plan,
                new ManifestOptions(java.util.Optional.of(KvNetwork.TCP), false));
        List<JsonNode> docs = KubernetesSchemaValidationTest.documents(yaml);

        assertThat(docs).allSatisfy(d -> {
            assertThat(SCHEMAS.problems(d)).isEmpty();
            assertThat(d.at("/spec/template/spec/containers/0/resources/limits").has("rdma/ib")).isFalse();
            assertThat(env(d, "UCX_TLS")).isEqualTo("tcp,rocm_copy,rocm_ipc");
            assertThat(env(d, "UCX_RNDV_SCHEME")).isNull();
        });
        assertThat(yaml).contains("KV over TCP");
        assertThat(ClusterFormat.SHELL.render(plan, new ManifestOptions(java.util.Optional.of(KvNetwork.TCP), false)))
                .startsWith("# KV over tcp").contains("export UCX_TLS=tcp,rocm_copy,rocm_ipc\n");
    }

    @Test
    void onePerNodeSpreadsReplicasByHostnameInBothManifestFormats() throws IOException {
        ClusterPlan plan = llama("h200", 4, new ClusterShape.Aggregated(4, 4));
        ManifestOptions spread = new ManifestOptions(java.util.Optional.empty(), true);
        for (ClusterFormat format : List.of(ClusterFormat.K8S, ClusterFormat.LLM_D)) {
            JsonNode d = KubernetesSchemaValidationTest.documents(format.render(plan, spread)).getFirst();
            assertThat(SCHEMAS.problems(d)).as(format.name()).isEmpty();
            JsonNode term = d.at("/spec/template/spec/affinity/podAntiAffinity/"
                    + "requiredDuringSchedulingIgnoredDuringExecution/0");
            assertThat(term.path("topologyKey").asText()).as(format.name()).isEqualTo("kubernetes.io/hostname");
            assertThat(term.at("/labelSelector/matchLabels")).isEqualTo(d.at("/spec/selector/matchLabels"));
            assertThat(KubernetesSchemaValidationTest.documents(format.render(plan)).getFirst()
                    .at("/spec/template/spec/affinity").isMissingNode()).as("only when asked").isTrue();
        }
    }

    @Test
    void onePerNodeIsRefusedWhereItCannotHold() {
        ManifestOptions spread = new ManifestOptions(java.util.Optional.empty(), true);
        assertThatThrownBy(() -> ClusterFormat.K8S.render(llama("h200", 2, new ClusterShape.Aggregated(4, 4)), spread))
                .isInstanceOf(dev.servebench.BadInputException.class).hasMessageContaining("4 replicas on 2 node(s)")
                .hasMessageContaining("--nodes 4");
        assertThatThrownBy(() -> ClusterFormat.LLM_D.render(llama("mi300x", 2,
                ClusterShape.disaggregated("2P1D", 4, 8)), spread))
                .isInstanceOf(dev.servebench.BadInputException.class).hasMessageContaining("drop --one-per-node");
    }
}
