package dev.servebench.export;

import dev.servebench.bench.LevelMetrics;
import dev.servebench.stats.Summary;
import dev.servebench.json.Json;
import dev.servebench.store.StoredLevel;
import dev.servebench.store.StoredRun;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's levels as the result files of vLLM's client, {@code benchmarks/benchmark_serving.py}
 * (January 2025): one document per level, with the keys, order and units of {@code result_json} in
 * its {@code main()} ({@code --save-result}): the setup keys, then the {@code result} dict that
 * {@code benchmark()} returns, whose aggregates {@code calculate_metrics} computes. Lists are per
 * request in request order, times in seconds ({@code ttfts}, {@code itls}); statistics are in
 * milliseconds ({@code mean_ttft_ms}, {@code p99_itl_ms}). The statistics written are those of
 * {@code --percentile-metrics ttft,tpot,itl,e2el --metric-percentiles 50,90,95,99}.
 *
 * <p>Computed from {@code requests.jsonl} with vLLM's definitions (issue #28): a request is successful as
 * vLLM's client has it, an HTTP 200 stream that carried content ({@link RequestRow#vllmSuccess()}), so an
 * answer shorter than a forced length ({@code short}) is completed, where servebench counts it failed; only
 * successful requests enter the aggregates; a failed one is in the lists with output length 0 and its error;
 * {@code input_lens} and {@code total_input_tokens} are the prompt lengths the run counted when it built the
 * requests (vLLM's {@code prompt_len}, summed over successful requests), not the server's {@code usage}
 * count, which adds the chat template (a run recorded before these lengths were kept falls back to the
 * server's count);
 * TPOT is {@code (e2e - ttft) / (output tokens - 1)} over requests with more than one token; ITL is
 * every gap between chunks that carried text; an empty statistic is 0, as numpy gives for
 * {@code np.mean(x or 0)}. {@code duration} is the level's wall time (first send to last end), as
 * vLLM's is its benchmark's. Differences that cannot be helped: {@code generated_texts} holds empty
 * strings (servebench keeps no text); {@code backend} is {@code servebench}; {@code tokenizer_id} is
 * the model (counts are the server's {@code usage}, vLLM's patched client reads the same);
 * {@code request_goodput:} (vLLM's key, colon included) is filled only when the run had an SLO.
 * Without a requests file the lists are empty and the figures come from the level's stored metrics,
 * where no standard deviation was kept ({@code std_*_ms} null).
 *
 * <p>servebench's own keys are added the way vLLM's {@code --metadata KEY=VALUE} adds keys: as
 * strings, after {@code num_prompts}, named {@code servebench_*}; among them servebench's own figures for
 * the level where its definitions differ: {@code servebench_completed} (full answers only),
 * {@code servebench_total_input_tokens} (the server's counts) and {@code servebench_total_token_throughput}.
 */
public final class VllmResultJson {
    static final List<Double> PERCENTILES = List.of(50.0, 90.0, 95.0, 99.0);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    private static final Pattern RATE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?) req/s");

    private VllmResultJson() {
    }

    /** One level's document and the file name it gets in a folder. */
    public record Document(StoredLevel level, String fileName, Map<String, Object> json) {
    }

    /**
     * The documents in level order, and what to tell the user on stderr (missing requests file,
     * skipped last line, requests of levels the database did not record).
     */
    public record Export(List<Document> documents, List<String> notes) {
        public Export {
            documents = List.copyOf(documents);
            notes = List.copyOf(notes);
        }
    }

    public static Export of(StoredRun run) {
        List<String> notes = new ArrayList<>();
        Map<String, List<RequestRow>> byLevel = new LinkedHashMap<>();
        Optional<Path> file = RunRequests.file(run);
        if (file.isPresent()) {
            RunRequests.Read read = RunRequests.forEach(run, "--format vllm-json",
                    row -> byLevel.computeIfAbsent(row.levelKey(), k -> new ArrayList<>()).add(row));
            read.note().ifPresent(notes::add);
        } else {
            notes.add("run " + run.id() + ": " + RunRequests.missing(run) + ", so the per-request lists (input_lens, "
                    + "ttfts, itls, …) are empty and the figures are the levels' stored aggregates (std_*_ms null)");
        }
        List<Document> documents = new ArrayList<>();
        for (StoredLevel level : run.levels()) {
            List<RequestRow> rows = byLevel.remove(level.key());
            if (file.isPresent() && rows == null && level.metrics().requests() > 0) {
                notes.add("run " + run.id() + ": " + file.get() + " has no requests of " + level.key()
                        + "; its document holds the stored aggregates and empty lists");
            }
            documents.add(new Document(level, fileName(level), document(run, level, file, rows)));
        }
        if (!byLevel.isEmpty()) {
            Map<String, Integer> left = new TreeMap<>();
            byLevel.forEach((key, rows) -> left.put(key, rows.size()));
            notes.add("run " + run.id() + ": requests of levels the database did not record (the run stopped during "
                    + "them) are left out: " + left);
        }
        return new Export(documents, notes);
    }

    /** Writes each document to {@code dir}/{@link Document#fileName()}, creating the folder; returns the files. */
    public static List<Path> writeFiles(Export export, Path dir) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Document d : export.documents()) {
                Path f = dir.resolve(d.fileName());
                Json.mapper().writeValue(f.toFile(), d.json());
                written.add(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir, e);
        }
        return written;
    }

    /** Writes the documents as JSON lines: one compact document per line, in level order. */
    public static void writeLines(Export export, PrintWriter out) {
        try {
            for (Document d : export.documents()) {
                out.println(Json.mapper().writeValueAsString(d.json()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "03-scaling-c=50.json": position (for sorting), phase, level; anything unsafe in a file name becomes _. */
    static String fileName(StoredLevel level) {
        String name = level.name().replaceAll("[^A-Za-z0-9._=-]+", "_").replaceAll("^_+|_+$", "");
        return String.format(Locale.ROOT, "%02d-%s-%s.json", level.position(), level.phase().toLowerCase(Locale.ROOT),
                name);
    }

    private static Map<String, Object> document(StoredRun run, StoredLevel level, Optional<Path> file,
                                                List<RequestRow> rows) {
        LevelMetrics m = level.metrics();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("date", DATE.format(Instant.ofEpochMilli(run.startedEpochMillis()).atZone(ZoneId.systemDefault())));
        doc.put("backend", "servebench");
        doc.put("model_id", run.target().model());
        doc.put("tokenizer_id", run.target().model());
        doc.put("best_of", 1);
        doc.put("num_prompts", rows == null ? m.requests() : rows.size());
        doc.put("servebench_run_id", run.id());
        doc.put("servebench_level_position", Integer.toString(level.position()));
        doc.put("servebench_phase", level.phase());
        doc.put("servebench_level", level.name());
        doc.put("servebench_level_status", level.status());
        doc.put("servebench_requests_file", rows == null ? "" : file.map(Path::toString).orElse(""));
        // servebench's own figures where its definitions differ from vLLM's (see fromRequests)
        doc.put("servebench_completed", Integer.toString(m.validRequests()));
        doc.put("servebench_total_input_tokens", Long.toString(m.promptTokens()));
        doc.put("servebench_total_token_throughput", Double.toString(m.totalTokensPerSecond()));
        traffic(level, doc);
        doc.put("duration", m.wallSeconds());
        if (rows == null) {
            fromAggregates(m, doc);
        } else {
            rows.sort(Comparator.comparingInt(RequestRow::index));
            fromRequests(m, rows, doc);
        }
        return doc;
    }

    /** request_rate, burstiness, max_concurrency as vLLM's flags would have been for this level. */
    private static void traffic(StoredLevel level, Map<String, Object> doc) {
        if (level.concurrency() > 0) {
            doc.put("request_rate", "inf");
            doc.put("burstiness", 1.0);
            doc.put("max_concurrency", level.concurrency());
            return;
        }
        Matcher rate = RATE.matcher(level.name());
        boolean poisson = level.name().startsWith("poisson");
        doc.put("request_rate", rate.find() ? Double.parseDouble(rate.group(1)) : null);
        // vLLM's gamma arrivals: burstiness 1 is Poisson; evenly spaced arrivals are its limit at infinity,
        // which JSON cannot hold, so a constant rate has none.
        doc.put("burstiness", poisson ? 1.0 : null);
        doc.put("max_concurrency", null);
    }

    private static void fromRequests(LevelMetrics m, List<RequestRow> rows, Map<String, Object> doc) {
        int completed = 0;
        long totalInput = 0;
        long totalOutput = 0;
        List<Integer> inputLens = new ArrayList<>();
        List<Integer> outputLens = new ArrayList<>();
        List<Double> ttfts = new ArrayList<>();
        List<double[]> itls = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        DoubleList okTtfts = new DoubleList();
        DoubleList tpots = new DoubleList();
        DoubleList allItls = new DoubleList();
        DoubleList e2els = new DoubleList();
        for (RequestRow r : rows) {
            double ttft = r.ttftMs() == null ? 0.0 : seconds(r.ttftMs());
            double[] itl = new double[r.itlMs().length];
            for (int i = 0; i < itl.length; i++) {
                itl[i] = seconds(r.itlMs()[i]);
            }
            inputLens.add(promptLen(r));
            ttfts.add(ttft);
            itls.add(itl);
            texts.add("");
            errors.add(r.vllmSuccess() || r.error() == null ? "" : r.error());
            if (!r.vllmSuccess()) {
                outputLens.add(0);
                continue;
            }
            int outputLen = r.completionTokens();
            outputLens.add(outputLen);
            totalInput += promptLen(r);
            totalOutput += outputLen;
            if (outputLen > 1) {
                tpots.add((r.e2eS() - ttft) / (outputLen - 1));
            }
            allItls.addAll(itl);
            okTtfts.add(ttft);
            e2els.add(r.e2eS());
            completed++;
        }
        double duration = m.wallSeconds();
        totals(doc, duration, completed, totalInput, totalOutput, m);
        doc.put("input_lens", inputLens);
        doc.put("output_lens", outputLens);
        doc.put("ttfts", ttfts);
        doc.put("itls", itls);
        doc.put("generated_texts", texts);
        doc.put("errors", errors);
        statistics(doc, "ttft", new NumpyStats(okTtfts.toArray()));
        statistics(doc, "tpot", new NumpyStats(tpots.toArray()));
        statistics(doc, "itl", new NumpyStats(allItls.toArray()));
        statistics(doc, "e2el", new NumpyStats(e2els.toArray()));
    }

    /** vLLM's prompt_len: the length the run counted when it built the request; the server's where none was kept. */
    private static int promptLen(RequestRow r) {
        return r.askedPromptTokens() != null && r.askedPromptTokens() > 0 ? r.askedPromptTokens() : r.promptTokens();
    }

    private static void fromAggregates(LevelMetrics m, Map<String, Object> doc) {
        totals(doc, m.wallSeconds(), m.validRequests(), m.promptTokens(), m.completionTokens(), m);
        for (String list : List.of("input_lens", "output_lens", "ttfts", "itls", "generated_texts", "errors")) {
            doc.put(list, List.of());
        }
        statistics(doc, "ttft", m.ttftMillis(), 1);
        statistics(doc, "tpot", m.tpotMillis(), 1);
        statistics(doc, "itl", m.itlMillis(), 1);
        statistics(doc, "e2el", m.latencySeconds(), 1000);
    }

    private static void totals(Map<String, Object> doc, double duration, int completed, long totalInput,
                               long totalOutput, LevelMetrics m) {
        doc.put("completed", completed);
        doc.put("total_input_tokens", totalInput);
        doc.put("total_output_tokens", totalOutput);
        doc.put("request_throughput", per(completed, duration));
        // The key is vLLM's, colon and all (benchmark() writes "request_goodput:"); null without an SLO, as there.
        doc.put("request_goodput:", m.goodput() == null ? null : per(m.goodput().requestsMeetingSlo(), duration));
        doc.put("output_throughput", per(totalOutput, duration));
        doc.put("total_token_throughput", per(totalInput + totalOutput, duration));
    }

    private static double per(double count, double seconds) {
        return seconds > 0 ? count / seconds : Double.NaN;
    }

    /** process_one_metric's keys, from values in seconds. */
    private static void statistics(Map<String, Object> doc, String metric, NumpyStats s) {
        doc.put("mean_" + metric + "_ms", s.mean() * 1000);
        doc.put("median_" + metric + "_ms", s.median() * 1000);
        doc.put("std_" + metric + "_ms", s.std() * 1000);
        for (double p : PERCENTILES) {
            doc.put(percentileKey(p, metric), s.percentile(p) * 1000);
        }
    }

    /** The same keys from a stored summary ({@code toMillis} scales its unit to ms); no std was kept. */
    private static void statistics(Map<String, Object> doc, String metric, Summary s, double toMillis) {
        boolean empty = s == null || s.isEmpty();
        doc.put("mean_" + metric + "_ms", empty ? 0.0 : s.mean() * toMillis);
        doc.put("median_" + metric + "_ms", empty ? 0.0 : s.p50() * toMillis);
        doc.put("std_" + metric + "_ms", empty ? 0.0 : null);
        double[] stored = empty ? new double[4] : new double[]{s.p50(), s.p90(), s.p95(), s.p99()};
        for (int i = 0; i < PERCENTILES.size(); i++) {
            doc.put(percentileKey(PERCENTILES.get(i), metric), stored[i] * toMillis);
        }
    }

    /** vLLM's {@code p_word}: "p99_ttft_ms", "p99.9_ttft_ms". */
    static String percentileKey(double p, String metric) {
        String word = p == Math.rint(p) ? Integer.toString((int) p) : Double.toString(p);
        return "p" + word + "_" + metric + "_ms";
    }

    /** Milliseconds (three decimals, as recorded) to seconds, without adding binary noise. */
    private static double seconds(double millis) {
        return Math.round(millis * 1000) / 1e6;
    }

    /** A growable double array: a long level holds millions of inter-token gaps. */
    private static final class DoubleList {
        private double[] values = new double[16];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void addAll(double[] vs) {
            for (double v : vs) {
                add(v);
            }
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
