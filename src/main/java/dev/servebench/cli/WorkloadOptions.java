package dev.servebench.cli;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.WorkloadFile;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/**
 * The workload flags shared by {@code bench} and every {@code experiment}: phases, levels,
 * request counts, token lengths, prompts, SLOs. Each is also a workload-file key.
 */
final class WorkloadOptions {
    @Option(names = "--workload", paramLabel = "FILE",
            description = "YAML or JSON file with any of the settings below (docs/workload-file.md).")
    Path workloadFile;

    @Option(names = "--phases", split = ",", paramLabel = "PHASE",
            description = "Phases to run: warmup,baseline,scaling,stress,saturation (default: all).")
    List<String> phases;

    @Option(names = "--scaling", split = ",", paramLabel = "C",
            description = "SCALING concurrencies (default 5,10,25,50,100,150,200).")
    List<Integer> scaling;

    @Option(names = "--saturation", split = ",", paramLabel = "C",
            description = "SATURATION concurrencies (default 150,200,300,500,750,1000).")
    List<Integer> saturation;

    @Option(names = "--rates", split = ",", paramLabel = "REQ_PER_S",
            description = "Run SCALING open-loop at these request rates instead of concurrencies.")
    List<Double> rates;

    @Option(names = "--arrival", paramLabel = "poisson|constant",
            description = "Open-loop arrivals: poisson (default, seeded) or constant spacing.")
    String arrival;

    @Option(names = "--requests", paramLabel = "N",
            description = "Requests per level of SCALING, STRESS and SATURATION (default max(20, 2 × concurrency)).")
    Integer requests;

    @Option(names = "--baseline-requests", paramLabel = "N", description = "Requests in BASELINE (default 10).")
    Integer baselineRequests;

    @Option(names = "--intensity", paramLabel = "quick|default|thorough",
            description = "Scales request counts by 0.5×, 1× or 3×.")
    String intensity;

    @Option(names = "--cooldown", paramLabel = "DURATION", description = "Pause between phases (default 3s).")
    String cooldown;

    @Option(names = "--max-level-duration", paramLabel = "DURATION",
            description = "Stop issuing a level's requests after this long (its in-flight requests finish).")
    String maxLevelDuration;

    @Option(names = "--input-tokens", paramLabel = "N",
            description = "Prompt length of the main and saturation workloads (default 500).")
    Integer inputTokens;

    @Option(names = "--output-tokens", paramLabel = "N",
            description = "max_tokens of the main and saturation workloads (default 200 and 100).")
    Integer outputTokens;

    @Option(names = "--saturation-input-tokens", paramLabel = "N", description = "Prompt length in SATURATION only.")
    Integer saturationInputTokens;

    @Option(names = "--saturation-output-tokens", paramLabel = "N", description = "max_tokens in SATURATION only.")
    Integer saturationOutputTokens;

    @Option(names = "--long-output-tokens", paramLabel = "N", description = "STRESS long-output length (default 500).")
    Integer longOutputTokens;

    @Option(names = "--long-context", split = ",", paramLabel = "N",
            description = "STRESS long-context prompt lengths (default 4000,8000).")
    List<Integer> longContext;

    @Option(names = "--ignore-eos", description = "Send ignore_eos so every response is exactly --output-tokens long; "
            + "shorter responses then count as failures (short).")
    Boolean ignoreEos;

