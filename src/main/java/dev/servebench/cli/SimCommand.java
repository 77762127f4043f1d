package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.eval.TaskFile;
import dev.servebench.sim.server.FaultPlan;
import dev.servebench.sim.server.Oracle;
import dev.servebench.sim.server.SimServer;
import dev.servebench.sim.text.AnswerLengths;
import dev.servebench.sim.cluster.SimulatedCluster;
import dev.servebench.sim.server.SimBackend;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code sim}: the simulated vLLM server, in real time, until interrupted. */
@Command(name = "sim", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve a simulated vLLM deployment over the OpenAI API (real time) for clients and benchmarks.",
        footer = {"", "Examples:",
                "  servebench sim --model llama-3.1-405b --gpu mi325x --gpus 8 --quantization fp8 --port 8000",
                "  servebench sim --model qwen3-235b-a22b --error-rate 0.05 --reset-rate 0.01",
                "  servebench sim --answer-mean-tokens 300   # answers without ignore_eos stop at EOS, 300 tokens on average",
                "  servebench sim --study deepseek-v3.2 --port 8000   # the MI325X study's deployment of DeepSeek V3.2",
                "  servebench sim --model qwen3-235b-a22b --gpus 8 --tp 4 --disaggregate 1P1D   # prefill/decode on one node",
                "  servebench sim --oracle gsm8k:test.jsonl --oracle-error-rate 0.1 --oracle-seed 7   # answers for eval tests"})
