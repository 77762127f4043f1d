package dev.servebench.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SummaryTest {
    @Test
    void percentilesOfOneToHundredUseLinearInterpolation() {
        double[] values = new double[100];
        for (int i = 0; i < 100; i++) {
            values[i] = 100 - i; // unsorted on purpose
        }
        Summary s = Summary.of(values);
        // numpy.percentile(range(1, 101), [50, 90, 95, 99]) = 50.5, 90.1, 95.05, 99.01
        assertThat(s.p50()).isCloseTo(50.5, within(1e-9));
        assertThat(s.p90()).isCloseTo(90.1, within(1e-9));
        assertThat(s.p95()).isCloseTo(95.05, within(1e-9));
        assertThat(s.p99()).isCloseTo(99.01, within(1e-9));
        assertThat(s.mean()).isCloseTo(50.5, within(1e-9));
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(100);
        assertThat(s.count()).isEqualTo(100);
    }

    @Test
    void singleValueIsEveryPercentile() {
        Summary s = Summary.of(new double[] {2.5});
        assertThat(s.p50()).isEqualTo(2.5);
        assertThat(s.p99()).isEqualTo(2.5);
    }

    @Test
    void twoValues() {
        Summary s = Summary.of(new double[] {10, 20});
        assertThat(s.p50()).isCloseTo(15, within(1e-9));
        assertThat(s.p99()).isCloseTo(19.9, within(1e-9));
    }

    @Test
    void emptyIsNaNAndFlagged() {
        Summary s = Summary.of(new double[0]);
        assertThat(s.isEmpty()).isTrue();
        assertThat(s.p99()).isNaN();
    }

    @Test
    void ofDoesNotReorderTheCallersArray() {
        double[] values = {3, 1, 2};
        Summary.of(values);
        assertThat(values).containsExactly(3, 1, 2);
    }
}
