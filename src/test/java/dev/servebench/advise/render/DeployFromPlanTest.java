package dev.servebench.advise.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.cli.Main;
import dev.servebench.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code advise --from-plan}: a plan's winner and runner-up rendered as manifests that pass the strict Kubernetes
 * schemas and launch vLLM with exactly the settings the plan simulated for each role.
 */
class DeployFromPlanTest {
    private static final KubernetesSchemas SCHEMAS = KubernetesSchemas.load();

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theWinnerAndTheRunnerUpDeployWithTheFlagsThePlanSimulated() throws Exception {
        Path shapes = dir.resolve("shapes.txt");
        Files.writeString(shapes, "2 x TP4\n1P(TP2)1D(TP4)\n1P(TP4)1D(TP4)\n");
        Run plan = cli("plan", "--model", "gpt-oss-120b", "--gpu", "mi300x", "--nodes", "1", "--input-tokens", "1024",
                "--output-tokens", "64", "--concurrency", "16", "--requests-per-client", "2", "--slo", "ttft=10s",
                "--shapes", shapes.toString(), "--out", dir.resolve("plan").toString(), "--no-db", "--no-report");
        assertThat(plan.code()).as(plan.err()).isZero();
        JsonNode decision = Json.mapper().readTree(dir.resolve("plan/plan.json").toFile()).path("decisions").get(0);
        int compared = 0;
        for (String pick : List.of("winner", "runner-up")) {
            JsonNode chosen = decision.path(pick.equals("winner") ? "best" : "runner_up");
            assertThat(chosen.isObject()).as(pick).isTrue();
            boolean disaggregated = chosen.path("shape").asText().contains("P(");
            Run advise = cli("advise", "--from-plan", dir.resolve("plan/plan.json").toString(), "--pick", pick,
                    "--format", disaggregated ? "llm-d" : "k8s");
            assertThat(advise.code()).as(advise.err()).isZero();
            // Nothing differs from what was simulated, so nothing is said.
            assertThat(advise.err()).isEmpty();
            List<JsonNode> docs = KubernetesSchemaValidationTest.documents(advise.out());
            for (JsonNode d : docs) {
                assertThat(SCHEMAS.problems(d)).as(pick + " " + d.at("/metadata/name").asText()).isEmpty();
            }
            for (JsonNode role : chosen.path("simulated_serving")) {
                String key = role.path("role").asText();
                JsonNode deployment = docs.stream().filter(d -> d.at("/kind").asText().equals("Deployment"))
                        .filter(d -> key.equals("replica") || d.at("/metadata/labels/llm-d.ai~1role").asText().equals(key))
                        .findFirst().orElseThrow();
                assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(role.path("instances").asInt());
                JsonNode vllm = deployment.at("/spec/template/spec/containers/0");
                Map<String, String> flags = flags(vllm.path("args"));
                assertThat(flags).as(pick + " " + key)
                        .containsEntry("--tensor-parallel-size", role.path("tensor_parallel_size").asText())
                        .containsEntry("--max-num-seqs", role.path("max_num_seqs").asText())
                        .containsEntry("--max-num-batched-tokens", role.path("max_num_batched_tokens").asText())
                        .containsEntry("--block-size", role.path("block_size").asText());
                assertThat(Double.parseDouble(flags.get("--gpu-memory-utilization")))
                        .isEqualTo(role.path("gpu_memory_utilization").asDouble());
                String kv = role.path("kv_cache_dtype").asText();
                assertThat(flags.get("--kv-cache-dtype")).isEqualTo(kv.equals("auto") ? null : kv);
                assertThat(flags.get("--quantization")).isEqualTo(role.path("quantization").isNull() ? null
                        : role.path("quantization").asText());
                String aiter = vllm.path("env").findValues("name").stream().anyMatch(n -> n.asText()
                        .equals("VLLM_ROCM_USE_AITER")) ? envValue(vllm.path("env"), "VLLM_ROCM_USE_AITER") : "0";
                assertThat(aiter).isEqualTo(role.path("aiter").asBoolean() ? "1" : "0");
                if (key.equals("decode")) {
                    // llm-d's decode pod: the routing sidecar on 8000, vLLM behind it on 8200, NIXL's port exposed.
                    assertThat(flags).containsEntry("--port", "8200");
                    assertThat(deployment.at("/spec/template/spec/containers/1/name").asText())
                            .isEqualTo("routing-proxy");
                    assertThat(deployment.at("/spec/template/spec/containers/1/args").toString())
                            .contains("--port=8000", "--vllm-port=8200", "--connector=nixlv2");
                }
                if (!key.equals("replica")) {
                    assertThat(vllm.path("ports").toString()).contains("5557");
                    assertThat(envValue(vllm.path("env"), "VLLM_NIXL_SIDE_CHANNEL_PORT")).isEqualTo("5557");
                }
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(2);

        // A pool shape cannot be a plain Deployment: llm-d's routing is needed, and the error says so.
        Run refused = cli("advise", "--model", "gpt-oss-120b", "--gpu", "mi300x", "--nodes", "1", "--disaggregate",
                "1P1D", "--prefill-tp", "2", "--decode-tp", "4", "--format", "k8s");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("use --format llm-d");
        // Replicas render for llm-d too, as its decode pool.
        Run replicas = cli("advise", "--model", "gpt-oss-120b", "--gpu", "mi300x", "--nodes", "1", "--replicas", "2",
                "--tp", "4", "--format", "llm-d");
        assertThat(replicas.code()).as(replicas.err()).isZero();
        List<JsonNode> docs = KubernetesSchemaValidationTest.documents(replicas.out());
        assertThat(docs).hasSize(1).allSatisfy(d -> {
            assertThat(SCHEMAS.problems(d)).isEmpty();
            assertThat(d.at("/spec/replicas").asInt()).isEqualTo(2);
            assertThat(d.at("/metadata/labels/llm-d.ai~1role").asText()).isEqualTo("decode");
        });
        // A plan file that is not one is a usage error naming it.
        Files.writeString(dir.resolve("not-a-plan.json"), "{}");
        Run bad = cli("advise", "--from-plan", dir.resolve("not-a-plan.json").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("not-a-plan.json is not a plan.json");
    }

    private static Map<String, String> flags(JsonNode args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i).asText();
            if (a.startsWith("--")) {
                boolean valued = i + 1 < args.size() && !args.get(i + 1).asText().startsWith("--");
                out.put(a, valued ? args.get(++i).asText() : "");
            }
        }
        return out;
    }

    private static String envValue(JsonNode env, String name) {
        for (JsonNode e : env) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        return null;
    }
}
