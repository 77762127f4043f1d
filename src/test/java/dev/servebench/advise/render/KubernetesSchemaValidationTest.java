package dev.servebench.advise.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.servebench.advise.AdviceRefusedException;
import dev.servebench.advise.AdviseRequest;
import dev.servebench.advise.Advisor;
import dev.servebench.advise.DeploymentPlan;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
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

/**
 * Every manifest that a Kubernetes output format writes must pass the strict schema of its apiVersion and kind
 * (see {@link KubernetesSchemas}), for every catalogue model on a ROCm and a CUDA GPU. Reading the YAML into a
 * model class would not do: Jackson turns {@code 8} into {@code "8"} where a string is wanted, and the API server
 * does not.
 */
class KubernetesSchemaValidationTest {

    /** The output formats that write Kubernetes manifests; a new one (Helm, llm-d) belongs here. */
    private static final List<OutputFormat> KUBERNETES_FORMATS = List.of(OutputFormat.K8S);
    private static final List<String> GPUS = List.of("mi325x", "h200");

    private static final KubernetesSchemas SCHEMAS = KubernetesSchemas.load();
    private static final YAMLMapper YAML = new YAMLMapper();

    static Stream<Arguments> manifests() {
        List<Arguments> out = new ArrayList<>();
        for (OutputFormat format : KUBERNETES_FORMATS) {
            for (String model : ModelCatalogue.NAMES) {
                for (String gpu : GPUS) {
                    out.add(Arguments.of(format, model, gpu));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1} on {2}")
    @MethodSource("manifests")
    void everyManifestPassesTheStrictKubernetesSchema(OutputFormat format, String model, String gpu) throws IOException {
        DeploymentPlan plan = plan(model, gpu);
        assumeTrue(plan != null, "does not fit on 8 of these GPUs: no manifest");
        List<JsonNode> docs = documents(format.renderer().render(plan));
        assertThat(docs).isNotEmpty();
        for (JsonNode doc : docs) {
            assertThat(SCHEMAS.problems(doc)).as("%s %s", doc.path("kind").asText(), doc.at("/metadata/name").asText())
                    .isEmpty();
        }
    }

    /**
     * The output before the quoting fix: the same tree written with MINIMIZE_QUOTES alone, so that "8" comes out
     * as {@code - 8}. The example must be refused, in args and in env values.
     */
    @Test
    void theOutputWithUnquotedNumbersIsRefused() throws IOException {
        YAMLMapper unquoted = new YAMLMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build());
        JsonNode deployment = deployment("deepseek-v3.2", "mi325x");
        JsonNode old = YAML.readTree(unquoted.writeValueAsString(deployment));

        List<String> problems = SCHEMAS.problems(old);

        assertThat(problems).isNotEmpty()
                .allSatisfy(p -> assertThat(p).containsAnyOf("/args/", "/env/").contains("string expected"))
                .anySatisfy(p -> assertThat(p).startsWith("/spec/template/spec/containers/0/args/"))
                .anySatisfy(p -> assertThat(p).matches("/spec/template/spec/containers/0/env/\\d+/value: .*"));
    }

    @Test
    void aNumberInArgsIsRefused() throws IOException {
        JsonNode manifest = YAML.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: vllm}
                spec:
                  selector: {matchLabels: {app: vllm}}
                  template:
                    metadata: {labels: {app: vllm}}
                    spec:
                      containers:
                      - name: vllm
                        image: vllm/vllm-openai:v0.14.1
                        args:
                        - --tensor-parallel-size
                        - 8
                """);

        assertThat(SCHEMAS.problems(manifest)).singleElement().asString()
                .startsWith("/spec/template/spec/containers/0/args/1:").contains("integer found, string expected");
    }

    @Test
    void anUnknownFieldIsRefused() throws IOException {
        ObjectNode deployment = (ObjectNode) deployment("llama-3.1-405b", "h200");
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).put("shmSize", "8Gi");

        assertThat(SCHEMAS.problems(deployment)).singleElement().asString().contains("shmSize");
    }

    @Test
    void aStringIsNotTakenForAnInteger() throws IOException {
        ObjectNode deployment = (ObjectNode) deployment("llama-3.1-405b", "h200");
        ((ObjectNode) deployment.get("spec")).put("replicas", "1");

        assertThat(SCHEMAS.problems(deployment)).singleElement().asString()
                .startsWith("/spec/replicas:").contains("string found, integer expected");
    }

    @Test
    void aKindWithoutAShippedSchemaIsReportedNotPassed() throws IOException {
        assertThat(SCHEMAS.problems(YAML.readTree("{apiVersion: v1, kind: ConfigMap, metadata: {name: x}}")))
                .singleElement().asString().contains("no schema shipped");
    }

    private static DeploymentPlan plan(String model, String gpu) {
        try {
            return Advisor.plan(AdviseRequest.of(ModelCatalogue.load(model), AcceleratorCatalogue.get(gpu), 8));
        } catch (AdviceRefusedException e) {
            return null;
        }
    }

    private static JsonNode deployment(String model, String gpu) throws IOException {
        return documents(OutputFormat.K8S.renderer().render(plan(model, gpu))).stream()
                .filter(d -> d.path("kind").asText().equals("Deployment"))
                .findFirst().orElseThrow();
    }

    static List<JsonNode> documents(String yaml) throws IOException {
        try (var parser = YAML.createParser(yaml)) {
            return YAML.readValues(parser, JsonNode.class).readAll().stream()
                    .filter(d -> d != null && !d.isMissingNode() && !d.isNull())
                    .toList();
        }
    }
}
