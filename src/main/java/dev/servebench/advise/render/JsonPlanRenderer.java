package dev.servebench.advise.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.servebench.advise.AiterSwitches;
import dev.servebench.advise.Decision;
import dev.servebench.advise.DeploymentPlan;
import dev.servebench.advise.MemoryEstimate;
import dev.servebench.model.ModelArchitecture;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The plan as one JSON document. */
public final class JsonPlanRenderer implements PlanRenderer {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String render(DeploymentPlan p) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", model(p));
        root.put("gpu", Map.of("id", p.gpu().id(), "name", p.gpu().name(), "count", p.gpuCount(),
                "arch", p.gpu().arch().name(), "kernelStack", p.gpu().kernelStack().name().toLowerCase(java.util.Locale.ROOT)));
        root.put("vllmVersion", p.version().toString());
        root.put("goal", p.goal().key());
        root.put("plan", plan(p));
        root.put("memory", memory(p.memory()));
        root.put("env", p.env());
        List<String> command = new ArrayList<>(List.of("vllm"));
        command.addAll(LaunchCommand.serveArgs(p));
        root.put("command", command);
        List<Map<String, String>> decisions = new ArrayList<>();
        for (Decision d : p.decisions()) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("setting", d.setting());
            m.put("value", d.value());
            m.put("why", d.why());
            m.put("rule", d.rule().name());
            decisions.add(m);
        }
        root.put("decisions", decisions);
        root.put("warnings", p.warnings());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> model(DeploymentPlan p) {
        ModelArchitecture a = p.architecture();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.modelName());
        m.put("ref", p.modelRef());
        m.put("family", a.family());
        m.put("attention", a.attention().kind().name());
        m.put("heads", a.attention().heads());
        m.put("kvHeads", a.attention().kvHeads());
        m.put("moe", a.moe().map(x -> Map.of("routedExperts", x.routedExperts(), "expertsPerToken", x.expertsPerToken(),
                "sharedExperts", x.sharedExperts(), "moeLayers", x.moeLayers())).orElse(null));
        m.put("vision", a.vision().map(v -> Map.of("layers", v.layers(), "hiddenSize", v.hiddenSize(),
                "intermediateSize", v.intermediateSize())).orElse(null));
        m.put("totalParams", p.parameters().totalParams());
        m.put("activeParams", p.parameters().activeParams());
        m.put("checkpoint", a.quantization().label());
        return m;
    }

    private static Map<String, Object> plan(DeploymentPlan p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tensorParallelSize", p.tp());
        m.put("dataParallelSize", p.dp());
        m.put("expertParallel", p.weights().expertParallel());
        m.put("blockSize", p.blockSize());
        m.put("weights", p.weights().label());
        m.put("quantization", p.weights().quantizationFlag());
        m.put("kvCacheDtype", p.kvCacheDtype().vllmName());
        m.put("fp8KvEligible", p.fp8KvEligible());
        m.put("kvOffloadEligible", p.kvOffloadEligible());
        m.put("kvOffloadEnabled", p.kvOffloadEnabled());
        AiterSwitches a = p.aiter();
        m.put("aiter", Map.of("master", a.master(), "linear", a.linear(), "moe", a.moe(), "rmsnorm", a.rmsnorm(),
                "mha", a.mha(), "mla", a.mla(), "fp8bmm", a.fp8bmm()));
        m.put("maxNumSeqs", p.profile().maxNumSeqs());
        m.put("maxNumBatchedTokens", p.profile().maxNumBatchedTokens());
        m.put("gpuMemoryUtilization", p.gpuMemoryUtilization());
        m.put("maxModelLen", p.maxModelLen());
        return m;
    }

    private static Map<String, Object> memory(MemoryEstimate e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("usableGibPerGpu", round(e.usableGibPerGpu()));
        m.put("weightGibPerGpu", round(e.weightGibPerGpu()));
        m.put("loadReportedGibPerGpu", round(e.loadReportedGibPerGpu()));
        m.put("activationGibPerGpu", round(e.activationGibPerGpu()));
        m.put("reserveGibPerGpu", round(e.reserveGibPerGpu()));
        m.put("kvBytesPerTokenPerGpu", e.kvBytesPerTokenPerGpu());
        m.put("kvGibPerGpu", round(e.kvGibPerGpu()));
        m.put("kvCapacityTokens", e.kvCapacityTokens());
        m.put("contextTokens", e.contextTokens());
        m.put("concurrentSequences", e.concurrentSequences());
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
