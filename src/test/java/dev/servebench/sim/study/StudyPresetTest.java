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

    /**
     * The study's client, as its figures tell (docs/calibration.md, "The first wave"): a vision level's clients start
     * spread over the time the engine needs to prefill one new image per client, a text level's (its passage cached)
     * all at once. Read from the requests as the executor sent them.
     */
    @Test
    void visionLevelsStartTheirClientsSpreadOverTheirFirstPrefillsAndTextLevelsAtOnce() {
        Set<Phase> phases = EnumSet.of(Phase.SCALING);
        StudyPreset vision = StudyPreset.of("qwen3-vl-235b-a22b");
        SimulatedDeployment d = vision.deployment();
        LevelSpec c100 = vision.levels(phases).stream().filter(l -> l.concurrency() == 100).findFirst().orElseThrow();
        long spread = vision.clientStartSpreadNanos(d, c100);
        // 100 images of the row's tokens, in steps of the scheduling budget, at the engine's own step time.
        assertThat(spread).isPositive();
        LevelSpec c10 = vision.levels(phases).stream().filter(l -> l.concurrency() == 10).findFirst().orElseThrow();
        assertThat(vision.clientStartSpreadNanos(d, c10)).as("ten times fewer images, less time").isLessThan(spread);

        StudyPreset text = StudyPreset.of("llama-3.1-405b");
        SimulatedDeployment t = text.deployment();
        assertThat(text.levels(phases)).allSatisfy(l -> assertThat(text.clientStartSpreadNanos(t, l)).isZero());

        List<Long> sends = new java.util.ArrayList<>();
        vision.configure(Benchmark.builder()
                .target(new TargetInfo("qwen", "virtual://mi325x", "qwen"))
                .config(vision.config(phases, d.activeParamsBillions())).executor(vision.executor(d))
                .listener(new dev.servebench.bench.BenchmarkListener() {
                    @Override
                    public void onRequest(LevelSpec level, int index, dev.servebench.client.RequestRecord record) {
                        if (level.concurrency() == 100) {
                            sends.add(record.sentNanos());
                        }
                    }
                }), phases).build().run();
        long[] firstSends = sends.stream().mapToLong(Long::longValue).sorted().limit(100).toArray();
        assertThat(firstSends[99] - firstSends[0]).as("the first 100 sends span the spread")
                .isBetween(spread * 98 / 100, spread);
    }
}
