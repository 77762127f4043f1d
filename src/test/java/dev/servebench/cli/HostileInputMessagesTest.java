package dev.servebench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 28, defect 10: input that servebench cannot use gets one line naming what was typed and the
 * fix, with exit code 2; never "internal error", a bare exception text, or a run that cannot end.
 */
class HostileInputMessagesTest {
    @TempDir
    Path dir;

    @Test
    void aPortOutOfRangeInTheUrlIsBadInputNotABug() {
        assertBadInput(CliRunner.run("bench", "--url", "http://127.0.0.1:99999", "--model", "m"),
                "http://127.0.0.1:99999", "port");
    }

    @Test
    void aBinaryShapesFileIsNamed() throws Exception {
        Path binary = Files.write(dir.resolve("shapes.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3});
        assertBadInput(CliRunner.run("plan", "--model", "gpt-oss-120b", "--gpu", "mi300x", "--shapes",
                binary.toString(), "--out", dir.resolve("plan").toString(), "--no-db"), binary.toString(), "UTF-8");
    }

    @Test
    void aDirectoryAsTheDatabaseIsBadInput() {
        assertBadInput(CliRunner.run("runs", "list", "--db", dir.toString()), dir.toString(), "--db");
    }

    @Test
    void aSimPortOutOfRangeIsBadInput() {
        assertBadInput(CliRunner.run("sim", "--port", "70000"), "--port 70000", "0..65535");
    }

    @Test
    void aRateWhoseRequestsCouldNotArriveWithinTheRunIsRefused() {
        assertBadInput(CliRunner.run("bench", "--rates", "1e-9", "--phases", "scaling", "--no-db",
                "--out", dir.resolve("r").toString()), "--rates", "under one request an hour");
    }

    @Test
    void aThinkTimeBeyondAnHourIsRefused() {
        assertBadInput(CliRunner.run("bench", "--turns", "2", "--think-time", "100000h", "--phases", "scaling",
                "--no-db", "--out", dir.resolve("r").toString()), "--think-time", "1 hour");
    }

    @Test
    void zeroBaselineRequestsIsRefused() {
        assertBadInput(CliRunner.run("bench", "--baseline-requests", "0", "--phases", "baseline", "--no-db",
                "--out", dir.resolve("r").toString()), "--baseline-requests", "at least 1");
    }

    private static void assertBadInput(CliRunner run, String... fragments) {
        System.out.print(run.err());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err().lines().filter(l -> l.startsWith("servebench: error:")).toList()).singleElement()
                .asString().contains(fragments).doesNotContain("internal error", "bug");
    }
}
