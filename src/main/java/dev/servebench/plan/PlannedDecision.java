package dev.servebench.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.BadInputException;
import dev.servebench.advise.AdviseRequest;
import dev.servebench.advise.ClusterPlan;
import dev.servebench.advise.ClusterRequest;
import dev.servebench.advise.Goal;
import dev.servebench.advise.QuantizationRequest;
import dev.servebench.advise.RolePlan;
import dev.servebench.advise.SimulatedServing;
import dev.servebench.advise.VllmVersion;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.sim.cluster.ClusterShape;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.json.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * A decision of a plan, read back from its {@value PlanFiles#PLAN_FILE} to be deployed: the cluster request that
 * {@code advise} renders (the same model, GPU, nodes, vLLM version, goal and quantization the plan simulated with),
 * and the serving options the plan simulated for each role, to hold the rendering against.
 *
 * @param simulated the plan's simulated_serving entries of the picked shape, one per role
 */
public record PlannedDecision(ClusterRequest request, int concurrency, String pick, JsonNode simulated) {

    /**
     * @param pick        "winner" or "runner-up"
     * @param concurrency the decision row; null for the highest concurrency the plan decided
     */
    public static PlannedDecision read(Path file, String pick, Integer concurrency) {
        JsonNode plan;
        try {
            plan = Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException("--from-plan " + file + ": cannot read it as a plan (" + e.getMessage()
                    + "); give the plan.json of a `servebench plan` results folder");
        }
        if (!PlanFiles.SCHEMA.equals(plan.path("schema").asText()) || !plan.has("decisions")) {
            throw new BadInputException("--from-plan " + file + " is not a plan.json of this version (schema '"
                    + plan.path("schema").asText() + "', want " + PlanFiles.SCHEMA + "); re-run `servebench plan`");
        }
        String key = switch (pick.strip().toLowerCase(Locale.ROOT)) {
            case "winner", "best" -> "best";
            case "runner-up", "runnerup", "runner_up" -> "runner_up";
            default -> throw new BadInputException("--pick takes winner or runner-up, got '" + pick + "'");
        };
        JsonNode row = null;
        for (JsonNode d : plan.path("decisions")) {
            boolean decided = d.path("best").isObject();
            if (concurrency != null ? d.path("concurrency").asInt() == concurrency
                    : decided && (row == null || d.path("concurrency").asInt() > row.path("concurrency").asInt())) {
                row = d;
            }
        }
        if (row == null) {
            throw new BadInputException("--from-plan " + file + ": " + (concurrency != null
                    ? "no decision at " + concurrency + " clients" : "no concurrency has a shape meeting the SLO")
                    + "; the plan decided " + decidedConcurrencies(plan));
        }
        JsonNode chosen = row.path(key);
        if (!chosen.isObject()) {
            throw new BadInputException("--from-plan " + file + ": at " + row.path("concurrency").asInt()
                    + " clients the plan has no " + pick + " meeting its SLO");
        }
        JsonNode advise = plan.path("advise");
        AdviseRequest base = new AdviseRequest(ModelCatalogue.load(plan.path("model").asText()),
                AcceleratorCatalogue.get(plan.path("gpu").asText()), plan.path("gpus_per_node").asInt(),
                VllmVersion.parse(advise.path("vllm_version").asText(AdviseRequest.DEFAULT_VERSION.toString())),
                Goal.parse(advise.path("goal").asText("balanced")), OptionalInt.empty(),
                QuantizationRequest.parse(advise.path("quantization").asText("auto")), OptionalInt.empty());
        ClusterShape shape = ClusterShape.parse(chosen.path("shape").asText());
        return new PlannedDecision(new ClusterRequest(base, plan.path("nodes").asInt(), plan.path("gpus_per_node").asInt(),
                shape), row.path("concurrency").asInt(), key, chosen.path("simulated_serving"));
    }

    private static List<Integer> decidedConcurrencies(JsonNode plan) {
        List<Integer> out = new ArrayList<>();
        plan.path("decisions").forEach(d -> {
            if (d.path("best").isObject()) {
                out.add(d.path("concurrency").asInt());
            }
        });
        return out;
    }

    /**
     * Where the rendered plan's instances differ from what the plan simulated (a serving flag given to {@code plan}
     * over the advisor's choice): one line each, empty when they are the same.
     */
    public List<String> differences(ClusterPlan rendered) {
        List<String> out = new ArrayList<>();
        for (RolePlan r : rendered.roles()) {
            ServingOptions deployed = SimulatedServing.of(r.plan());
            for (JsonNode s : simulated) {
                if (!s.path("role").asText().equals(r.role().key())) {
                    continue;
                }
                compare(out, r.role().key(), "tensor_parallel_size", s, deployed.tensorParallel());
                compare(out, r.role().key(), "max_num_seqs", s, deployed.maxNumSeqs());
                compare(out, r.role().key(), "max_num_batched_tokens", s, deployed.maxNumBatchedTokens());
                compare(out, r.role().key(), "block_size", s, deployed.blockSize());
                compare(out, r.role().key(), "kv_cache_dtype", s, deployed.kvCacheDtype().vllmName());
                compare(out, r.role().key(), "aiter", s, deployed.aiter());
            }
        }
        return out;
    }

    private static void compare(List<String> out, String role, String key, JsonNode simulated, Object deployed) {
        String was = simulated.path(key).asText();
        if (!was.equals(String.valueOf(deployed))) {
            out.add(role + " " + key + ": the plan simulated " + was + ", this deploys " + deployed
                    + " (a flag given to plan over the advisor's choice); edit the manifest to match what was planned");
        }
    }
}
