package dev.servebench.sim.server;

import dev.servebench.sim.engine.EngineSnapshot;
import dev.servebench.sim.engine.FinishReason;

import java.util.concurrent.atomic.LongAdder;

/** The simulator's Prometheus metrics under vLLM's names ({@code vllm:...}). */
final class SimMetrics {
    private final String labels;
    private final LatencyHistogram ttft = new LatencyHistogram("vllm:time_to_first_token_seconds",
            "Histogram of time to first token in seconds.", 0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25,
            0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0);
    private final LatencyHistogram tpot = new LatencyHistogram("vllm:time_per_output_token_seconds",
            "Histogram of time per output token in seconds.", 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4,
            0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0);
    private final LatencyHistogram e2e = new LatencyHistogram("vllm:e2e_request_latency_seconds",
            "Histogram of end to end request latency in seconds.", 0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0,
            15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0);
    private final LongAdder stopped = new LongAdder();
    private final LongAdder lengthCapped = new LongAdder();
    private final LongAdder aborted = new LongAdder();

    SimMetrics(String modelName) {
        this.labels = "model_name=\"" + modelName.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    void finished(FinishReason reason, long arrivalNanos, long firstTokenNanos, long endNanos, int completionTokens) {
        switch (reason) {
            case STOP -> stopped.increment();
            case LENGTH -> lengthCapped.increment();
            case ABORT -> aborted.increment();
        }
        if (firstTokenNanos > 0) {
            ttft.observe((firstTokenNanos - arrivalNanos) / 1e9);
            if (completionTokens > 1) {
                tpot.observe((endNanos - firstTokenNanos) / 1e9 / (completionTokens - 1));
            }
        }
        e2e.observe((endNanos - arrivalNanos) / 1e9);
    }

    void aborted() {
        aborted.increment();
    }

    String render(EngineSnapshot s) {
        return render(java.util.Map.of("", s));
    }

    /**
     * @param byRole the engines' state, one series per key: {@code ""} for one instance or an aggregated cluster
     *               (summed), {@code "prefill"} and {@code "decode"} for a disaggregated one, whose series carry a
     *               {@code role} label so a reader can tell the prefill pool's one token per request (which the
     *               decode pool generates again) from the answer's
     */
    String render(java.util.Map<String, EngineSnapshot> byRole) {
        StringBuilder out = new StringBuilder(4096);
        gauge(out, "vllm:num_requests_running", "Number of requests in model execution batches.", byRole,
                EngineSnapshot::running);
        gauge(out, "vllm:num_requests_waiting", "Number of requests waiting to be processed.", byRole,
                EngineSnapshot::waiting);
        gauge(out, "vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", byRole,
                EngineSnapshot::kvUsage);
        gauge(out, "vllm:gpu_cache_usage_perc", "GPU KV-cache usage (pre-V1 name). 1 means 100 percent usage.",
                byRole, EngineSnapshot::kvUsage);
        counter(out, "vllm:prompt_tokens_total", "Number of prefill tokens processed.", byRole,
                EngineSnapshot::promptTokens);
        counter(out, "vllm:generation_tokens_total", "Number of generation tokens processed.", byRole,
                EngineSnapshot::generationTokens);
        counter(out, "vllm:num_preemptions_total", "Cumulative number of preemption from the engine.", byRole,
                EngineSnapshot::preemptions);
        counter(out, "vllm:prefix_cache_queries_total", "Prefix cache queries, in terms of number of queried tokens.",
                byRole, EngineSnapshot::prefixQueriedTokens);
        counter(out, "vllm:prefix_cache_hits_total", "Prefix cache hits, in terms of number of cached tokens.",
                byRole, EngineSnapshot::prefixHitTokens);
        out.append("# HELP vllm:request_success_total Count of successfully processed requests.\n");
        out.append("# TYPE vllm:request_success_total counter\n");
        out.append("vllm:request_success_total{").append(labels).append(",finished_reason=\"stop\"} ")
                .append(stopped.sum()).append('\n');
        out.append("vllm:request_success_total{").append(labels).append(",finished_reason=\"length\"} ")
                .append(lengthCapped.sum()).append('\n');
        out.append("vllm:request_success_total{").append(labels).append(",finished_reason=\"abort\"} ")
                .append(aborted.sum()).append('\n');
        ttft.render(out, labels);
        tpot.render(out, labels);
        e2e.render(out, labels);
        return out.toString();
    }

    private void gauge(StringBuilder out, String name, String help, java.util.Map<String, EngineSnapshot> byRole,
                       java.util.function.ToDoubleFunction<EngineSnapshot> value) {
        series(out, name, help, "gauge", byRole, s -> Double.toString(value.applyAsDouble(s)));
    }

    private void counter(StringBuilder out, String name, String help, java.util.Map<String, EngineSnapshot> byRole,
                         java.util.function.ToLongFunction<EngineSnapshot> value) {
        series(out, name, help, "counter", byRole, s -> Long.toString(value.applyAsLong(s)));
    }

    /** One metric family: its HELP and TYPE lines, then a sample per role (one, unlabelled, outside a P/D cluster). */
    private void series(StringBuilder out, String name, String help, String type,
                        java.util.Map<String, EngineSnapshot> byRole,
                        java.util.function.Function<EngineSnapshot, String> value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        byRole.forEach((role, s) -> out.append(name).append('{').append(labels(role)).append("} ")
                .append(value.apply(s)).append('\n'));
    }

    private String labels(String role) {
        return role.isEmpty() ? labels : labels + ",role=\"" + role + "\"";
    }
}
