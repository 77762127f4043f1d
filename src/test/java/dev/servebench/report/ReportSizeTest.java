package dev.servebench.report;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.Phase;
import dev.servebench.bench.Workload;
import dev.servebench.report.html.HtmlReport;
import dev.servebench.testing.QueueModelExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A 20-level, 10,000-request run's report stays shareable: under 2 MB, distributions included. */
class ReportSizeTest {
    static final int LEVELS = 20;
    static final int REQUESTS_PER_LEVEL = 500;

    /** 20 SCALING levels of 500 requests, 200 output tokens each: 10,000 requests, ~2 million inter-token gaps. */
    static Path twentyLevelRun(Path folder) throws Exception {
        BenchmarkConfig config = BenchmarkConfig.builder().phases(EnumSet.of(Phase.SCALING))
                .mainWorkload(new Workload(500, 200, 0))
                .scalingLevels(IntStream.rangeClosed(1, LEVELS).map(i -> i * 10).boxed().toList())
                .requestsPerLevel(REQUESTS_PER_LEVEL).cooldown(Duration.ZERO)
                .slo(dev.servebench.bench.Slo.parse("ttft=2s,tpot=50ms")).activeParamsBillions(37).build();
        return ReportFixtures.run(folder, "DeepSeek V3.2", new QueueModelExecutor(40, 0.11, 5, 7), config);
    }

    @Test
    void twentyLevelsOfTenThousandRequestsMakeAReportUnderTwoMegabytes(@TempDir Path dir) throws Exception {
        Path run = twentyLevelRun(dir.resolve("run"));
        assertThat(Files.readAllLines(run.resolve("requests.jsonl"))).hasSize(LEVELS * REQUESTS_PER_LEVEL);
        ReportRun loaded = RunLoader.fromFolder(run);
        assertThat(loaded.distributions()).hasSize(LEVELS);
        assertThat(loaded.distributions().values()).allSatisfy(d ->
                assertThat(d.itlMillis().count()).isEqualTo(REQUESTS_PER_LEVEL * 199));
        Path html = HtmlReport.write(ReportModel.of(List.of(loaded)), dir.resolve("report.html"));
        assertThat(Files.size(html)).isLessThan(2_000_000);
        assertThat(Files.readString(html)).contains("\"level\":\"SCALING c=200\"");
    }
}
