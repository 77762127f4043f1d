package dev.servebench.run;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.LevelMetric;
import dev.servebench.bench.TokenizerChoice;
import dev.servebench.distributed.ClientSettings;
import dev.servebench.eval.EvalSettings;
import dev.servebench.eval.EvalTask;
import dev.servebench.eval.TaskFile;
import dev.servebench.experiment.AblationSettings;
import dev.servebench.experiment.AccuracyPlan;
import dev.servebench.experiment.TargetSpec;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.server.FaultPlan;
import dev.servebench.sim.server.Oracle;
import dev.servebench.sim.server.SimBackend;
import dev.servebench.sim.server.SimServer;
import dev.servebench.sim.text.AnswerLengths;
import dev.servebench.sim.text.ImageTokens;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The simulator served in this test JVM, answering the first 20 questions of the arithmetic task file rightly but for
 * a seeded tenth: what the experiment and eval application tests run against, and the ablation with an accuracy
 * check they both run.
 */
final class OracleSimulator implements AutoCloseable {
    static final String MODEL = "qwen3-235b-a22b";
    /** The task files the eval tests read. */
    static final Path TASKS = Path.of("src", "test", "resources", "eval");
    /** Short limits and the estimate tokenizer: nothing waits on a /tokenize round trip. */
    static final ClientAccess CLIENT = new ClientAccess(new ClientSettings(
            ClientSettings.defaults().api(), true, Duration.ofSeconds(5), Duration.ofSeconds(60), false,
            Duration.ofSeconds(4), TokenizerChoice.parse("estimate")), Optional.empty());

    final EvalTask arithmetic;
    final Oracle oracle;
    final SimServer sim;

    private OracleSimulator(EvalTask arithmetic, Oracle oracle, SimServer sim) {
        this.arithmetic = arithmetic;
        this.oracle = oracle;
        this.sim = sim;
    }

    static OracleSimulator start() throws IOException {
        EvalTask arithmetic = TaskFile.read("gsm8k:" + TASKS.resolve("arithmetic_500.jsonl"), Optional.empty(),
                OptionalInt.of(20));
        Oracle oracle = Oracle.of(List.of(arithmetic), 0.10, 7);
        SimulatedDeployment d = deployment(8);
        SimServer sim = SimServer.start(SimBackend.single(d), d, "sim-model", "127.0.0.1", 0, ImageTokens.fixed(100),
                AnswerLengths.UNTIL_MAX_TOKENS, FaultPlan.NONE, Integer.MAX_VALUE, Optional.of(oracle));
        return new OracleSimulator(arithmetic, oracle, sim);
    }

    static SimulatedDeployment deployment(int gpus) {
        return SimulatedDeployment.of(ModelCatalogue.load(MODEL), AcceleratorCatalogue.get("mi325x"),
                ServingOptions.defaults(gpus));
    }

    TargetSpec target() {
        return ExperimentRun.server(sim.baseUri(), "sim-model");
    }

    /** Conditions a and b (no restart command), two trials each, then the arithmetic check of each after its runs. */
    AblationOptions ablationWithAccuracyCheck(BenchmarkConfig workload) {
        return new AblationOptions(target(), CLIENT, workload,
                new AblationSettings(List.of("a", "b"), 2, List.of(LevelMetric.parse("total-tokens-per-s")), 0.05),
                List.of("a=", "b="), Map.of(), Optional.empty(), ExperimentDeployments.none(),
                Optional.of(new AblationOptions.Accuracy(List.of("arithmetic"), List.of(arithmetic),
                        new EvalSettings(OptionalInt.empty(), 8, 1234), AccuracyPlan.When.AFTER)));
    }

    @Override
    public void close() {
        sim.close();
    }
}
