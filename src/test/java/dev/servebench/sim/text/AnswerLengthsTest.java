package dev.servebench.sim.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AnswerLengthsTest {
    private static final int IDS = 200_000;

    /**
     * Six standard errors of a mean over {@link #IDS} draws with the geometric variance m(m - 1): a
     * correct generator lands outside with probability about 2e-9 (normal tail; n is large).
     * Capping at max_tokens is 1-Lipschitz, so it cannot raise the variance and the bound holds too.
     */
    private static double tolerance(double mean) {
        return 6 * Math.sqrt(mean * (mean - 1) / IDS);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.5, 8, 50, 300})
    void meanOverManyRequestsIsTheConfiguredMean(double mean) {
        AnswerLengths.Geometric lengths = new AnswerLengths.Geometric(mean, 7);
        double empirical = LongStream.rangeClosed(1, IDS).mapToInt(lengths::naturalLength).average().orElseThrow();
        assertThat(empirical).isCloseTo(mean, within(tolerance(mean)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 50, 200})
    void cappedMeanIsTheMeanOfLengthsCutAtMaxTokens(int maxTokens) {
        AnswerLengths.Geometric lengths = new AnswerLengths.Geometric(50, 11);
        double empirical = LongStream.rangeClosed(1, IDS)
                .mapToInt(id -> Math.min(lengths.naturalLength(id), maxTokens)).average().orElseThrow();
        assertThat(empirical).isCloseTo(lengths.cappedMean(maxTokens), within(tolerance(50)));
        // Rounding aside, a capped mean never exceeds the cap nor the uncapped mean.
        assertThat(lengths.cappedMean(maxTokens)).isLessThanOrEqualTo(Math.min(50, maxTokens) + 1e-9);
    }

    @Test
    void everyLengthIsAtLeastOneTokenBecauseZeroWouldMeanNeverStop() {
        AnswerLengths.Geometric lengths = new AnswerLengths.Geometric(2, 3);
        assertThat(LongStream.rangeClosed(-1000, IDS).map(lengths::naturalLength).min().orElseThrow()).isEqualTo(1);
    }

    @Test
    void theSameRequestIdAlwaysGetsTheSameLength() {
        AnswerLengths a = new AnswerLengths.Geometric(40, 5);
        AnswerLengths b = new AnswerLengths.Geometric(40, 5);
        for (long id = 0; id < 1000; id++) {
            assertThat(a.naturalLength(id)).isEqualTo(b.naturalLength(id)).isEqualTo(a.naturalLength(id));
        }
    }

    @Test
    void differentSeedsGiveDifferentLengths() {
        AnswerLengths a = new AnswerLengths.Geometric(40, 5);
        AnswerLengths b = new AnswerLengths.Geometric(40, 6);
        long differing = LongStream.range(0, 1000).filter(id -> a.naturalLength(id) != b.naturalLength(id)).count();
        // Two independent draws with mean 40 coincide with probability about 1/79; 1000 ids differ mostly.
        assertThat(differing).isGreaterThan(900);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.99, 0, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void meansBelowOneTokenOrNotFiniteAreRejected(double mean) {
        assertThatThrownBy(() -> new AnswerLengths.Geometric(mean, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 1");
    }

    @Test
    void aMeanOfOneTokenStopsEveryAnswerAfterOneToken() {
        AnswerLengths.Geometric lengths = new AnswerLengths.Geometric(1, 9);
        assertThat(LongStream.range(0, 10_000).map(lengths::naturalLength).distinct().toArray()).containsExactly(1);
        assertThat(lengths.cappedMean(100)).isEqualTo(1);
    }

    @Test
    void untilMaxTokensNeverStopsOnItsOwn() {
        assertThat(AnswerLengths.UNTIL_MAX_TOKENS.naturalLength(1)).isZero();
        assertThat(AnswerLengths.UNTIL_MAX_TOKENS.naturalLength(123_456)).isZero();
    }
}
