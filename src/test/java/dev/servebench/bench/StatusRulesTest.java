package dev.servebench.bench;

import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class StatusRulesTest {
    private static final OptionalDouble NONE = OptionalDouble.empty();

    private static LevelStatus status(Phase phase, double success, double p99, OptionalDouble baseline, double tput,
                                      OptionalDouble previous) {
        return StatusRules.classify(phase, success, p99, baseline, tput, previous).status();
    }

    @Test
    void failingBelowNinetyFivePercentInEveryPhase() {
        for (Phase phase : Phase.values()) {
            assertThat(status(phase, 0.949, 1, NONE, 100, NONE)).as(phase.name()).isEqualTo(LevelStatus.FAILING);
            assertThat(status(phase, 0.95, 1, NONE, 100, NONE)).as(phase.name()).isEqualTo(LevelStatus.OK);
        }
    }

    @Test
    void degradedOnlyInScalingAboveTwiceBaselineP99() {
        OptionalDouble baseline = OptionalDouble.of(2.0);
        assertThat(status(Phase.SCALING, 1, 4.01, baseline, 100, NONE)).isEqualTo(LevelStatus.DEGRADED);
        assertThat(status(Phase.SCALING, 1, 4.0, baseline, 100, NONE)).isEqualTo(LevelStatus.OK);
        assertThat(status(Phase.SATURATION, 1, 10.0, baseline, 100, NONE)).isEqualTo(LevelStatus.OK);
        assertThat(status(Phase.STRESS, 1, 10.0, baseline, 100, NONE)).isEqualTo(LevelStatus.OK);
        assertThat(status(Phase.SCALING, 1, 10.0, NONE, 100, NONE)).as("no baseline ran").isEqualTo(LevelStatus.OK);
    }

    @Test
    void saturatedOnlyInSaturationBelowFivePercentGain() {
        OptionalDouble previous = OptionalDouble.of(1000);
        assertThat(status(Phase.SATURATION, 1, 1, NONE, 1049, previous)).isEqualTo(LevelStatus.SATURATED);
        assertThat(status(Phase.SATURATION, 1, 1, NONE, 1050, previous)).isEqualTo(LevelStatus.OK);
        assertThat(status(Phase.SATURATION, 1, 1, NONE, 900, previous)).as("a drop").isEqualTo(LevelStatus.SATURATED);
        assertThat(status(Phase.SCALING, 1, 1, NONE, 900, previous)).isEqualTo(LevelStatus.OK);
        assertThat(status(Phase.SATURATION, 1, 1, NONE, 10, NONE)).as("first level").isEqualTo(LevelStatus.OK);
    }

    @Test
    void failingWinsOverDegradedAndSaturated() {
        assertThat(status(Phase.SCALING, 0.5, 100, OptionalDouble.of(1), 100, NONE)).isEqualTo(LevelStatus.FAILING);
        assertThat(status(Phase.SATURATION, 0.5, 1, NONE, 1, OptionalDouble.of(1000))).isEqualTo(LevelStatus.FAILING);
    }

    @Test
    void reasonsNameWhatTheStatusIsRelativeTo() {
        assertThat(StatusRules.classify(Phase.SCALING, 1, 6.15, OptionalDouble.of(2.73), 1, NONE).reason())
                .isEqualTo("p99 6.150 s > 2 × BASELINE p99 2.730 s");
        assertThat(StatusRules.classify(Phase.SATURATION, 1, 1, NONE, 7266, OptionalDouble.of(7160)).reason())
                .contains("previous SATURATION level");
    }
}
