package dev.servebench.stats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SampleStatisticsTest {

    /**
     * Two-sided 95 % critical values t(0.975, df). Source: scipy 1.17.1, {@code scipy.stats.t.ppf(0.975, df)};
     * they agree with the printed tables (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2: 12.706, 4.303,
     * 2.776, 2.262, 2.045).
     */
    @ParameterizedTest
    @CsvSource({
        "1, 12.706204736174694",
        "2, 4.302652729749462",
        "4, 2.7764451051977934",
        "9, 2.262157162798205",
        "29, 2.045229642132703"})
    void tQuantilesMatchScipy(int df, double expected) {
        assertThat(SampleStatistics.tQuantile(0.975, df)).isCloseTo(expected, within(1e-9));
    }

    /**
     * Reference computed independently with numpy 2.4.6 / scipy 1.17.1:
     * <pre>
     * x = np.array([1021.4, 1003.9, 1035.2, 998.7, 1012.6])
     * x.mean(), x.std(ddof=1), stats.t.interval(0.95, 4, loc=x.mean(), scale=stats.sem(x))
     * -> 1014.36, 14.505274902600094, (996.3493223693929, 1032.3706776306071)
     * </pre>
     */
    @Test
    void fiveRunsMatchNumpyAndScipy() {
        SampleStatistics s = SampleStatistics.of(new double[] {1021.4, 1003.9, 1035.2, 998.7, 1012.6});
        assertThat(s.n()).isEqualTo(5);
        assertThat(s.mean()).isCloseTo(1014.36, within(1e-9));
        assertThat(s.stdev()).isCloseTo(14.505274902600094, within(1e-9));
        assertThat(s.coefficientOfVariation()).isCloseTo(0.014299927937418761, within(1e-12));
        assertThat(s.ciHalfWidth()).isCloseTo(18.010677630607148, within(1e-8));
        assertThat(s.ciLow()).isCloseTo(996.3493223693929, within(1e-8));
        assertThat(s.ciHigh()).isCloseTo(1032.3706776306071, within(1e-8));
        assertThat(s.relativeRange()).isCloseTo(0.03598328009779565, within(1e-12));
        assertThat(s.relativeCiHalfWidth()).isCloseTo(18.010677630607148 / 1014.36, within(1e-12));
    }

    @Test
    void oneRunHasAMeanButNoSpread() {
        SampleStatistics s = SampleStatistics.of(new double[] {42});
        assertThat(s.mean()).isEqualTo(42);
        assertThat(s.stdev()).isNaN();
        assertThat(s.ciHalfWidth()).isNaN();
        assertThat(s.relativeRange()).isZero();
    }

    @Test
    void rejectsEmptySamplesAndSillyConfidence() {
        assertThatThrownBy(() -> SampleStatistics.of(new double[0])).hasMessageContaining("no values");
        assertThatThrownBy(() -> SampleStatistics.of(new double[] {1, 2}, 1.0)).hasMessageContaining("confidence");
    }
}
