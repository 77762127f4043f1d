package dev.servebench.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The live progress line's rate (issue #30): over a window, restarted per level, from counts as they arrive. */
class LiveRateTest {
    private static final long MS = 1_000_000;

    @Test
    void aSteadyStreamReadsItsRateAtEveryTick() {
        LiveRate rate = new LiveRate(2_000 * MS);
        rate.restart(0, 0);
        // 100 tokens a second, read every 500 ms.
        for (long t = 500; t <= 10_000; t += 500) {
            rate.read(t * MS, t / 10);
            assertThat(rate.perSecond().getAsDouble()).as("at %d ms", t).isCloseTo(100, within(1e-9));
        }
    }

    @Test
    void aLevelStartsFromZeroAndCarriesNothingOver() {
        LiveRate rate = new LiveRate(2_000 * MS);
        rate.restart(0, 0);
        rate.read(1_000 * MS, 33_288); // a fast level
        rate.restart(1_000 * MS, 33_288);
        assertThat(rate.perSecond()).as("nothing to say before the new level's first reading").isEmpty();
        rate.read(1_500 * MS, 33_288 + 2_700);
        assertThat(rate.perSecond().getAsDouble()).isCloseTo(5_400, within(1e-9));
    }

    @Test
    void theWindowForgetsOldReadingsSoTheRateFollowsAChange() {
        LiveRate rate = new LiveRate(2_000 * MS);
        rate.restart(0, 0);
        long count = 0;
        for (long t = 500; t <= 4_000; t += 500) {
            count += 50; // 100/s
            rate.read(t * MS, count);
        }
        for (long t = 4_500; t <= 6_000; t += 500) {
            count += 150; // 300/s from 4 s on
            rate.read(t * MS, count);
        }
        assertThat(rate.perSecond().getAsDouble()).as("the last 2 s only").isCloseTo(300, within(1e-9));
    }
}