    @Option(names = "--prompt", paramLabel = "random|paper|paper-exact",
            description = "random (default): unique per request (defeats prefix caching) and exactly "
                    + "--input-tokens long by --tokenizer; paper: the study's repeated passage at ~4 characters "
                    + "per token; paper-exact (formerly exact): that passage cut to the exact length. Both paper "
                    + "modes send the same text every time, so a prefix cache flatters the server.")
    String prompt;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the prompts, the dataset sample and Poisson "
            + "arrivals. Default: a new one drawn for every run (and every trial of an experiment), printed and kept "
            + "in summary.json, because a server's prefix cache keeps what earlier runs sent: a run that repeats "
            + "their prompts measures the cache, not the prefill. Give a run's seed to replay its requests exactly.")
    Long seed;

    @Option(names = "--images", paramLabel = "N", description = "Images per request (chat API); enables vision STRESS cases.")
    Integer images;

    @Option(names = "--image-url", paramLabel = "URL",
            description = "Image URL to send (repeatable); default: generated PNGs inlined as base64 data URIs.")
    List<String> imageUrls;

    @Option(names = "--prefix-groups", paramLabel = "G",
            description = "Shared prefixes: G system prompts (default 1 with --prefix-tokens); request i starts with "
                    + "group i mod G's, then its own text, so prefix caching is measured on purpose.")
    Integer prefixGroups;

    @Option(names = "--prefix-tokens", paramLabel = "P",
            description = "Length of each shared system prompt in tokens, part of --input-tokens.")
    Integer prefixTokens;

    @Option(names = "--dataset", paramLabel = "KIND:PATH",
            description = "Prompts from a local dataset file, sampled with --seed: sharegpt:FILE.json (ShareGPT "
                    + "conversations; max_tokens is the recorded answer's length, exact with --ignore-eos, "
                    + "as vLLM's client does), jsonl:FILE (one {\"prompt\", \"output_tokens\", \"images\", "
                    + "\"id\"} per line) or hf:FILE.jsonl|FILE.parquet (a Hugging Face dataset saved locally; "
                    + "name its columns with --dataset-columns). Nothing is downloaded.")
    String dataset;

    @Option(names = "--dataset-columns", paramLabel = "MAP",
            description = "Column names of an hf: or jsonl: dataset, e.g. prompt=question,output=answer "
                    + "(keys: prompt, output, output_tokens, images, id).")
    String datasetColumns;

    @Option(names = "--dataset-filter", paramLabel = "SPEC",
            description = "Length filter on the sampled requests: none, vllm (ShareGPT's default: prompt 4-1024, "
                    + "output >= 4, total <= 2048), or min_input=N,max_input=N,min_output=N,max_total=N.")
    String datasetFilter;

    @Option(names = "--trace", paramLabel = "PATH",
            description = "Replay a trace's arrivals open-loop, each timed from its scheduled time, with its input "
                    + "and output lengths: a Mooncake JSONL (timestamp, input_length, output_length, hash_ids: "
                    + "requests sharing a block id share that text) or an Azure LLM inference CSV. Replaces "
                    + "SCALING's levels by one replay per --trace-speed.")
    String trace;

    @Option(names = "--trace-format", paramLabel = "mooncake|azure",
            description = "The trace's format (default: told from the file).")
    String traceFormat;

    @Option(names = "--trace-speed", split = ",", paramLabel = "X",
            description = "Replay speeds: 2 halves every gap between arrivals (default 1).")
    List<Double> traceSpeed;

    @Option(names = "--trace-limit", paramLabel = "N", description = "Replay only the trace's first N arrivals.")
    Integer traceLimit;

    @Option(names = "--turns", paramLabel = "T",
            description = "Multi-turn: each closed-loop user holds a conversation of T turns; every turn resends the "
                    + "history with the server's own answers plus a new --input-tokens message (default 1). "
                    + "TTFT is reported per turn.")
    Integer turns;

    @Option(names = "--think-time", paramLabel = "DURATION",
            description = "Pause between an answer and the user's next turn (default 0s).")
    String thinkTime;

    @Option(names = "--slo", paramLabel = "SPEC", description = "Goodput SLOs a request must meet, e.g. "
            + "ttft=2s,tpot=50ms,itl=50ms,e2e=30s: tpot bounds a request's mean gap between tokens, itl the p99 of its "
            + "own gaps (the stalls a user sees mid-answer).")
    String slo;

    @Option(names = "--active-params", paramLabel = "BILLIONS",
            description = "Active parameters in billions, for tokens/s per billion active parameters.")
    Double activeParams;


    /** This mixin's own options: each one's name is its workload-file key, in kebab-case. */
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The flag naming the file itself, the one setting that is not a key of it. */
    private static final String WORKLOAD_FLAG = "--workload";

    /** The one flag whose file key is not its name: a list in the file, one URL per repeated flag. */
    private static final java.util.Map<String, String> FILE_KEYS = java.util.Map.of("--image-url", "image_urls");

    /** The flags given, as a workload whose absent keys are the flags not given. */
    WorkloadFile flags() {
        java.util.Map<String, Object> keys = new java.util.LinkedHashMap<>();
        for (picocli.CommandLine.Model.OptionSpec option : spec.options()) {
            Object value = option.getValue();
            if (value != null && !option.longestName().equals(WORKLOAD_FLAG)) {
                keys.put(fileKey(option.longestName()), value);
            }
        }
        return WorkloadFile.fromKeys(keys);
    }

    static String fileKey(String flag) {
        return FILE_KEYS.getOrDefault(flag, flag.substring(2).replace('-', '_'));
    }

    /**
     * Every setting as this run consolidates it: the flags over the workload file (when given), over SPEC's
     * defaults. What a coordinator hands its workers, and what {@link #configBuilder()} builds.
     */
    WorkloadFile consolidated() {
        return workloadFile == null ? flags() : flags().over(WorkloadFile.read(workloadFile));
    }

    /** The file's settings, then the flags over them, on SPEC's defaults. */
    BenchmarkConfig.Builder configBuilder() {
        return consolidated().toConfigBuilder();
    }

    /** For a run against a server: a fresh seed unless the flag or the file gave one. */
    BenchmarkConfig buildConfig() {
        return configBuilder().drawSeedUnlessGiven().build();
    }
}
