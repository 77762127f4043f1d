package dev.servebench.advise.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.servebench.advise.AdviceRefusedException;
import dev.servebench.advise.AdviseRequest;
import dev.servebench.advise.Advisor;
import dev.servebench.advise.DeploymentPlan;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In the Kubernetes API, a container's {@code command}, {@code args} and {@code env[].value} are
 * strings: {@code kubectl apply} rejects a YAML number there ("cannot unmarshal number into Go struct
 * field ... of type string"). Read back as YAML, every such value must be a string node. Lenient
 * parsing into fabric8's model would not catch it: Jackson coerces numbers to strings.
 */
class KubernetesStringFieldsTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    static Stream<Arguments> plans() {
        List<Arguments> out = new ArrayList<>();
        for (String model : ModelCatalogue.NAMES) {
            for (String gpu : List.of("mi325x", "h200")) {
                out.add(Arguments.of(model, gpu));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("plans")
    void commandArgsAndEnvValuesAreStrings(String model, String gpu) throws Exception {
        DeploymentPlan plan;
        try {
            plan = Advisor.plan(AdviseRequest.of(ModelCatalogue.load(model), AcceleratorCatalogue.get(gpu), 8));
        } catch (AdviceRefusedException e) {
            return; // does not fit on 8 of these GPUs: no manifest to check
        }
        String rendered = new KubernetesPlanRenderer().render(plan);
        List<String> wrong = new ArrayList<>();
        for (String doc : rendered.split("\n---\n")) {
            JsonNode root = YAML.readTree(doc);
            if (root == null || !"Deployment".equals(root.path("kind").asText())) {
                continue;
            }
            for (JsonNode c : root.path("spec").path("template").path("spec").path("containers")) {
                for (String field : List.of("command", "args")) {
                    for (JsonNode v : c.path(field)) {
                        if (!v.isTextual()) {
                            wrong.add(field + " item " + v + " (" + v.getNodeType() + ")");
                        }
                    }
                }
                for (JsonNode e : c.path("env")) {
                    if (e.has("value") && !e.get("value").isTextual()) {
                        wrong.add("env " + e.path("name").asText() + " value " + e.get("value"));
                    }
                }
                assertThat(c.path("image").isTextual()).isTrue();
            }
        }
        assertThat(wrong).as("string-typed fields written as YAML numbers or booleans").isEmpty();
    }
}
