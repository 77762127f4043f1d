package dev.servebench.cli;

import dev.servebench.testing.ClosingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A dead or refusing target fails in seconds with its cause; a FAILING level sets the exit code. */
class FailFastTest {

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aDeadPortEndsAtOnceWithTheCauseAndExitCode3AndLeavesNoResultsFolder(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliRunner run = CliRunner.run("bench", "--url", "http://127.0.0.1:" + closedPort(), "--model", "m",
                "--out", out.toString(), "--no-db");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_TARGET_UNAVAILABLE);
        assertThat(run.err()).contains("cannot connect to http://127.0.0.1:", "connection refused")
                .as("no results folder is named that is never made").doesNotContain("results in");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void credentialsInTheUrlAreNeverPrinted() throws Exception {
        CliRunner run = CliRunner.run("bench", "--url", "http://bob:hunter22@127.0.0.1:" + closedPort()
                + "/v1?key=k3y-value", "--model", "m", "--no-db");

        assertThat(run.err()).doesNotContain("hunter22", "k3y-value", "bob").contains("http://***@127.0.0.1:",
                "?key=***");
    }

    @Test
    void anApiKeyOnTheCommandLineIsRefusedWithoutBeingEchoed() {
        CliRunner run = CliRunner.run("bench", "--url", "http://127.0.0.1:9", "--api-key", "sk-live-123456");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("--api-key-env", "--api-key-file").doesNotContain("sk-live-123456");
    }

    @Test
    void identicalFailuresStopThePhaseAndAFailingLevelGivesExitCode4(@TempDir Path dir) throws Exception {
        // Every request after the first two (preflight, prompt probe) is dropped unanswered on its
        // connection: the server "died" after start-up.
        Path out = dir.resolve("run");
        try (ClosingServer server = ClosingServer.startDying(2)) {
            CliRunner run = CliRunner.run("bench", "--url", server.baseUri().toString(), "--model", "m",
                    "--phases", "scaling", "--scaling", "2,4", "--requests", "200", "--input-tokens", "8",
                    "--output-tokens", "2", "--cooldown", "0s", "--tokenizer", "estimate", "--out", out.toString(),
                    "--no-db", "--no-report");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_LEVEL_FAILING);
            assertThat(run.err()).contains("SCALING given up", "25 consecutive identical failures");
            assertThat(run.out()).contains("c=2 FAILING: stopped after 25", "reset (first: ");
            // The level stopped within a few requests of the limit; c=4 never ran.
            assertThat(server.dropped()).isLessThan(40);
            assertThat(run.out()).doesNotContain("c=4");
        }
    }

    @Test
    void aOneOffFailureOfTheFirstRequestIsTriedAgainNotTakenForADeadServer(@TempDir Path dir) throws Exception {
        // The first connection is dropped unanswered (as a restarting proxy might); the next are served.
        Path out = dir.resolve("run");
        try (ClosingServer server = ClosingServer.startFailingFirst(1)) {
            CliRunner run = CliRunner.run("bench", "--url", server.baseUri().toString(), "--model", "m",
                    "--phases", "baseline", "--baseline-requests", "2", "--input-tokens", "8", "--output-tokens", "2",
                    "--tokenizer", "estimate", "--out", out.toString(), "--no-db", "--no-report");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(server.dropped()).isEqualTo(1);
        }
    }
}
