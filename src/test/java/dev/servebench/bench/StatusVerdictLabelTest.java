package dev.servebench.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A level read back from summary.json (status and reason only) gets the label it had in memory. */
class StatusVerdictLabelTest {
    @Test
    void aPartialLevelKeepsItsLabelThroughTheSummary() {
        StatusVerdict whole = new StatusVerdict(LevelStatus.DEGRADED, "p99 6.15 s > 2 × BASELINE p99 2.73 s");
        StatusVerdict cut = whole.interrupted(3, "10");
        assertThat(StatusVerdict.label(whole.status().name(), whole.reason())).isEqualTo(whole.label())
                .isEqualTo("DEGRADED");
        assertThat(StatusVerdict.label(cut.status().name(), cut.reason())).isEqualTo(cut.label())
                .isEqualTo("DEGRADED (partial)");
        assertThat(StatusVerdict.label("OK", null)).isEqualTo("OK");
    }
}
