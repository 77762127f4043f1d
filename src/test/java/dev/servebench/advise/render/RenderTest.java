package dev.servebench.advise.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.servebench.advise.AdviseRequest;
import dev.servebench.advise.Advisor;
import dev.servebench.advise.DeploymentPlan;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RenderTest {

    private static DeploymentPlan plan(String model, String gpu) {
        return Advisor.plan(AdviseRequest.of(ModelCatalogue.load(model), AcceleratorCatalogue.get(gpu), 8));
    }

    @Test
    void shellLineCarriesEnvAndEveryArgument() {
        DeploymentPlan p = plan("deepseek-v3.2", "mi325x");
        String shell = OutputFormat.SHELL.renderer().render(p);
        assertThat(shell).contains("VLLM_ROCM_USE_AITER=1 AITER_ENABLE_VSKIP=0 vllm serve deepseek-ai/DeepSeek-V3.2 \\\n");
        String flat = shell.replace("\\\n", " ");
        for (String arg : p.servingArgs()) {
            assertThat(flat).contains(" " + arg);
        }
    }

    @Test
    void rocmDockerPassesDevicesAndGroups() {
        String docker = OutputFormat.DOCKER.renderer().render(plan("deepseek-v3.2", "mi325x"));
        assertThat(docker).contains("--device /dev/kfd --device /dev/dri", "--ipc=host --group-add video",
                "-e VLLM_ROCM_USE_AITER=1", "-e AITER_ENABLE_VSKIP=0", "vllm/vllm-openai-rocm:v0.14.1",
                "serve deepseek-ai/DeepSeek-V3.2");
        assertThat(docker).doesNotContain("--gpus all");
    }

    @Test
    void cudaDockerUsesGpusAll() {
        String docker = OutputFormat.DOCKER.renderer().render(plan("llama-3.1-405b", "h200"));
        assertThat(docker).contains("--gpus all", "vllm/vllm-openai:v0.14.1").doesNotContain("/dev/kfd");
    }

    @Test
    void kubernetesYamlIsADeploymentAndAService() throws Exception {
        DeploymentPlan p = plan("qwen3-vl-235b-a22b", "mi325x");
        String yaml = OutputFormat.K8S.renderer().render(p);
        List<JsonNode> docs = new YAMLMapper().readValues(new YAMLMapper().createParser(yaml), JsonNode.class).readAll();
        assertThat(docs).hasSize(2);
        JsonNode container = docs.get(0).at("/spec/template/spec/containers/0");
        assertThat(docs.get(0).path("kind").asText()).isEqualTo("Deployment");
        assertThat(container.at("/resources/limits").path("amd.com/gpu").asInt()).isEqualTo(8);
        assertThat(container.path("args").get(0).asText()).isEqualTo("serve");
        assertThat(container.path("args").toString()).contains("--mm-encoder-tp-mode");
        assertThat(container.path("env").toString()).contains("VLLM_ROCM_USE_AITER");
        assertThat(docs.get(1).path("kind").asText()).isEqualTo("Service");
        assertThat(docs.get(1).at("/spec/selector/app").asText()).isEqualTo(docs.get(0).at("/metadata/name").asText());
    }

    @Test
    void jsonHoldsPlanMemoryAndDecisions() throws Exception {
        JsonNode json = new ObjectMapper().readTree(OutputFormat.JSON.renderer().render(plan("kimi-k2.5", "mi325x")));
        assertThat(json.at("/plan/tensorParallelSize").asInt()).isEqualTo(8);
        assertThat(json.at("/plan/aiter/master").asBoolean()).isFalse();
        assertThat(json.at("/memory/kvBytesPerTokenPerGpu").asLong()).isEqualTo(70_272);
        assertThat(json.at("/command/0").asText()).isEqualTo("vllm");
        assertThat(json.path("decisions")).anySatisfy(d -> assertThat(d.path("rule").asText()).isEqualTo("C3"));
    }

    @Test
    void textPlanShowsEachDecisionWithItsRule() {
        DeploymentPlan p = plan("deepseek-v3.2", "mi325x");
        String text = OutputFormat.TEXT.renderer().render(p);
        p.decisions().forEach(d -> assertThat(text).contains("[" + d.rule() + "] " + d.why()));
        assertThat(text).contains("KV bytes per token     70,272", "Memory per GPU", "Launch");
    }

    @Test
    void appNamesAreValidKubernetesNames() {
        assertThat(KubernetesPlanRenderer.appName("Qwen3-VL-235B-A22B")).isEqualTo("vllm-qwen3-vl-235b-a22b");
        assertThat(KubernetesPlanRenderer.appName("deepseek-v3.2")).isEqualTo("vllm-deepseek-v3-2");
    }
}
