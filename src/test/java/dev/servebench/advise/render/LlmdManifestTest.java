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
}
