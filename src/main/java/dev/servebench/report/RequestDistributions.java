package dev.servebench.report;

import dev.servebench.results.RequestLine;
import dev.servebench.results.RequestsFile;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reduces {@code requests.jsonl} to per-level quantile curves of TTFT, inter-token latency,
 * end-to-end latency, and prompt and answer lengths. Streams the file through {@link RequestsFile}, the one reader, (a long run holds millions of inter-token gaps) and counts
 * valid requests only, like the summary's percentiles. WARMUP is skipped: it is in no aggregate.
 */
final class RequestDistributions {
    private RequestDistributions() {
    }

    /**
     * The curves by level key, and how many incomplete last lines were skipped.
     *
     * @param tornLines 0, or 1 when the file ends in a line cut short (see {@link RequestsFile})
     */
    record Read(Map<String, LevelDistributions> byLevel, int tornLines) {
        Read {
            byLevel = Collections.unmodifiableMap(new LinkedHashMap<>(byLevel));
        }
    }

    /**
     * Reads the file; an incomplete last line (a crash mid-append) is skipped and counted.
     *
     * @throws IllegalArgumentException when a line in the middle is not valid JSON
     */
    static Read read(Path requestsFile) {
        Map<String, Samples> byLevel = new LinkedHashMap<>();
        RequestsFile.Read read = RequestsFile.read(requestsFile, line -> add(line, byLevel));
        Map<String, LevelDistributions> out = new LinkedHashMap<>();
        byLevel.forEach((key, s) -> out.put(key, s.curves()));
        return new Read(out, read.tornLines());
    }

    /** Adds a valid measured request's samples to its level's. */
    private static void add(RequestLine line, Map<String, Samples> byLevel) {
        if (line.phase() == null || line.level() == null || "WARMUP".equals(line.phase())
                || !"ok".equals(line.outcome())) {
            return;
        }
        Samples s = byLevel.computeIfAbsent(line.phase() + " " + line.level(), k -> new Samples());
        if (line.ttftMs() != null && !Double.isNaN(line.ttftMs())) {
            s.ttft.add(line.ttftMs());
        }
        if (!Double.isNaN(line.latencyMs())) {
            s.latency.add(line.latencyMs() / 1000.0);
        }
        if (line.itlMs() != null) {
            for (double gap : line.itlMs()) {
                s.itl.add(gap);
            }
        }
        s.promptTokens.add(line.promptTokens());
        s.completionTokens.add(line.completionTokens());
    }

    /** Growable primitive arrays: boxing millions of gaps would cost ten times the memory. */
    private static final class Samples {
        final DoubleList ttft = new DoubleList();
        final DoubleList itl = new DoubleList();
        final DoubleList latency = new DoubleList();
        final DoubleList promptTokens = new DoubleList();
        final DoubleList completionTokens = new DoubleList();

        LevelDistributions curves() {
            return new LevelDistributions(ttft.curve(), itl.curve(), latency.curve(), promptTokens.curve(),
                    completionTokens.curve());
        }
    }

    private static final class DoubleList {
        private double[] values = new double[16];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        QuantileCurve curve() {
            return QuantileCurve.ofInPlace(values, size);
        }
    }
}
