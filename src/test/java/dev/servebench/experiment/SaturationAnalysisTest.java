package dev.servebench.experiment;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SaturationAnalysisTest {

    @Test
    void risingThenFlatSaturatesWhereThePlateauStarts() {
        // 500..800: 9000, 9500, 9900, 10000, 9950, 9980, 9930 tok/s; tolerance 5 % -> floor 9500.
        SaturationAnalysis a = analyze(new int[] {500, 550, 600, 650, 700, 750, 800},
                new double[] {9000, 9500, 9900, 10000, 9950, 9980, 9930});
        assertThat(a.peakConcurrency()).isEqualTo(650);
        assertThat(a.saturationConcurrency()).hasValue(550);
        // plateau 9500..10000, mean of the six = 9876.67
        assertThat(a.plateauRelativeRange()).isCloseTo(500 / 9876.666666666666, within(1e-12));
        assertThat(a.monotonic()).isTrue();
        assertThat(a.hasCliff()).isFalse();
    }

    @Test
    void aCliffAfterThePeakIsReportedAndMovesTheSaturationPoint() {
        SaturationAnalysis a = analyze(new int[] {500, 550, 600, 650, 700},
                new double[] {9000, 10000, 6000, 9800, 9900});
        assertThat(a.peakConcurrency()).isEqualTo(550);
        // 600 falls 40 % below the peak: the plateau can only start after it.
        assertThat(a.saturationConcurrency()).hasValue(650);
        assertThat(a.drops()).singleElement().satisfies(d -> {
            assertThat(d.fromConcurrency()).isEqualTo(550);
            assertThat(d.toConcurrency()).isEqualTo(600);
            assertThat(d.dropPercent()).isCloseTo(40.0, within(1e-9));
            assertThat(d.cliff()).isTrue();
        });
    }

    @Test
    void smallDipsBeyondToleranceAreNonMonotonicButNotCliffs() {
        SaturationAnalysis a = analyze(new int[] {1, 2, 3, 4}, new double[] {100, 200, 180, 210});
        assertThat(a.drops()).singleElement().satisfies(d -> {
            assertThat(d.dropPercent()).isCloseTo(10.0, within(1e-9));
            assertThat(d.cliff()).isFalse();
        });
        assertThat(a.monotonic()).isFalse();
        assertThat(a.hasCliff()).isFalse();
        // 180 is more than 5 % below the peak (210): the plateau is only the top level.
        assertThat(a.saturationConcurrency()).hasValue(4);
    }

    @Test
    void stillRisingAtTheTopLevelSaturatesOnlyThere() {
        SaturationAnalysis a = analyze(new int[] {1, 2, 3}, new double[] {100, 200, 300});
        assertThat(a.saturationConcurrency()).hasValue(3);
        assertThat(a.plateauRelativeRange()).isZero();
    }

    private static SaturationAnalysis analyze(int[] c, double[] tps) {
        List<SaturationAnalysis.Point> points = new ArrayList<>();
        for (int i = 0; i < c.length; i++) {
            points.add(new SaturationAnalysis.Point(c[i], tps[i]));
        }
        return SaturationAnalysis.of(points, 0.05, 0.20);
    }
}
