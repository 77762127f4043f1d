package dev.servebench.metrics;

import java.util.List;

/**
 * The serving engines whose metric names this tool understands, each name checked against the engine's source.
 * For each signal the names are tried in order and the first one present wins (a newer name before the one it
 * replaced). Counters are named as the 0.0.4 text format shows them, with {@code _total}.
 */
public enum ServingEngine {
    /**
     * vLLM: vllm/v1/metrics/loggers.py, PrometheusStatLogger (V1 engine); the pre-V1 names from
     * vllm/engine/metrics.py as fallbacks. {@code vllm:kv_cache_usage_perc} replaced {@code gpu_cache_usage_perc},
     * {@code prefix_cache_*} replaced {@code gpu_prefix_cache_*} (0.9), {@code inter_token_latency_seconds}
     * replaced {@code time_per_output_token_seconds}; pre-V1 servers had a {@code gpu_prefix_cache_hit_rate} gauge.
     */
    VLLM("vllm", "vllm:"),
    /**
     * SGLang: python/sglang/srt/metrics/collector.py, SchedulerMetricsCollector (gauges; {@code token_usage} is
     * the KV pool's used fraction, {@code cache_hit_rate} the prefix cache's) and TokenizerMetricsCollector
     * (token counters, latency histograms). It serves /metrics only with {@code --enable-metrics}. Its
     * {@code prompt_tokens_total} counts every prompt token and {@code cached_tokens_total} (one series per
     * {@code cache_source} in newer builds, added up here) those its radix cache served: the prefix cache's
     * queries and hits in vLLM's terms.
     */
    SGLANG("sglang", "sglang:"),
    /**
     * llama.cpp's llama-server: the /metrics handler in tools/server/server-context.cpp (tools/server/server.cpp
     * before), served only with {@code --metrics}. {@code kv_cache_usage_ratio} exists in older builds only; it
     * has no latency histograms and no preemption or prefix-cache counters.
     */
    LLAMA_CPP("llama.cpp", "llamacpp:");

    private final String label;
    private final String prefix;

    ServingEngine(String label, String prefix) {
        this.label = label;
        this.prefix = prefix;
    }

    public String label() {
        return label;
    }

    /** Its metrics all start with this. */
    public String prefix() {
        return prefix;
    }

    public List<String> names(ServerGauge gauge) {
        return switch (this) {
            case VLLM -> switch (gauge) {
                case WAITING_REQUESTS -> List.of("vllm:num_requests_waiting");
                case RUNNING_REQUESTS -> List.of("vllm:num_requests_running");
                case KV_CACHE_USAGE -> List.of("vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc");
                case PREFIX_CACHE_HIT_RATE -> List.of("vllm:gpu_prefix_cache_hit_rate");
            };
            case SGLANG -> switch (gauge) {
                case WAITING_REQUESTS -> List.of("sglang:num_queue_reqs");
                case RUNNING_REQUESTS -> List.of("sglang:num_running_reqs");
                case KV_CACHE_USAGE -> List.of("sglang:token_usage");
                case PREFIX_CACHE_HIT_RATE -> List.of("sglang:cache_hit_rate");
            };
            case LLAMA_CPP -> switch (gauge) {
                case WAITING_REQUESTS -> List.of("llamacpp:requests_deferred");
                case RUNNING_REQUESTS -> List.of("llamacpp:requests_processing");
                case KV_CACHE_USAGE -> List.of("llamacpp:kv_cache_usage_ratio");
                case PREFIX_CACHE_HIT_RATE -> List.of();
            };
        };
    }

    public List<String> names(ServerCounter counter) {
        return switch (this) {
            case VLLM -> switch (counter) {
                case PREEMPTIONS -> List.of("vllm:num_preemptions_total");
                case PREFIX_CACHE_HITS -> List.of("vllm:prefix_cache_hits_total", "vllm:gpu_prefix_cache_hits_total");
                case PREFIX_CACHE_QUERIES -> List.of("vllm:prefix_cache_queries_total",
                        "vllm:gpu_prefix_cache_queries_total");
                case PROMPT_TOKENS -> List.of("vllm:prompt_tokens_total");
                case GENERATION_TOKENS -> List.of("vllm:generation_tokens_total");
            };
            case SGLANG -> switch (counter) {
                case PROMPT_TOKENS, PREFIX_CACHE_QUERIES -> List.of("sglang:prompt_tokens_total");
                case PREFIX_CACHE_HITS -> List.of("sglang:cached_tokens_total");
                case GENERATION_TOKENS -> List.of("sglang:generation_tokens_total");
                case PREEMPTIONS -> List.of();
            };
            case LLAMA_CPP -> switch (counter) {
                case PROMPT_TOKENS -> List.of("llamacpp:prompt_tokens_total");
                case GENERATION_TOKENS -> List.of("llamacpp:tokens_predicted_total");
                case PREEMPTIONS, PREFIX_CACHE_HITS, PREFIX_CACHE_QUERIES -> List.of();
            };
        };
    }

    /** Histogram family names (without {@code _bucket}). */
    public List<String> names(ServerHistogram histogram) {
        return switch (this) {
            case VLLM -> switch (histogram) {
                case TTFT -> List.of("vllm:time_to_first_token_seconds");
                case ITL -> List.of("vllm:inter_token_latency_seconds", "vllm:time_per_output_token_seconds");
            };
            case SGLANG -> switch (histogram) {
                case TTFT -> List.of("sglang:time_to_first_token_seconds");
                case ITL -> List.of("sglang:inter_token_latency_seconds", "sglang:time_per_output_token_seconds");
            };
            case LLAMA_CPP -> List.of();
        };
    }
}
