package dev.servebench.cli;

import dev.servebench.testing.EndToEnd;
import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code plan} from the command line: decision table and frontiers printed, plan.json written, bad input refused. */
@EndToEnd
class PlanCommandTest {
    @TempDir
    Path dir;

    @Test
    void plansTheGivenShapesAndWritesThePlan() throws Exception {
        Path shapes = dir.resolve("shapes.txt");
        Files.writeString(shapes, "# candidates\n2 x TP4\n8xTP1\n1P(TP2)1D(TP4)   # one prefill, one decode\n");
        CliRunner r = CliRunner.run("plan", "--model", "gpt-oss-120b", "--gpu", "mi300x", "--nodes", "1",
                "--input-tokens", "1024", "--output-tokens", "64", "--concurrency", "8,32", "--slo", "ttft=2s,tpot=50ms",
                "--shapes", shapes.toString(), "--out", dir.resolve("plan").toString(), "--db",
                dir.resolve("runs.db").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Decision per concurrency", "Frontier: total (prompt + output) tokens/s per GPU against TTFT p99",
                "against output tokens/s per user", "ITL p99 ms",
                "1P(TP2)1D(TP4)");
        // What the winner owes to the link between nodes, in one line.
        assertThat(r.out()).contains("Link sensitivity");
        // What advise would launch the winner with and the simulator does not model is named, never dropped.
        assertThat(r.out()).contains("Not modelled");
        // The last shape done is always said: the user sees the plan finish its search.
        assertThat(r.err()).contains("plan: 3 of 3 unit shapes simulated");
        JsonNode plan = Json.mapper().readTree(dir.resolve("plan").resolve("plan.json").toFile());
        assertThat(plan.path("predictions")).hasSize(6);
        assertThat(plan.path("decisions")).hasSize(2);
        assertThat(plan.path("model").asText()).isEqualTo("gpt-oss-120b");
        assertThat(r.out()).contains("Recorded as plan x");
        var id = java.util.regex.Pattern.compile("Recorded as plan (x\\S+) in").matcher(r.out());
        assertThat(id.find()).isTrue();
        try (var store = dev.servebench.store.RunStore.open(dev.servebench.store.DatabaseLocation.sqliteFile(
                dir.resolve("runs.db")))) {
            var stored = store.findExperiment(id.group(1)).orElseThrow();
            assertThat(stored.kind()).isEqualTo("plan");
            assertThat(stored.status()).isEqualTo("complete");
            assertThat(stored.resultJson().orElseThrow()).contains("\"decisions\"", "1P(TP2)1D(TP4)");
        }
        Path html = dir.resolve("plan").resolve("report.html");
        assertThat(html).exists();
        // The page as a user sees it: the decision table filled, both frontiers drawn, no script error.
        dev.servebench.testing.HeadlessChromium.require();
        var page = dev.servebench.testing.HeadlessChromium.open(html, dir);
        assertThat(page.selfCheck().path("errors")).isEmpty();
        assertThat(page.selfCheck().path("charts")).hasSize(4)
                .allSatisfy(c -> assertThat(c.path("series_with_data").asInt()).isEqualTo(2));
        assertThat(page.selfCheck().path("tables").get(0).path("rows").asInt()).isEqualTo(2);
        assertThat(page.dom()).contains("1P(TP2)1D(TP4)");
    }

    @Test
    void aShapeTheClusterCannotHoldOrAMalformedOneIsRefused() throws Exception {
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "4 by 2\n");
        CliRunner malformed = CliRunner.run("plan", "--model", "gpt-oss-120b", "--shapes", bad.toString(),
                "--out", dir.resolve("p1").toString());
        assertThat(malformed.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(malformed.err()).contains("shape '4 by 2'");
        CliRunner missing = CliRunner.run("plan", "--model", "gpt-oss-120b", "--shapes", dir.resolve("none.txt").toString(),
                "--out", dir.resolve("p2").toString());
        assertThat(missing.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(missing.err()).contains("no such file");
        CliRunner badLink = CliRunner.run("plan", "--model", "gpt-oss-120b", "--inter-node-gbps", "0", "--out",
                dir.resolve("p4").toString(), "--no-db");
        assertThat(badLink.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(badLink.err()).contains("--inter-node-gbps must be a positive line rate");
        // Shapes that parse but none of which can be predicted (the model fits no TP1 instance on an H100):
        // not a plan of "none meets it", a usage error naming why.
        Path unplannable = dir.resolve("tp1.txt");
        Files.writeString(unplannable, "8 x TP1\n");
        CliRunner none = CliRunner.run("plan", "--model", "llama-3.1-405b", "--gpu", "h100", "--shapes",
                unplannable.toString(), "--concurrency", "8", "--out", dir.resolve("p3").toString(), "--no-db");
        assertThat(none.exitCode()).as(none.out()).isEqualTo(Main.EXIT_USAGE);
        assertThat(none.err()).contains("none of the 1 shape(s) could be planned", "8 x TP1");
        assertThat(none.out()).doesNotContain("none meets it");
    }
}