final class SimCommand implements Callable<Integer> {
    @Mixin
    DeploymentOptions deployment;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--decode-only", description = "Serve decode alone: every prompt's KV cache counts as already "
            + "filled (vLLM's DecodeBenchConnector), so no prefill competes with decoding and TTFT is one decode step.")
    boolean decodeOnly;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8000", description = "Port (default: ${DEFAULT-VALUE}; 0 = any).")
    int port;

    @Option(names = "--served-model-name", paramLabel = "NAME", description = "Model name in the API (default: the catalogue name).")
    String servedModelName;

    @Option(names = "--max-waiting", paramLabel = "N", defaultValue = "100000",
            description = "Waiting requests beyond which new ones get HTTP 503 (default: ${DEFAULT-VALUE}).")
    int maxWaiting;

    @Option(names = "--error-rate", paramLabel = "P", defaultValue = "0", description = "Fraction of requests answered 500/503.")
    double errorRate;

    @Option(names = "--stall-rate", paramLabel = "P", defaultValue = "0", description = "Fraction of responses stalled before output.")
    double stallRate;

    @Option(names = "--stall-ms", paramLabel = "MS", defaultValue = "2000", description = "Stall length in ms (default: ${DEFAULT-VALUE}).")
    long stallMillis;

    @Option(names = "--reset-rate", paramLabel = "P", defaultValue = "0", description = "Fraction of streams reset mid-way.")
    double resetRate;

    @Option(names = "--malformed-rate", paramLabel = "P", defaultValue = "0", description = "Fraction of streams with a malformed chunk.")
    double malformedRate;

    @Option(names = "--truncate-rate", paramLabel = "P", defaultValue = "0", description = "Fraction of streams cut off without [DONE].")
    double truncateRate;

    @Option(names = "--fault-seed", paramLabel = "N", defaultValue = "1", description = "Seed of the fault draws.")
    long faultSeed;

    @Option(names = "--oracle", paramLabel = "[KIND:]FILE",
            description = {"Answer the questions of this task file (as servebench eval asks them, matched by exact "
                    + "prompt text) with their right answers instead of filler text; for testing accuracy checks. "
                    + "Repeatable. Other prompts get the usual filler."})
    List<String> oracle = new ArrayList<>();

    @Option(names = "--oracle-columns", paramLabel = "MAP",
            description = "Field names of the --oracle files when they differ from the format's (as eval --task-columns).")
    String oracleColumns;

    @Option(names = "--oracle-error-rate", paramLabel = "P", defaultValue = "0",
            description = "Share of the oracle's items answered wrong, each drawn with this probability from the seed "
                    + "(default ${DEFAULT-VALUE}).")
    double oracleErrorRate;

    @Option(names = "--oracle-seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of which items the oracle answers wrong (default ${DEFAULT-VALUE}).")
    long oracleSeed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new BadInputException("--port " + port + " is not a TCP port; give one in 0..65535 (0 = any free one)");
        }
        PrintWriter out = spec.commandLine().getOut();
        SimulatedDeployment d = deployment.deployment();
        deployment.aiterOffWhy(d).ifPresent(why -> spec.commandLine().getErr().println(
                "servebench: AITER off, as advise deploys it: " + why));
        d.uncalibrated().ifPresent(line -> spec.commandLine().getErr().println("servebench: " + line));
        AnswerLengths answers = deployment.answerLengths();
        FaultPlan faults = new FaultPlan(errorRate, stallRate, stallMillis, resetRate, malformedRate, truncateRate,
                faultSeed);
        String name = servedModelName != null ? servedModelName : d.model().name();
        java.util.Optional<SimulatedCluster> simulatedCluster = cluster.cluster(d, deployment::requestedOptions, deployment.gpus);
        Optional<Oracle> scripted = oracle.isEmpty() ? Optional.empty() : Optional.of(Oracle.of(oracle.stream()
                .map(f -> TaskFile.read(f, Optional.ofNullable(oracleColumns), OptionalInt.empty())).toList(),
                oracleErrorRate, oracleSeed));
        try (SimServer server = listen(d, simulatedCluster, answers, faults, name, scripted)) {
            String shape = simulatedCluster.map(c -> c.shape().label() + " on " + cluster.nodes + " x "
                    + deployment.gpus + " " + d.accelerator().id() + " (" + cluster.router + " router)")
                    .orElse(d.options().tensorParallel() + " x " + d.accelerator().id() + " (TP "
                            + d.options().tensorParallel() + ")");
            out.printf(Locale.ROOT, "servebench sim: %s as %s, %s, KV cache %d tokens per instance%s; serving '%s' at %s%n",
                    d.model().name(), shape, d.kernelPath().key(), simulatedCluster.map(c -> c.decodeDeployment())
                            .orElse(d).engineConfig().kvCapacityTokens(), AnswerLengthOptions.describe(answers), name,
                    server.baseUri());
            scripted.ifPresent(o -> out.printf(Locale.ROOT, "servebench sim: oracle answers %d questions of %s, %d "
                    + "of them wrong (error rate %s, seed %d)%n", o.items(), String.join(", ", oracle), o.wrong(),
                    oracleErrorRate, oracleSeed));
            deployment.studyPreset().ifPresent(p -> out.printf(Locale.ROOT, "servebench sim: deployed as the MI325X "
                    + "study served %s; 'servebench predict --study %s' lists the prompt and output tokens of each of "
                    + "its rows%n", p.model().studyName(), p.model().catalogueName()));
            out.flush();
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return 0;
    }

    /**
     * Starts the server; a port that cannot be bound is bad input (exit 2, one line naming the port)
     * rather than a failed run with a bare "Address already in use".
     */
    private SimServer listen(SimulatedDeployment d, java.util.Optional<SimulatedCluster> cluster, AnswerLengths answers,
                             FaultPlan faults, String name, Optional<Oracle> scripted) throws IOException {
        try {
            SimBackend backend = cluster.map(SimBackend::cluster).orElseGet(() -> SimBackend.single(d));
            return SimServer.start(decodeOnly ? backend.decodeOnly() : backend,
                    cluster.map(SimulatedCluster::decodeDeployment).orElse(d), name, host, port,
                    deployment.imageTokens(), answers, faults, maxWaiting, scripted);
        } catch (IOException e) {
            BindException bind = bindFailure(e);
            if (bind == null) {
                throw e;
            }
            String why = bind.getMessage() == null ? "" : bind.getMessage();
            if (why.toLowerCase(Locale.ROOT).contains("in use")) {
                throw new BadInputException("port " + port + " is in use on " + host
                        + "; pick another with --port", e);
            }
            throw new BadInputException("cannot listen on " + host + ":" + port + " (" + why
                    + "); check --host and --port", e);
        }
    }

    /** Netty rethrows the bind failure itself, or wrapped; either way it is in the cause chain. */
    private static BindException bindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException b) {
                return b;
            }
        }
        return null;
    }
}
