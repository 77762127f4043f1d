package dev.servebench.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The interval and tests against values worked out by hand from their formulas. */
class AccuracyStatisticsTest {
    @Test
    void wilsonIntervalMatchesItsFormulaAndStaysInsideZeroToOne() {
        // 0/10: centre = half-width = (z²/20)/(1 + z²/10) with z = 1.95996: [0, 0.2775]
        WilsonInterval none = WilsonInterval.of(0, 10);
        assertThat(none.low()).isZero();
        assertThat(none.high()).isCloseTo(0.27753, within(1e-4));
        WilsonInterval half = WilsonInterval.of(5, 10);
        assertThat(half.low()).isCloseTo(0.23659, within(1e-4));
        assertThat(half.high()).isCloseTo(0.76341, within(1e-4));
        WilsonInterval all = WilsonInterval.of(500, 500);
        assertThat(all.high()).isEqualTo(1.0);
        assertThat(all.low()).isCloseTo(0.99239, within(1e-4));
    }

    @Test
    void mcnemarExactIsTheTwoSidedBinomialTestOnTheDiscordantItems() {
        // b = 10, c = 2: 2 × P(X ≤ 2 | n = 12, ½) = 2 × (1 + 12 + 66) / 4096
        assertThat(ProportionTests.mcnemarExact(10, 2)).isCloseTo(158.0 / 4096, within(1e-12));
        assertThat(ProportionTests.mcnemarExact(2, 10)).isCloseTo(158.0 / 4096, within(1e-12));
        assertThat(ProportionTests.mcnemarExact(5, 5)).isEqualTo(1.0);
        assertThat(ProportionTests.mcnemarExact(0, 0)).isEqualTo(1.0);
    }

    @Test
    void twoProportionZUsesThePooledStandardError() {
        // 90/100 vs 80/100: pooled 0.85, se = sqrt(0.85 × 0.15 × 0.02) = 0.050498, z = -1.98030, p = 0.04767
        assertThat(ProportionTests.twoProportionZ(90, 100, 80, 100)).isCloseTo(0.04767, within(1e-4));
        assertThat(ProportionTests.twoProportionZ(100, 100, 100, 100)).isEqualTo(1.0);
    }
}
