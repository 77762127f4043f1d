package dev.servebench.report;

import dev.servebench.report.html.HtmlReport;
import dev.servebench.testing.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Not a test: the figure for BENCHMARKS.md ("Report size and load time"). Runs only when asked:
 * {@code ./mvnw -B -ntp test -Dtest=ReportLoadBenchmark -Dservebench.benchmark=true}.
 * Prints the size of a 20-level, 10,000-request report and, over several opens in headless
 * Chromium, the page's own time from navigation start to every chart drawn.
 */
@EnabledIfSystemProperty(named = "servebench.benchmark", matches = "true")
class ReportLoadBenchmark {
    private static final int OPENS = 5;

    @Test
    void sizeAndLoadTimeOfATwentyLevelTenThousandRequestReport(@TempDir Path dir) throws Exception {
        HeadlessChromium.require();
        Path run = ReportSizeTest.twentyLevelRun(dir.resolve("run"));
        long t0 = System.nanoTime();
        Path html = HtmlReport.write(ReportModel.of(List.of(RunLoader.fromFolder(run))), dir.resolve("report.html"));
        long buildMs = (System.nanoTime() - t0) / 1_000_000;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("report: %d bytes (%.2f MB), built in %d ms from %d bytes of requests.jsonl%n",
                Files.size(html), Files.size(html) / 1e6, buildMs, Files.size(run.resolve("requests.jsonl"))));
        for (int i = 0; i < OPENS; i++) {
            HeadlessChromium.PageCheck page = HeadlessChromium.open(html, dir);
            sb.append(String.format("open %d: page render_ms=%d (navigation start to all %d charts drawn), "
                            + "chromium process wall %d ms, errors=%s%n", i + 1,
                    page.selfCheck().path("render_ms").asLong(), page.selfCheck().path("charts").size(),
                    page.wallMillis(), page.selfCheck().path("errors")));
        }
        System.out.print(sb);
        Files.createDirectories(ReportBrowserTest.ARTIFACTS);
        Files.writeString(ReportBrowserTest.ARTIFACTS.resolve("report-load-benchmark.txt"), sb.toString());
    }
}
