package dev.servebench.bench;

import dev.servebench.BadInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-request ITL bound: the p99 of a request's own gaps, so a prefill stall that TPOT averages away counts. */
class SloItlTest {
    private static long[] gaps(int n, long nanos) {
        long[] g = new long[n];
        Arrays.fill(g, nanos);
        return g;
    }

    @Test
    void aRequestMeetsItlWhenAtMostOnePercentOfItsGapsExceedTheBound() {
        long bound = Duration.ofMillis(50).toNanos();
        long[] steady = gaps(255, Duration.ofMillis(16).toNanos());
        assertThat(Slo.gapsWithin(steady, bound)).isTrue();
        // 255 gaps: the nearest-rank p99 allows two above the bound, not three.
        long[] twoStalls = steady.clone();
        twoStalls[10] = twoStalls[200] = Duration.ofMillis(98).toNanos();
        assertThat(Slo.gapsWithin(twoStalls, bound)).isTrue();
        long[] threeStalls = twoStalls.clone();
        threeStalls[100] = Duration.ofMillis(98).toNanos();
        assertThat(Slo.gapsWithin(threeStalls, bound)).isFalse();
        // A short answer: no gap may exceed it. Its mean (TPOT) would be 17 ms, well within 50.
        long[] shortAnswer = gaps(16, Duration.ofMillis(12).toNanos());
        shortAnswer[3] = Duration.ofMillis(90).toNanos();
        assertThat(Slo.gapsWithin(shortAnswer, bound)).isFalse();
        assertThat(Slo.gapsWithin(new long[0], bound)).isTrue();
    }

    @Test
    void itlIsParsedAndNamedAndUnknownNamesSayWhatIsAllowed() {
        Slo slo = Slo.parse("ttft=2s, itl=50ms");
        assertThat(slo.itl()).contains(Duration.ofMillis(50));
        assertThat(slo.isSet()).isTrue();
        assertThat(slo.toString()).isEqualTo("ttft≤2s itl≤50ms");
        assertThatThrownBy(() -> Slo.parse("ttft=2s,tbt=50ms")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown SLO 'tbt'").hasMessageContaining("ttft, tpot, itl or e2e");
    }
}
