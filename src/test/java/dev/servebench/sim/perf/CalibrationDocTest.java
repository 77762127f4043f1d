package dev.servebench.sim.perf;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/calibration.md's tables are the simulator's own output: this test renders them from the rows
 * {@link CalibrationTest} predicts and fails when the document says anything else, so it cannot go stale. To
 * rewrite them after a change to the model or its factors:
 * <pre>./mvnw -q test -Dtest=CalibrationDocTest -Dcalibration.write=true</pre>
 */
class CalibrationDocTest {
    static final Path DOC = Path.of("docs", "calibration.md");
    static final String REGENERATE = "./mvnw -q test -Dtest=CalibrationDocTest -Dcalibration.write=true";

    @Test
    void theDocumentsTablesAreWhatTheSimulatorPredictsToday() throws IOException {
        List<CalibrationTest.Row> rows = CalibrationTest.predictAll();
        String doc = Files.readString(DOC);
        String generated = replace(replace(doc, "throughput", throughput(rows)), "latency", latency(rows));
        if (Boolean.getBoolean("calibration.write")) {
            Files.writeString(DOC, generated);
            doc = generated;
        }
        assertThat(doc).as("docs/calibration.md is stale; regenerate it with: " + REGENERATE).isEqualTo(generated);
    }

    /** The document with the section between its markers for {@code name} replaced by {@code body}. */
    static String replace(String doc, String name, String body) {
        Pattern section = Pattern.compile("(<!-- generated: " + name + " [^\\n]*-->\\n)(.*?)(<!-- end generated: "
                + name + " -->)", Pattern.DOTALL);
        Matcher m = section.matcher(doc);
        assertThat(m.find()).as("docs/calibration.md has no generated section '%s'", name).isTrue();
        return doc.substring(0, m.start(2)) + body + doc.substring(m.end(2));
    }

    static String throughput(List<CalibrationTest.Row> rows) {
        long inside = rows.stream().filter(r -> Math.abs(r.error()) <= 0.15).count();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "## Throughput: %d of %d within ±15 %%%n%n", inside, rows.size()));
        sb.append("| model | row | clients | study tok/s | predicted | error | study p99 s | predicted p99 s |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (CalibrationTest.Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.0f | %+.1f%%%s | %s | %.2f |%n",
                    r.model(), r.kind(), r.concurrency(), r.studyTotal(), r.predictedTotal(), 100 * r.error(),
                    Math.abs(r.error()) > 0.15 ? " **outside**" : "", seconds(r.studyP99Seconds()),
                    r.predictedP99Seconds()));
        }
        return sb.append('\n').toString();
    }

    static String latency(List<CalibrationTest.Row> rows) {
        List<CalibrationTest.Row> scaling = rows.stream().filter(r -> r.kind().equals("scaling")).toList();
        Function<CalibrationTest.Row, Double> error = r -> (r.predictedP99Seconds() - r.studyP99Seconds())
                / r.studyP99Seconds();
        long inside = scaling.stream().filter(r -> Math.abs(error.apply(r)) <= 0.25).count();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "## Latency: p99 within ±25 %% on %d of %d scaling rows%n%n", inside, scaling.size()));
        sb.append("`CalibrationTest.reproducesTheStudyP99LatenciesWhereTheModelCan` asserts ±25 % on every scaling row\n"
                + "(the study gives no p99 for the peaks) except those in `KNOWN_P99_OUTSIDE`, each with its\n"
                + "arithmetic, and fails if a listed row comes inside. W is the mean latency Little's law gives from\n"
                + "the study's own throughput, W = c × (prompt + output tokens) / throughput.\n\n");
        sb.append("| model | clients | study p99 s | predicted p99 s | error | study W s | known outside because |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---|\n");
        for (CalibrationTest.Row r : scaling) {
            String why = CalibrationTest.KNOWN_P99_OUTSIDE.getOrDefault(CalibrationTest.key(r), "");
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %+.1f%% | %.2f | %s |%n", r.model(),
                    r.concurrency(), r.studyP99Seconds(), r.predictedP99Seconds(), 100 * error.apply(r),
                    r.studyWSeconds(), why));
        }
        return sb.append('\n').toString();
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.2f", s);
    }
}
