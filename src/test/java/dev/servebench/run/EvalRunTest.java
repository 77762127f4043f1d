package dev.servebench.run;

import dev.servebench.distributed.ClientSettings;
import dev.servebench.eval.EvalSettings;
import dev.servebench.eval.EvalTask;
import dev.servebench.eval.TaskAccuracy;
import dev.servebench.eval.TaskFile;
import dev.servebench.eval.TaskResult;
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
import dev.servebench.store.DatabaseLocation;
import dev.servebench.store.RunStore;
import dev.servebench.store.StoredEval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link EvalRun} called directly: the tasks and the server in, every task's accuracy and where it went out. */
class EvalRunTest {
    private static final Path TASKS = Path.of("src", "test", "resources", "eval");
    private static final ClientAccess CLIENT = new ClientAccess(ClientSettings.defaults(), Optional.empty());

    @TempDir
    Path dir;

    private final StringWriter errText = new StringWriter();
    private final PrintWriter err = new PrintWriter(errText, true);

    @Test
    void returnsEachTasksAccuracyAndRecordsTheCheck() throws Exception {
        EvalTask arithmetic = TaskFile.read("gsm8k:" + TASKS.resolve("arithmetic_500.jsonl"), Optional.empty(),
                OptionalInt.of(40));
        EvalTask mmlu = TaskFile.read("mmlu:" + TASKS.resolve("mmlu_sample.jsonl"), Optional.empty(),
                OptionalInt.empty());
        Oracle oracle = Oracle.of(List.of(arithmetic), 0.10, 7);
        Path db = dir.resolve("runs.db");
        Path folder = dir.resolve("eval");
        EvalRun.Result run;
        try (SimServer sim = start(oracle)) {
            run = EvalRun.run(new EvalRun.Options(sim.baseUri(), "sim-model", CLIENT, List.of(arithmetic, mmlu),
                    new EvalSettings(OptionalInt.empty(), 8, 1234), folder,
                    Optional.of(DatabaseLocation.sqliteFile(db))), err);
        }

        List<TaskAccuracy> accuracy = run.results().stream().map(TaskResult::accuracy).toList();
        assertThat(accuracy).extracting(TaskAccuracy::task).containsExactly("arithmetic_500", "mmlu_sample");
        assertThat(accuracy.get(0).items()).isEqualTo(40);
        assertThat(accuracy.get(0).correct()).isEqualTo(40 - oracle.wrong());
        // The MMLU questions are not the oracle's: its filler text answers them, graded wrong.
        assertThat(accuracy.get(1).correct()).isZero();
        assertThat(errText.toString()).contains("servebench: eval: " + (40 + mmlu.items().size()) + " question(s) in 2 task(s)");
        assertThat(run.report()).isEqualTo(folder.resolve("report.html")).isNotEmptyFile();
        assertThat(folder.resolve("eval.json")).isNotEmptyFile();
        assertThat(run.database()).isPresent();
        try (RunStore store = RunStore.open(DatabaseLocation.sqliteFile(db))) {
            assertThat(store.evals(run.evalId().orElseThrow())).extracting(StoredEval::task, StoredEval::correct)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("arithmetic_500", 40 - oracle.wrong()),
                            org.assertj.core.groups.Tuple.tuple("mmlu_sample", 0));
        }
    }

    @Test
    void aServerThatCannotAnswerEndsTheCheckBeforeAnythingIsWritten() throws Exception {
        EvalTask arithmetic = TaskFile.read("gsm8k:" + TASKS.resolve("arithmetic_500.jsonl"), Optional.empty(),
                OptionalInt.of(5));
        Path folder = dir.resolve("eval");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EvalRun.Options options = new EvalRun.Options(URI.create("http://127.0.0.1:" + port), "m", CLIENT,
                List.of(arithmetic), new EvalSettings(OptionalInt.empty(), 8, 1234), folder, Optional.empty());
        assertThatThrownBy(() -> EvalRun.run(options, err)).isInstanceOf(RuntimeException.class);
        assertThat(folder.resolve("eval.json")).doesNotExist();
    }

    private static SimServer start(Oracle oracle) throws java.io.IOException {
        SimulatedDeployment d = SimulatedDeployment.of(ModelCatalogue.load("qwen3-235b-a22b"),
                AcceleratorCatalogue.get("mi325x"), ServingOptions.defaults(8));
        return SimServer.start(SimBackend.single(d), d, "sim-model", "127.0.0.1", 0, ImageTokens.fixed(100),
                AnswerLengths.UNTIL_MAX_TOKENS, FaultPlan.NONE, Integer.MAX_VALUE, Optional.of(oracle));
    }
}
