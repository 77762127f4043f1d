package dev.servebench.run;

import dev.servebench.BadInputException;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.Phase;
import dev.servebench.bench.Workload;
import dev.servebench.model.Accelerator;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.model.ModelConfig;
import dev.servebench.sim.cluster.ClusterLinks;
import dev.servebench.sim.cluster.ClusterShape;
import dev.servebench.sim.cluster.RoutingPolicy;
import dev.servebench.sim.cluster.SimulatedCluster;
import dev.servebench.sim.perf.PerfFactors;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.study.StudyPreset;
import dev.servebench.sim.text.AnswerLengths;
import dev.servebench.sim.text.ImageTokens;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.store.RunKind;
import dev.servebench.store.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link PredictRun} called directly, as a caller other than the command line would: options in, typed result out. */
class PredictRunTest {
    private static final ModelConfig MODEL = ModelCatalogue.load("gpt-oss-120b");
    private static final Accelerator GPU = AcceleratorCatalogue.get("mi325x");

    @TempDir
    Path dir;

    @Test
    void predictsTheLevelsAskedForAndLeavesTheFolderTheRecordAndTheReport() throws Exception {
        Path folder = dir.resolve("predict");
        Path db = dir.resolve("runs.db");
        PredictRun.Result result = PredictRun.run(options(single(), Optional.empty(), folder, true,
                Optional.of(DatabaseLocation.sqliteFile(db))), note -> { });

        List<LevelResult> levels = result.benchmark().levels(Phase.SCALING);
        assertThat(levels).extracting(l -> l.spec().concurrency()).containsExactly(1, 8);
        assertThat(levels.get(1).metrics().totalTokensPerSecond()).as("throughput rises with concurrency")
                .isGreaterThan(levels.get(0).metrics().totalTokensPerSecond());
        assertThat(result.benchmark().target().url()).isEqualTo("virtual://mi325x");
        assertThat(result.benchmark().target().name()).contains("gpt-oss-120b on 4 x mi325x, TP 4");
        assertThat(result.folder()).isEqualTo(folder);
        assertThat(folder.resolve("summary.json")).isNotEmptyFile();
        assertThat(folder.resolve("requests.jsonl")).isNotEmptyFile();
        assertThat(result.ended().resultsIncomplete()).isFalse();
        // The advisor's plan for the same model and GPUs is part of the report.
        assertThat(result.ended().report()).contains(folder.resolve("report.html"));
        assertThat(Files.readString(folder.resolve("report.html"))).contains("vllm serve");
        assertThat(result.study()).isEmpty();
        assertThat(result.footprint().kvCapacityTokens()).isPositive();
        assertThat(result.footprint().kernelPath()).isEqualTo("rocm/aiter");
        assertThat(result.elapsed()).isPositive();

        String runId = result.ended().outcome().runId().orElseThrow();
        // The folder names its record, as the record names its folder.
        assertThat(dev.servebench.json.Json.mapper().readTree(result.ended().outcome().summaryFile().toFile())
                .path("run_id").asText()).isEqualTo(runId);
        try (RunStore store = RunStore.open(DatabaseLocation.sqliteFile(db))) {
            var stored = store.find(runId).orElseThrow();
            assertThat(stored.kind()).isEqualTo(RunKind.PREDICT);
            assertThat(stored.levels()).hasSameSizeAs(result.benchmark().levels());
        }
    }

    @Test
    void aClusterIsNamedByItsShapeAndAStudyPrintsItsRowsNextToThePrediction() throws Exception {
        SimulatedDeployment d = single();
        ClusterLinks links = ClusterLinks.forGpu(GPU);
        SimulatedCluster cluster = SimulatedCluster.of(MODEL, GPU, d.options(), ClusterShape.parse("2 x TP4"), 1, 8,
                links.intraNode(), links.interNode(), RoutingPolicy.parse("least-outstanding"), PerfFactors.builtIn());
        PredictRun.Result clustered = PredictRun.run(options(d, Optional.of(new PredictRun.Cluster(cluster, 1)),
                dir.resolve("cluster"), false, Optional.empty()), note -> { });
        assertThat(clustered.benchmark().target().name()).contains("2 x TP4 on 1 x 8 mi325x");
        assertThat(clustered.ended().report()).isEmpty();
        assertThat(clustered.ended().outcome().runId()).isEmpty();

        StudyPreset study = StudyPreset.of("llama-3.1-405b");
        PredictRun.Result studied = PredictRun.run(new PredictRun.Options(study.deployment(), 8, Optional.of(study),
                Optional.empty(), false, BenchmarkConfig.builder().phases(EnumSet.of(Phase.SATURATION)).build(),
                ImageTokens.DEFAULT, AnswerLengths.UNTIL_MAX_TOKENS, StudyPreset.REQUEST_TIMEOUT, dir.resolve("study"),
                false, Optional.empty()), note -> { });
        PredictRun.StudyRows rows = studied.study().orElseThrow();
        assertThat(rows.studyName()).isEqualTo("Llama-3.1-405B");
        assertThat(rows.rows()).singleElement().satisfies(r -> assertThat(r.row().concurrency()).isEqualTo(500));
    }

    @Test
    void optionsAStudyCannotKeepAreRefusedBeforeAnythingRuns() {
        StudyPreset study = StudyPreset.of("llama-3.1-405b");
        Path folder = dir.resolve("refused");
        assertThatThrownBy(() -> new PredictRun.Options(study.deployment(), 8, Optional.of(study), Optional.empty(),
                false, BenchmarkConfig.builder().phases(EnumSet.of(Phase.BASELINE)).build(), ImageTokens.DEFAULT,
                AnswerLengths.UNTIL_MAX_TOKENS, Duration.ofSeconds(300), folder, false, Optional.empty()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--phases scaling, saturation");
        assertThat(folder).doesNotExist();
    }

    private static SimulatedDeployment single() {
        return SimulatedDeployment.of(MODEL, GPU, ServingOptions.defaults(4));
    }

    private static PredictRun.Options options(SimulatedDeployment d, Optional<PredictRun.Cluster> cluster, Path folder,
                                              boolean writeReport, Optional<DatabaseLocation> database) {
        BenchmarkConfig workload = BenchmarkConfig.builder().phases(EnumSet.of(Phase.SCALING))
                .scalingLevels(List.of(1, 8)).requestsPerLevel(16).mainWorkload(new Workload(256, 16, 0)).build();
        return new PredictRun.Options(d, 8, Optional.empty(), cluster, false, workload, ImageTokens.DEFAULT,
                AnswerLengths.UNTIL_MAX_TOKENS, Duration.ofSeconds(300), folder, writeReport, database);
    }
}
