package dev.servebench.sim.study;

import dev.servebench.BadInputException;
import dev.servebench.bench.Benchmark;
import dev.servebench.bench.BenchmarkResult;
import dev.servebench.bench.LevelSpec;
import dev.servebench.bench.Phase;
import dev.servebench.bench.TargetInfo;
import dev.servebench.model.KvCacheDtype;
import dev.servebench.model.OnlineQuantization;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.perf.SimulatedDeployment;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The study presets: deployments derived from the study's published settings, and its peaks reproduced. */
class StudyPresetTest {
    /** The same tolerance as CalibrationTest's throughput rows. */
    private static final double TOLERANCE = 0.15;

    @Test
    void everyModelsPeakAloneIsReproducedWithinFifteenPercent() {
        Set<Phase> phases = EnumSet.of(Phase.SATURATION);
        for (StudyModel model : Study.bundled().models()) {
            StudyPreset preset = StudyPreset.of(model.catalogueName());
            SimulatedDeployment d = preset.deployment();
            BenchmarkResult result = preset.configure(Benchmark.builder()
                    .target(new TargetInfo(model.studyName(), "virtual://mi325x", model.catalogueName()))
                    .config(preset.config(phases, d.activeParamsBillions())).executor(preset.executor(d)), phases)
                    .build().run();
            List<StudyComparison> rows = preset.compare(result);
            assertThat(rows).as(model.studyName()).singleElement().satisfies(c -> {
                System.out.printf("%s peak: study %.0f, predicted %.0f (%+.1f %%)%n", model.studyName(),
                        c.row().totalTokensPerSecond(), c.predicted().totalTokensPerSecond(), 100 * c.throughputError());
                assertThat(c.row().kind()).isEqualTo(StudyRow.Kind.PEAK);
                assertThat(Math.abs(c.throughputError())).as("%s peak error", model.studyName()).isLessThanOrEqualTo(TOLERANCE);
            });
        }
    }

    @Test
    void deploymentsFollowTheStudysPublishedSettings() {
        for (StudyModel model : Study.bundled().models()) {
            ServingOptions o = StudyPreset.of(model.studyName()).deployment().options();
            assertThat(o.tensorParallel()).as(model.studyName()).isEqualTo(model.tensorParallel());
            assertThat(o.aiter()).as(model.studyName()).isEqualTo(model.aiter());
            assertThat(o.kvCacheDtype()).as(model.studyName()).isEqualTo(model.fp8Kv() ? KvCacheDtype.FP8 : KvCacheDtype.AUTO);
            Study.SchedulingProfile balanced = Study.bundled().schedulingProfile(StudyPreset.SCHEDULING_PROFILE);
            assertThat(o.maxNumSeqs()).isEqualTo(balanced.maxNumSeqs());
            assertThat(o.maxNumBatchedTokens()).isEqualTo(balanced.maxNumBatchedTokens());
        }
        // "--quantization fp8" quantizes at load only a checkpoint that is not already quantized.
        assertThat(StudyPreset.of("llama-3.1-405b").deployment().options().onlineQuantization())
                .isEqualTo(OnlineQuantization.FP8);
        assertThat(StudyPreset.of("deepseek-v3.2").deployment().options().onlineQuantization())
                .isEqualTo(OnlineQuantization.NONE);
    }

    @Test
    void levelsAreTheStudysRowsAfterOneWarmUpRequest() {
        StudyPreset deepseek = StudyPreset.of("deepseek-v3.2");
        List<LevelSpec> levels = deepseek.levels(EnumSet.of(Phase.SCALING, Phase.SATURATION));
        assertThat(levels.getFirst().phase()).isEqualTo(Phase.WARMUP);
        List<StudyRow> rows = deepseek.model().rows();
        assertThat(levels.subList(1, levels.size())).extracting(LevelSpec::concurrency)
                .containsExactlyElementsOf(rows.stream().map(StudyRow::concurrency).toList());
        // DeepSeek's answers ended at EOS: each row has its own derived output length.
        assertThat(levels.subList(1, levels.size()).stream().map(l -> l.workload().outputTokens()).distinct().count())
                .isGreaterThan(3);
        for (LevelSpec level : levels.subList(1, levels.size())) {
            assertThat(deepseek.row(level)).isPresent();
        }
    }

    @Test
    void anUnknownModelIsBadInputNamingTheStudysModels() {
        assertThatThrownBy(() -> StudyPreset.of("gpt-5")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("--study gpt-5").hasMessageContaining("llama-3.1-405b")
                .hasMessageContaining("kimi-k2.5");
    }
}
