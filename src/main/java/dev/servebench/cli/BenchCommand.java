package dev.servebench.cli;

import dev.servebench.bench.Benchmark;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.HttpLevelExecutor;
import dev.servebench.bench.PromptMode;
import dev.servebench.bench.TargetInfo;
import dev.servebench.bench.WorkloadFile;
import dev.servebench.client.ApiKey;
import dev.servebench.client.ApiKind;
import dev.servebench.client.EndpointConfig;
import dev.servebench.client.OpenAiClient;
import dev.servebench.client.RemoteTokenizer;
import dev.servebench.report.BenchmarkTables;
import dev.servebench.report.ReportFiles;
import dev.servebench.report.ReportModel;
import dev.servebench.report.RunLoader;
import dev.servebench.store.ResultsFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Runs the progressive benchmark against an OpenAI-compatible endpoint (or the built-in target).",
        description = {
            "Runs the progressive benchmark (WARMUP, BASELINE, SCALING, STRESS, SATURATION) against one",
            "OpenAI-compatible endpoint, or against the built-in target when --url is not given.",
            "Every request is appended to <out>/requests.jsonl as it ends; <out>/summary.json holds",
            "per-level metrics and statuses (schema: docs/summary-schema.md). At the end it writes",
            "<out>/report.html (self-contained charts) and <out>/tables/ (Markdown and CSV) unless --no-report."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  # The whole pipeline against the built-in target, no GPU needed:",
            "  servebench bench",
            "  # A vLLM or llama.cpp server, forcing 64 output tokens per request:",
            "  servebench bench --url http://127.0.0.1:8080 --model m --phases warmup,baseline,scaling \\",
            "      --scaling 1,4,8 --input-tokens 128 --output-tokens 64 --ignore-eos",
            "  # Saturation only, 40,000 requests at 2,000 concurrent streams, results in ./sat:",
            "  servebench bench --url http://127.0.0.1:8000 --model m --phases saturation --saturation 2000 \\",
            "      --requests 40000 --input-tokens 16 --output-tokens 16 --out sat",
            "  # Open-loop Poisson arrivals at 2, 5 and 10 req/s with goodput under SLOs:",
            "  servebench bench --url http://127.0.0.1:8000 --model m --phases scaling --rates 2,5,10 \\",
            "      --slo ttft=2s,tpot=50ms",
            "  # Everything from a file (flags still override it):",
            "  servebench bench --workload workload.yaml --url http://127.0.0.1:8000 --model m"})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--url", paramLabel = "URL",
            description = "Base URL of the server, e.g. http://127.0.0.1:8000 (a trailing /v1 is fine). "
                    + "Default: the built-in target, started in this process.")
    URI url;

    @Option(names = "--model", paramLabel = "NAME", description = "The model name to send (required with --url).")
    String model;

    @Option(names = "--api", paramLabel = "chat|completions", defaultValue = "chat",
            description = "Endpoint: /v1/chat/completions (chat, default) or /v1/completions.")
    String api;

    @Option(names = "--no-stream", description = "Ask for whole responses instead of SSE (no TTFT/ITL then).")
    boolean noStream;

    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "Environment variable holding the API key (sent as Authorization: Bearer).")
    String apiKeyEnv;

    @Option(names = "--api-key-file", paramLabel = "FILE", description = "File whose first line is the API key.")
    Path apiKeyFile;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class, description = "TCP/TLS connect limit (default ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "300s", converter = DurationConverter.class,
            description = "Total limit per request, send to last byte (default ${DEFAULT-VALUE}).")
    Duration requestTimeout;

    @Option(names = "--insecure", description = "Accept any TLS certificate (self-signed test servers).")
    boolean insecure;

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

    @Option(names = "--prompt", paramLabel = "paper|random|exact",
            description = "paper: the study's repeated passage (prefix caching can flatter); random (default): "
                    + "unique per request; exact: exact token counts via the server's /tokenize.")
    String prompt;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for random prompts and Poisson arrivals (default 42).")
    Long seed;

    @Option(names = "--images", paramLabel = "N", description = "Images per request (chat API); enables vision STRESS cases.")
    Integer images;

    @Option(names = "--image-url", paramLabel = "URL",
            description = "Image URL to send (repeatable); default: generated PNGs inlined as base64 data URIs.")
    List<String> imageUrls;

    @Option(names = "--slo", paramLabel = "SPEC", description = "Goodput SLOs, e.g. ttft=2s,tpot=50ms,e2e=30s.")
    String slo;

    @Option(names = "--active-params", paramLabel = "BILLIONS",
            description = "Active parameters in billions, for tokens/s per billion active parameters.")
    Double activeParams;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Results folder (default results/<date>-<time>-<model>). Must not hold earlier results.")
    Path out;

    @Option(names = "--quiet", description = "No live progress even on a terminal.")
    boolean quiet;

    @Option(names = "--no-report", description = "Skip writing <out>/report.html and <out>/tables/ at the end.")
    boolean noReport;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        BenchmarkConfig config = buildConfig();
        if (url != null && (model == null || model.isBlank())) {
            throw new IllegalArgumentException("--model is required with --url (the name the server serves; "
                    + "see GET " + url + "/v1/models)");
        }
        try (BuiltInTarget builtIn = url == null ? BuiltInTarget.start(model) : null) {
            URI base = builtIn != null ? builtIn.url() : url;
            String modelName = builtIn != null ? builtIn.model() : model;
            TargetInfo target = new TargetInfo(builtIn != null ? builtIn.name() : base.getHost() + ":" + base.getPort(),
                    base.toString(), modelName);
            EndpointConfig endpoint = endpoint(base, modelName);
            Path folder = out != null ? out : defaultFolder(modelName);
            try (OpenAiClient client = new OpenAiClient(endpoint);
                 ResultsFolder results = new ResultsFolder(folder);
                 ProgressDisplay progress = !quiet && Terminal.isInteractive() ? new ProgressDisplay(stderr) : null) {
                Benchmark.Builder builder = Benchmark.builder().target(target).config(config)
                        .executor(new HttpLevelExecutor(client)).listener(results);
                if (progress != null) {
                    builder.listener(progress);
                }
                if (config.promptMode() == PromptMode.EXACT) {
                    builder.tokenCounter(new RemoteTokenizer(client)::count);
                }
                stderr.println("servebench: benchmarking " + target.name() + " (" + base + "), results in " + folder);
                BenchmarkResult result = builder.build().run();
                if (progress != null) {
                    progress.close();
                }
                stdout.print(BenchmarkTables.render(result));
                stdout.println("Results: " + folder.resolve(ResultsFolder.SUMMARY_FILE) + " and "
                        + folder.resolve(ResultsFolder.REQUESTS_FILE));
            }
            // After the results folder is closed: the report reads requests.jsonl complete and flushed.
            writeReport(folder, stdout);
        }
        return 0;
    }

    /** Writes report.html and tables/ into a finished results folder, unless --no-report. */
    void writeReport(Path folder, PrintWriter stdout) throws java.io.IOException {
        if (noReport) {
            return;
        }
        ReportFiles.Written report = ReportFiles.write(ReportModel.of(List.of(RunLoader.fromFolder(folder))),
                folder.resolve(ReportFiles.HTML_FILE), folder.resolve("tables"));
        stdout.println("Report: " + report.html());
    }

    private EndpointConfig endpoint(URI base, String modelName) {
        EndpointConfig endpoint = EndpointConfig.of(base, modelName)
                .withApi(switch (api.toLowerCase(Locale.ROOT)) {
                    case "chat" -> ApiKind.CHAT;
                    case "completions" -> ApiKind.COMPLETIONS;
                    default -> throw new IllegalArgumentException("--api must be chat or completions, got '" + api + "'");
                })
                .withStream(!noStream)
                .withTimeouts(connectTimeout, requestTimeout)
                .withInsecureTls(insecure);
        if (apiKeyEnv != null && apiKeyFile != null) {
            throw new IllegalArgumentException("give either --api-key-env or --api-key-file, not both");
        }
        if (apiKeyEnv != null) {
            endpoint = endpoint.withApiKey(ApiKey.fromEnvironment(apiKeyEnv));
        } else if (apiKeyFile != null) {
            endpoint = endpoint.withApiKey(ApiKey.fromFile(apiKeyFile));
        }
        return endpoint;
    }

    BenchmarkConfig buildConfig() {
        BenchmarkConfig.Builder builder = BenchmarkConfig.builder();
        if (workloadFile != null) {
            WorkloadFile.read(workloadFile).applyTo(builder);
        }
        // Flags are a workload file whose absent keys are the flags not given: one way to apply both.
        new WorkloadFile(phases, inputTokens, outputTokens, saturationInputTokens, saturationOutputTokens, images,
                imageUrls, scaling, saturation, baselineRequests, requests, intensity, cooldown, prompt, ignoreEos,
                seed, rates, arrival, slo, activeParams, longOutputTokens, longContext, maxLevelDuration)
                .applyTo(builder);
        return builder.build();
    }

    private static Path defaultFolder(String modelName) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String safe = modelName.replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of("results", stamp + "-" + safe);
    }
}
