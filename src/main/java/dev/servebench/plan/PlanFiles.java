package dev.servebench.plan;

import dev.servebench.experiment.LatencyAxis;
import dev.servebench.sim.cluster.InstanceOptions;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a plan to its results folder as {@value #PLAN_FILE}: the request, every prediction, frontiers, decisions. */
public final class PlanFiles {
    public static final String PLAN_FILE = "plan.json";
    public static final String SCHEMA = "servebench.plan/1";

    private PlanFiles() {
    }

    /**
     * One prediction as stored.
     *
     * @param tokensPerSecondPerGpu  prompt + output tokens per second per GPU
     * @param tokensPerSecondPerUser output tokens per second one user's stream sees (1000 / mean TPOT)
     * @param goodputPerGpu          output tokens per second per GPU of the requests that met the SLO
     * @param itlP99Millis           p99 of every inter-token gap
     * @param kvTransferMillis       mean wait per request for its KV hand-over between the pools (null for replicas)
     * @param entryBusy              share of the level the replicas (or the prefill pool) computed steps
     * @param decodeBusy             the same for the decode pool (null for replicas)
     * @param entryQueue             mean requests waiting in one copy's replicas' (or prefill pool's) queues
     * @param decodeQueue            the same for the decode pool (null for replicas)
     */
    public record Point(String shape, int gpus, int concurrency, double tokensPerSecondPerGpu,
                        double tokensPerSecondPerUser, double goodputPerGpu, double ttftP99Millis,
                        double tpotP99Millis, double tpotMeanMillis, double e2eP99Seconds, double successRate,
                        double itlP99Millis, double kvTransferMillis, double entryBusy, double decodeBusy,
                        double entryQueue, double decodeQueue) {
        static Point of(ShapePrediction p) {
            return new Point(p.shape().label(), p.shape().gpus(), p.concurrency(), p.tokensPerSecondPerGpu(),
                    p.tokensPerSecondPerUser(), p.goodputPerGpu(), p.metrics().ttftMillis().p99(),
                    p.metrics().tpotMillis().p99(), p.metrics().tpotMillis().mean(), p.metrics().latencySeconds().p99(),
                    p.metrics().successRate(), p.metrics().itlMillis().p99(), p.kvTransferMillis(), p.entryBusy(),
                    p.decodeBusy(), p.entryQueue(), p.decodeQueue());
        }
    }

    /** A decision's shape with the serving options each of its roles was simulated with. */
    private static Map<String, Object> deployed(ShapePrediction p, PlanRequest request) {
        Map<String, Object> out = Json.mapper().convertValue(Point.of(p), LinkedHashMap.class);
        java.util.List<Map<String, Object>> roles = new java.util.ArrayList<>();
        switch (p.shape()) {
            case dev.servebench.sim.cluster.ClusterShape.Aggregated a -> roles.add(role("replica", a.replicas(),
                    request.instances().at(InstanceOptions.Duty.REPLICA, a.tp())));
            case dev.servebench.sim.cluster.ClusterShape.Disaggregated x -> {
                roles.add(role("prefill", x.prefillInstances(),
                        request.instances().at(InstanceOptions.Duty.PREFILL, x.prefillTp())));
                roles.add(role("decode", x.decodeInstances(),
                        request.instances().at(InstanceOptions.Duty.DECODE, x.decodeTp())));
            }
        }
        out.put("simulated_serving", roles);
        return out;
    }

    private static Map<String, Object> role(String role, int instances, ServingOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("instances", instances);
        m.put("tensor_parallel_size", o.tensorParallel());
        m.put("max_num_seqs", o.maxNumSeqs());
        m.put("max_num_batched_tokens", o.maxNumBatchedTokens());
        m.put("block_size", o.blockSize());
        m.put("gpu_memory_utilization", o.gpuMemoryUtilization());
        m.put("kv_cache_dtype", o.kvCacheDtype().vllmName());
        m.put("aiter", o.aiter());
        m.put("quantization", o.onlineQuantization().vllmName());
        return m;
    }

    /** Writes {@link #document} to {@code folder}/{@value #PLAN_FILE}. */
    public static Path write(Path folder, Map<String, Object> document) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(PLAN_FILE);
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), document);
        return file;
    }

    /** The plan as stored: in plan.json, in the results database and in the plan's report. */
    public static Map<String, Object> document(PlanRequest request, PlanResult result) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", SCHEMA);
        doc.put("model", request.model().name());
        doc.put("gpu", request.gpu().id());
        doc.put("nodes", request.nodes());
        doc.put("gpus_per_node", request.gpusPerNode());
        doc.put("input_tokens", request.inputTokens());
        doc.put("output_tokens", request.outputTokens());
        doc.put("concurrencies", request.concurrencies());
        doc.put("slo", request.slo().isSet() ? request.slo().toString() : null);
        doc.put("router", request.router().name().toLowerCase(java.util.Locale.ROOT));
        doc.put("requests_per_client", request.requestsPerClient());
        doc.put("seconds", result.seconds());
        doc.put("predictions", result.predictions().stream().map(Point::of).toList());
        Map<String, List<String>> frontiers = new LinkedHashMap<>();
        for (LatencyAxis axis : LatencyAxis.values()) {
            frontiers.put(axis.label(), result.frontiers().getOrDefault(axis, List.of()).stream()
                    .map(p -> p.configuration() + " @ c=" + p.concurrency()).toList());
        }
        doc.put("frontiers", frontiers);
        if (request.instances() instanceof AdvisedInstances advised) {
            // What advise --from-plan needs to render the chosen shape exactly as it was simulated.
            doc.put("advise", Map.of("vllm_version", advised.request().version().toString(),
                    "goal", advised.request().goal().name().toLowerCase(java.util.Locale.ROOT),
                    "quantization", advised.request().quantization().name().toLowerCase(java.util.Locale.ROOT)));
        }
        doc.put("decisions", result.decisions().stream().map(d -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("concurrency", d.concurrency());
            row.put("slo", d.slo());
            row.put("best", d.best().map(p -> deployed(p, request)).orElse(null));
            row.put("runner_up", d.runnerUp().map(p -> deployed(p, request)).orElse(null));
            row.put("shapes_meeting_slo", d.shapesMeetingSlo());
            return row;
        }).toList());
        doc.put("skipped", result.skipped());
        return doc;
    }
}
