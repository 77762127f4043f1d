package dev.servebench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ArrivalScheduleTest {
    @Test
    void constantRateIsEvenlySpacedWithoutDrift() {
        ArrivalSchedule s = new ArrivalSchedule(new LoadModel.ConstantRate(3));
        long last = 0;
        for (int i = 0; i < 3001; i++) {
            last = s.nextOffsetNanos();
        }
        // The 3001st arrival is at exactly 1000 s: rounding does not accumulate.
        assertThat(last).isEqualTo(1_000_000_000_000L);
    }

    @Test
    void poissonHasTheRequestedMeanRateAndIsReproducibleBySeed() {
        ArrivalSchedule a = new ArrivalSchedule(new LoadModel.PoissonRate(10, 7));
        ArrivalSchedule b = new ArrivalSchedule(new LoadModel.PoissonRate(10, 7));
        long lastA = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            lastA = a.nextOffsetNanos();
            assertThat(b.nextOffsetNanos()).isEqualTo(lastA);
        }
        double meanGapSeconds = lastA / 1e9 / (n - 1);
        assertThat(meanGapSeconds).isCloseTo(0.1, within(0.002));
    }

    @Test
    void closedLoopHasNoSchedule() {
        assertThatThrownBy(() -> new ArrivalSchedule(new LoadModel.ClosedLoop(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidRatesAreRejected() {
        assertThatThrownBy(() -> new LoadModel.ConstantRate(0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new LoadModel.PoissonRate(Double.NaN, 1)).hasMessageContaining("positive");
    }
}
