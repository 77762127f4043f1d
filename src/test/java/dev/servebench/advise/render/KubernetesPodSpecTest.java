package dev.servebench.advise.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.advise.AdviceRefusedException;
import dev.servebench.advise.AdviseRequest;
import dev.servebench.advise.Advisor;
import dev.servebench.advise.DeploymentPlan;
import dev.servebench.advise.VllmVersion;
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
 * The pod spec against what vLLM's deployment docs ask of a GPU pod: docs/deployment/k8s.md (NVIDIA and AMD
 * examples, troubleshooting), docs/deployment/docker.md and the ROCm install page's official image.
 */
class KubernetesPodSpecTest {

    /** A ROCm GPU and a CUDA GPU, with what vLLM's docs say differs between them. */
    private record Platform(String gpu, String gpuResource, String otherGpuResource, String image, String shmSizeLimit) {
    }

    // k8s.md: AMD example sizeLimit "8Gi" and amd.com/gpu; NVIDIA example sizeLimit "2Gi" and nvidia.com/gpu.
    // Images: vllm/vllm-openai-rocm (ROCm install docs) and vllm/vllm-openai (docker.md), tagged v<release>.
    private static final Platform ROCM = new Platform("mi325x", "amd.com/gpu", "nvidia.com/gpu", "vllm/vllm-openai-rocm", "8Gi");
    private static final Platform CUDA = new Platform("h200", "nvidia.com/gpu", "amd.com/gpu", "vllm/vllm-openai", "2Gi");

    static Stream<Arguments> pods() {
        List<Arguments> out = new ArrayList<>();
        for (String model : ModelCatalogue.NAMES) {
            for (Platform platform : List.of(ROCM, CUDA)) {
                out.add(Arguments.of(model, platform));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("pods")
    void sharedMemoryIsAMemoryBackedEmptyDirWithASizeLimit(String model, Platform platform) throws IOException {
        JsonNode pod = podSpec(plan(model, platform.gpu(), null));
        JsonNode mount = single(pod.at("/containers/0/volumeMounts"), "mountPath", "/dev/shm");
        JsonNode volume = single(pod.path("volumes"), "name", mount.path("name").asText());

        assertThat(volume.at("/emptyDir/medium").asText()).isEqualTo("Memory");
        assertThat(volume.at("/emptyDir/sizeLimit").asText()).isEqualTo(platform.shmSizeLimit());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("pods")
    void gpusAreRequestedUnderTheDevicePluginsResourceName(String model, Platform platform) throws IOException {
        DeploymentPlan plan = plan(model, platform.gpu(), null);
        JsonNode limits = podSpec(plan).at("/containers/0/resources/limits");

        assertThat(limits.path(platform.gpuResource()).asInt()).isEqualTo(plan.gpuCount());
        assertThat(limits.has(platform.otherGpuResource())).isFalse();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("pods")
    void theHuggingFaceTokenComesFromASecret(String model, Platform platform) throws IOException {
        JsonNode env = podSpec(plan(model, platform.gpu(), null)).at("/containers/0/env");
        JsonNode token = single(env, "name", "HF_TOKEN");

        assertThat(token.has("value")).as("token written into the manifest").isFalse();
        assertThat(token.at("/valueFrom/secretKeyRef/name").asText()).isNotBlank();
        assertThat(token.at("/valueFrom/secretKeyRef/key").asText()).isNotBlank();
        for (JsonNode e : env) {
            assertThat(e.path("name").asText().contains("TOKEN") && e.has("value")).as(e.toString()).isFalse();
        }
    }

    /**
     * k8s.md's troubleshooting: a probe that gives up before the server has started gets the container killed
     * mid-load. A startup probe holds back liveness and readiness until /health answers; it must allow at least
     * the ten minutes a checkpoint of several hundred GB needs to load (read at about 1 GB/s), while the liveness
     * and readiness probes check the same /health endpoint afterwards.
     */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("pods")
    void probesLetALongModelLoadFinish(String model, Platform platform) throws IOException {
        JsonNode container = podSpec(plan(model, platform.gpu(), null)).at("/containers/0");
        int port = container.at("/ports/0/containerPort").asInt();

        JsonNode startup = container.path("startupProbe");
        int startupWindow = startup.path("periodSeconds").asInt() * startup.path("failureThreshold").asInt()
                + startup.path("initialDelaySeconds").asInt();
        assertThat(startupWindow).isGreaterThanOrEqualTo(10 * 60);
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertThat(container.at("/" + probe + "/httpGet/path").asText()).as(probe).isEqualTo("/health");
            assertThat(container.at("/" + probe + "/httpGet/port").asInt()).as(probe).isEqualTo(port);
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("pods")
    void theImageIsTheOfficialOneForThePlansRelease(String model, Platform platform) throws IOException {
        DeploymentPlan plan = plan(model, platform.gpu(), null);
        assertThat(podSpec(plan).at("/containers/0/image").asText())
                .isEqualTo(platform.image() + ":v" + plan.version());
    }

    @Test
    void theImageTagFollowsTheRequestedRelease() throws IOException {
        for (Platform platform : List.of(ROCM, CUDA)) {
            DeploymentPlan plan = plan("llama-3.1-405b", platform.gpu(), "0.17.1");
            assertThat(podSpec(plan).at("/containers/0/image").asText()).isEqualTo(platform.image() + ":v0.17.1");
        }
    }

    private static DeploymentPlan plan(String model, String gpu, String version) {
        AdviseRequest request = AdviseRequest.of(ModelCatalogue.load(model), AcceleratorCatalogue.get(gpu), 8);
        if (version != null) {
            request = request.withVersion(VllmVersion.parse(version));
        }
        try {
            return Advisor.plan(request);
        } catch (AdviceRefusedException e) {
            assumeTrue(false, "does not fit on 8 of these GPUs: no manifest");
            throw e;
        }
    }

    private static JsonNode podSpec(DeploymentPlan plan) throws IOException {
        return KubernetesSchemaValidationTest.documents(OutputFormat.K8S.renderer().render(plan)).stream()
                .filter(d -> d.path("kind").asText().equals("Deployment"))
                .findFirst().orElseThrow()
                .at("/spec/template/spec");
    }

    private static JsonNode single(JsonNode array, String field, String value) {
        List<JsonNode> found = new ArrayList<>();
        array.forEach(n -> {
            if (n.path(field).asText().equals(value)) {
                found.add(n);
            }
        });
        assertThat(found).as("%s = %s in %s", field, value, array).hasSize(1);
        return found.get(0);
    }
}
