package dev.servebench.sim.engine;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Closed-loop throughput in virtual time: rises with concurrency, then plateaus where a limit binds. */
class SaturationTest {
    // A decode step costs 20 ms plus 0.2 ms per token: batching amortises the fixed part.
    private static final StepTimeModel MODEL = StepTimeModel.linear(20_000_000, 200_000);

    /** Output tokens per virtual second with {@code clients} closed-loop clients. */
    static double throughput(EngineConfig config, int clients) {
        EngineHarness h = new EngineHarness(config, MODEL);
        int total = clients * 4;
        int[] issued = {0};
        h.onFinish = id -> {
            if (issued[0] < total) {
                h.driver.submit(EngineHarness.request(issued[0], 64, 64, issued[0]));
                issued[0]++;
            }
        };
        for (int i = 0; i < clients; i++) {
            h.driver.submit(EngineHarness.request(issued[0], 64, 64, issued[0]));
            issued[0]++;
        }
        h.runToEnd();
        return total * 64 / (h.loop.nowNanos() / 1e9);
    }

    static Map<Integer, Double> sweep(EngineConfig config) {
        Map<Integer, Double> out = new LinkedHashMap<>();
        for (int c : new int[]{1, 4, 16, 32, 64, 128, 256}) {
            out.put(c, throughput(config, c));
        }
        return out;
    }

    /** Smallest concurrency whose throughput is within 5 % of the sweep's peak. */
    static int saturationPoint(Map<Integer, Double> sweep) {
        double peak = sweep.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return sweep.entrySet().stream().filter(e -> e.getValue() >= 0.95 * peak).findFirst().orElseThrow().getKey();
    }

    @Test
    void throughputRisesWithConcurrencyThenPlateausAtMaxNumSeqs() {
        Map<Integer, Double> s = sweep(new EngineConfig(32, 8192, 16, 100_000, false));

        assertThat(s.get(4)).isGreaterThan(2 * s.get(1));
        assertThat(s.get(32)).isGreaterThan(2 * s.get(4));
        assertThat(s.get(256)).isCloseTo(s.get(64), org.assertj.core.data.Percentage.withPercentage(5));
        assertThat(saturationPoint(s)).isEqualTo(32);
    }

    @Test
    void saturationPointMovesWithMaxNumSeqs() {
        int small = saturationPoint(sweep(new EngineConfig(16, 8192, 16, 100_000, false)));
        int large = saturationPoint(sweep(new EngineConfig(128, 8192, 16, 100_000, false)));

        assertThat(small).isEqualTo(16);
        assertThat(large).isEqualTo(128);
    }

    @Test
    void saturationPointMovesWithKvMemory() {
        // 128 tokens per request: 64 blocks of 16 hold 8 requests at once, 512 blocks hold 64.
        int smallMemory = saturationPoint(sweep(new EngineConfig(256, 8192, 16, 64, false)));
        int largeMemory = saturationPoint(sweep(new EngineConfig(256, 8192, 16, 512, false)));

        assertThat(smallMemory).isLessThan(largeMemory);
        assertThat(smallMemory).isLessThanOrEqualTo(16);
    }

    @Test
    void saturationPointMovesWithTheTokenBudget() {
        // A 64-token prompt per admission: a 256-token budget admits few new sequences per step.
        Map<Integer, Double> tight = sweep(new EngineConfig(256, 256, 16, 100_000, false));
        Map<Integer, Double> wide = sweep(new EngineConfig(256, 8192, 16, 100_000, false));

        assertThat(tight.get(256)).isLessThan(wide.get(256));
        assertThat(saturationPoint(tight)).isLessThan(saturationPoint(wide));
    }
}
