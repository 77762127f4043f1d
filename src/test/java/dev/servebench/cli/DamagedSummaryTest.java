package dev.servebench.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servebench.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A summary.json damaged by hand or by another tool is bad input naming the field (issue #28), not a parse trace. */
class DamagedSummaryTest {

    @Test
    void aDamagedFieldIsNamedWithExit2(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        CliRunner predicted = CliRunner.run("predict", "--model", "llama-3.3-70b-instruct", "--gpu", "h100", "--phases",
                "baseline", "--baseline-requests", "2", "--no-db", "--no-report", "--out", run.toString());
        assertThat(predicted.exitCode()).as(predicted.err()).isZero();
        Path summary = run.resolve("summary.json");
        ObjectNode doc = (ObjectNode) Json.mapper().readTree(summary.toFile());

        doc.put("started", "");
        Json.mapper().writeValue(summary.toFile(), doc);
        CliRunner badTime = CliRunner.run("report", run.toString(), "--out", dir.resolve("a.html").toString());
        assertThat(badTime.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(badTime.err().strip()).isEqualTo("servebench: error: run run (summary.json): field 'started' is '', "
                + "not a time such as 2026-12-06T12:51:44Z; restore it or rerun");

        doc.put("started", "2026-12-06T12:51:44.510Z");
        ((ObjectNode) doc.path("levels").get(0).path("metrics")).put("requests", "many");
        Json.mapper().writeValue(summary.toFile(), doc);
        CliRunner badCount = CliRunner.run("report", run.toString(), "--out", dir.resolve("b.html").toString());
        assertThat(badCount.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(badCount.err()).contains("field 'levels[0].metrics.requests' cannot be read", "\"many\"")
                .doesNotContain("internal error", "Exception");
    }
}
