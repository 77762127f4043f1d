package dev.servebench.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The configuration keeps its phases in the order they run, however they were given (issue #30). */
class PhaseOrderTest {
    @Test
    void phasesAreKeptInTheOrderTheyRun() {
        BenchmarkConfig config = BenchmarkConfig.builder()
                .phases(new LinkedHashSet<>(List.of(Phase.SATURATION, Phase.SCALING, Phase.WARMUP, Phase.BASELINE)))
                .build();
        assertThat(config.phases()).containsExactly(Phase.WARMUP, Phase.BASELINE, Phase.SCALING, Phase.SATURATION);
    }
}
