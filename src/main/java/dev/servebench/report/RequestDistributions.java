package dev.servebench.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.servebench.store.Json;
import dev.servebench.results.RequestsFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reduces {@code requests.jsonl} to per-level quantile curves of TTFT, inter-token latency,
 * end-to-end latency, and prompt and answer lengths. Streams the file (a long run holds millions of inter-token gaps) and counts
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
        RequestsFile.Read read = RequestsFile.forEachLine(requestsFile, line -> readLine(line, byLevel));
        Map<String, LevelDistributions> out = new LinkedHashMap<>();
        byLevel.forEach((key, s) -> out.put(key, s.curves()));
        return new Read(out, read.tornLines());
    }

    /** Adds the line's samples only once all of it has parsed, so a torn line adds nothing. */
    private static void readLine(String line, Map<String, Samples> byLevel) throws IOException {
        String phase = null;
        String level = null;
        String outcome = null;
        double ttft = Double.NaN;
        double latency = Double.NaN;
        double promptTokens = Double.NaN;
        double completionTokens = Double.NaN;
        Samples pendingItl = new Samples();
        try (JsonParser p = Json.mapper().createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "phase" -> phase = p.getText();
                    case "level" -> level = p.getText();
                    case "outcome" -> outcome = p.getText();
                    case "ttft_ms" -> ttft = value.isNumeric() ? p.getDoubleValue() : Double.NaN;
                    case "latency_ms" -> latency = value.isNumeric() ? p.getDoubleValue() : Double.NaN;
                    case "prompt_tokens" -> promptTokens = value.isNumeric() ? p.getDoubleValue() : Double.NaN;
                    case "completion_tokens" -> completionTokens = value.isNumeric() ? p.getDoubleValue() : Double.NaN;
                    case "itl_ms" -> {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            pendingItl.itl.add(p.getDoubleValue());
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        }
        if (phase == null || level == null || "WARMUP".equals(phase) || !"ok".equals(outcome)) {
            return;
        }
        Samples s = byLevel.computeIfAbsent(phase + " " + level, k -> new Samples());
        if (!Double.isNaN(ttft)) {
            s.ttft.add(ttft);
        }
        if (!Double.isNaN(latency)) {
            s.latency.add(latency / 1000.0);
        }
        s.itl.addAll(pendingItl.itl);
        if (!Double.isNaN(promptTokens)) {
            s.promptTokens.add(promptTokens);
        }
        if (!Double.isNaN(completionTokens)) {
            s.completionTokens.add(completionTokens);
        }
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

        void addAll(DoubleList other) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }

        QuantileCurve curve() {
            return QuantileCurve.ofInPlace(values, size);
        }
    }
}
