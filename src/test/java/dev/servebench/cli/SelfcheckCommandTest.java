package dev.servebench.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SelfcheckCommandTest {
    @Test
    void printsTheCeilingNextToTheNeededRate() {
        CliRunner run = CliRunner.run("selfcheck", "--concurrency", "4,16", "--requests", "200");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Ceiling:", "needed: 19.0 req/s", "× needed", "client p99 ms");
    }

    @Test
    void singleConcurrencyExpandsToARisingSeries() {
        assertThat(SelfcheckCommand.levels(List.of(2000))).containsExactly(100, 500, 1000, 2000);
        assertThat(SelfcheckCommand.levels(List.of(300))).containsExactly(100, 300);
        assertThat(SelfcheckCommand.levels(List.of(5, 7))).containsExactly(5, 7);
    }
}
