package dev.servebench.eval;

import dev.servebench.client.ApiKind;
import dev.servebench.client.EndpointConfig;
import dev.servebench.client.OpenAiClient;
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
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accuracy check over real HTTP against the simulator in oracle mode: the accuracy it measures is exactly the
 * oracle's (every wrong answer injected is found, no right one is marked wrong), over the chat and completions APIs,
 * streamed and whole; a real drop is a regression and equal rates are not.
 */
class EvalOnSimTest {
    private static final EvalTask GSM = task("arithmetic_500.jsonl");
    private static final EvalSettings SETTINGS = new EvalSettings(OptionalInt.empty(), 64, 1234);

    @Test
    void theMeasuredAccuracyIsExactlyTheOraclesAndEveryInjectedErrorIsFound() throws IOException {
        Oracle oracle = Oracle.of(List.of(GSM), 0.10, 7);
        TaskResult result = eval(oracle, GSM, ApiKind.CHAT, true);
        assertThat(result.failedRequests()).isZero();
        assertThat(result.items()).hasSize(500);
        assertThat(result.correct()).isEqualTo(500 - oracle.wrong());
        // The wrong ones are the oracle's wrong ones, graded on its off-by-one number.
        assertThat(result.wrong()).hasSize(oracle.wrong()).allSatisfy(i -> {
            assertThat(Oracle.answersWrong(i.item().prompt(), 0.10, 7)).isTrue();
            assertThat(i.grade().extracted()).isEqualTo(Long.toString(Long.parseLong(i.item().expected()) + 1));
        });
        System.out.printf("oracle 10 %% on 500: %d wrong, accuracy %.4f [%.4f, %.4f]%n", oracle.wrong(),
                result.accuracy().accuracy(), result.accuracy().ciLow(), result.accuracy().ciHigh());
    }

    @Test
    void everyFormatIsGradedRightOverEitherApiStreamedOrWhole() throws IOException {
        List<EvalTask> tasks = List.of(task("mmlu_sample.jsonl"), task("regex_sample.jsonl"),
                TaskFile.read("mmlu:" + TaskFileTest.DIR.resolve("mmlu_lettered.jsonl"),
                        Optional.of("prompt=input,choices=A+B+C+D,answer=target"), OptionalInt.empty()));
        Oracle oracle = Oracle.of(tasks, 0, 1);
        for (EvalTask t : tasks) {
            for (ApiKind api : ApiKind.values()) {
                for (boolean stream : new boolean[]{true, false}) {
                    TaskResult r = eval(oracle, t, api, stream);
                    assertThat(r.correct()).as(t.name() + " " + api + " stream " + stream).isEqualTo(t.items().size());
                }
            }
        }
    }

    @Test
    void aDropFromTwoToTenPercentIsARegressionAndEqualRatesAreNot() throws IOException {
        TaskResult good = eval(Oracle.of(List.of(GSM), 0.02, 11), GSM, ApiKind.CHAT, true);
        TaskResult worse = eval(Oracle.of(List.of(GSM), 0.10, 12), GSM, ApiKind.CHAT, true);
        AccuracyComparison drop = AccuracyComparison.of("fp8", "bf16", good, worse, 0.05);
        assertThat(drop.verdict()).isEqualTo(AccuracyVerdict.REGRESSION);
        assertThat(drop.test()).isEqualTo(AccuracyTest.MCNEMAR_EXACT);
        assertThat(drop.pValue()).isLessThan(0.001);
        TaskResult same = eval(Oracle.of(List.of(GSM), 0.02, 13), GSM, ApiKind.CHAT, true);
        AccuracyComparison none = AccuracyComparison.of("again", "bf16", good, same, 0.05);
        assertThat(none.verdict()).isEqualTo(AccuracyVerdict.NO_SIGNIFICANT_DIFFERENCE);
        System.out.printf("HTTP, 500 items: 2 %% vs 10 %%: %.4f vs %.4f, b=%d c=%d, p=%.2e %s; 2 %% vs 2 %%: p=%.4f %s%n",
                good.accuracy().accuracy(), worse.accuracy().accuracy(), drop.onlyReferenceRight(),
                drop.onlyCandidateRight(), drop.pValue(), drop.verdict(), none.pValue(), none.verdict());
    }

    private static TaskResult eval(Oracle oracle, EvalTask task, ApiKind api, boolean stream) throws IOException {
        SimulatedDeployment d = SimulatedDeployment.of(ModelCatalogue.load("qwen3-235b-a22b"),
                AcceleratorCatalogue.get("mi325x"), ServingOptions.defaults(8));
        try (SimServer server = SimServer.start(SimBackend.single(d), d, "sim-model", "127.0.0.1", 0,
                ImageTokens.fixed(100), AnswerLengths.UNTIL_MAX_TOKENS, FaultPlan.NONE, Integer.MAX_VALUE,
                Optional.of(oracle));
             OpenAiClient client = new OpenAiClient(EndpointConfig.of(server.baseUri(), "sim-model").withApi(api)
                     .withStream(stream))) {
            return new EvalRunner(client, SETTINGS).run(task);
        }
    }

    private static EvalTask task(String file) {
        return TaskFile.read(TaskFileTest.DIR.resolve(file).toString(), Optional.empty(), OptionalInt.empty());
    }
}
