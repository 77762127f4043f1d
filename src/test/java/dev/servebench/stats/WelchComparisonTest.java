package dev.servebench.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Welch's t-test against scipy 1.17.1: {@code scipy.stats.ttest_ind(candidate, reference, equal_var=False)},
 * whose result gives statistic, pvalue and df. (R's {@code t.test(candidate, reference)} gives the same.)
 */
class WelchComparisonTest {

    @Test
    void clearlyDifferentSamples() {
        // ttest_ind([102.1, 99.8, 101.5, 100.9, 98.7], [95.2, 97.1, 96.4, 94.8, 96.9], equal_var=False)
        // -> statistic=5.927900714413554, pvalue=0.0004615935996246637, df=7.445917384419279
        double[] reference = {95.2, 97.1, 96.4, 94.8, 96.9};
        double[] candidate = {102.1, 99.8, 101.5, 100.9, 98.7};
        WelchComparison c = WelchComparison.of(reference, candidate);
        assertThat(c.tStatistic()).isCloseTo(5.927900714413554, within(1e-9));
        assertThat(c.degreesOfFreedom()).isCloseTo(7.445917384419279, within(1e-9));
        assertThat(c.pValue()).isCloseTo(0.0004615935996246637, within(1e-12));
        assertThat(c.differencePercent()).isCloseTo((100.6 - 96.08) / 96.08 * 100, within(1e-9));
        assertThat(c.significantAt(0.05)).isTrue();
    }

    @Test
    void overlappingSamplesAreNotSignificant() {
        // ttest_ind([100.2, 101.9, 99.1, 102.4, 98.8], [101.0, 99.5, 102.2, 100.1, 98.9], equal_var=False)
        // -> statistic=0.15079064634627298, pvalue=0.8840488650429708, df=7.63379043640298
        WelchComparison c = WelchComparison.of(new double[] {101.0, 99.5, 102.2, 100.1, 98.9},
                new double[] {100.2, 101.9, 99.1, 102.4, 98.8});
        assertThat(c.tStatistic()).isCloseTo(0.15079064634627298, within(1e-9));
        assertThat(c.degreesOfFreedom()).isCloseTo(7.63379043640298, within(1e-9));
        assertThat(c.pValue()).isCloseTo(0.8840488650429708, within(1e-12));
        assertThat(c.significantAt(0.05)).isFalse();
    }

    @Test
    void unequalSizesAndVariances() {
        // ttest_ind([10.0, 10.5, 9.8], [12.0, 14.5, 11.0, 13.2, 12.7, 15.1], equal_var=False)
        // -> statistic=-4.523607199716887, pvalue=0.004027904460260851, df=5.984569220014894
        WelchComparison c = WelchComparison.of(new double[] {12.0, 14.5, 11.0, 13.2, 12.7, 15.1},
                new double[] {10.0, 10.5, 9.8});
        assertThat(c.tStatistic()).isCloseTo(-4.523607199716887, within(1e-9));
        assertThat(c.degreesOfFreedom()).isCloseTo(5.984569220014894, within(1e-9));
        assertThat(c.pValue()).isCloseTo(0.004027904460260851, within(1e-12));
        assertThat(c.covRatio()).isCloseTo(c.candidate().coefficientOfVariation()
                / c.reference().coefficientOfVariation(), within(1e-12));
    }

    @Test
    void singleRunsGiveNoPValueRatherThanAGuess() {
        WelchComparison c = WelchComparison.of(new double[] {1}, new double[] {2, 3});
        assertThat(c.pValue()).isNaN();
        assertThat(c.significantAt(0.05)).isFalse();
    }
}
