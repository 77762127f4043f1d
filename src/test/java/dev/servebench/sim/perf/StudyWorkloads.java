package dev.servebench.sim.perf;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The workloads the study's requests really had, derived from its own output/total ratio column
 * (data/mi325x-study.json) rather than from the workload labels. This is the one place the
 * calibration's request shapes come from; {@link #describe} prints how each number follows.
 *
 * <p>Why: the labels give lengths in "tokens" of ~4 characters (500 in for text; 100 text tokens
 * + one ~1,000–1,400-token image for vision), but the study counted the tokens the served model's
 * tokenizer produced. With {@code r = output_tok_s / total_tok_s} of a row and a request of
 * {@code P} prompt and {@code O} output tokens, {@code r = O / (P + O)}. Only the ratio is used,
 * never the magnitudes (those are what the simulator must predict).
 *
 * <p>Rules:
 * <ol>
 *   <li>Where the output length was forced (ignore_eos, max_tokens = the label: 200 in every
 *       scaling row and in vision's peak, 100 in text's peak), each row implies a prompt
 *       {@code P = O (1 − r) / r}. A model's prompt is the median over its rows.</li>
 *   <li>A row whose implied prompt is more than {@value #CONSISTENT} away from that median did not
 *       produce the forced output length: its output is {@code O = P r / (1 − r)} with the model's
 *       prompt (Kimi-K2.5's c=1 row: ≈100 tokens).</li>
 *   <li>A model where most rows disagree with their median ended its outputs at EOS (DeepSeek
 *       V3.2: r varies from 0.08 to 0.23 under one forced setting). Its prompt is the same paper
 *       text as the other text model's, so it takes that model's prompt length, and every row's
 *       output is {@code O = P r / (1 − r)} (run with max_tokens = O, forced). Tried and
 *       dropped: letting such rows stop at EOS after geometric lengths with that mean under the
 *       label's max_tokens ({@link dev.servebench.sim.text.AnswerLengths.Geometric}, expected value
 *       over 8 draws). It brings the predicted p99 near the study's (7.4 vs 8.2 s at 5 clients,
 *       8.4 vs 8.7 at 25) but, refitted, only 4 of DeepSeek's 7 throughputs within ±15 % against 6
 *       with the mean length. The study's mean outputs also swing from 29 to 98 tokens between rows
 *       under one prompt, more than sampling a few hundred answers explains.</li>
 *   <li>Vision prompts are the label's 100 text tokens plus one image; the image is the rest of
 *       {@code P}.</li>
 * </ol>
 */
final class StudyWorkloads {
    /** Relative distance from the model's median implied prompt within which a row counts as forced. */
    static final double CONSISTENT = 0.10;
    static final int VISION_TEXT_TOKENS = 100;

    /** The effective shape of one study row's requests. */
    record Shape(int promptTokens, int imageTokens, int outputTokens, boolean forced, String derivation) {
        int textTokens() {
            return promptTokens - imageTokens;
        }
    }

    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    private final Map<String, Integer> prompts = new LinkedHashMap<>();

    StudyWorkloads(JsonNode study) {
        // Pass 1: models whose outputs were forced; remember the text prompt for EOS-stopped text models.
        Integer textPrompt = null;
        List<String> eosModels = new ArrayList<>();
        for (JsonNode peak : study.path("peak")) {
            String model = peak.path("model").asText();
            boolean vision = peak.path("workload").asText().equals("vision");
            List<double[]> rows = rows(study, model, vision); // {c, kindFlag, r, forcedOut}
            List<Double> implied = new ArrayList<>();
            for (double[] row : rows) {
                implied.add(row[3] * (1 - row[2]) / row[2]);
            }
            double median = median(implied);
            long consistent = implied.stream().filter(p -> Math.abs(p / median - 1) <= CONSISTENT).count();
            if (consistent * 2 <= rows.size()) {
                eosModels.add(model);
                continue;
            }
            int prompt = (int) Math.round(median);
            prompts.put(model, prompt);
            if (!vision && textPrompt == null) {
                textPrompt = prompt;
            }
            for (int i = 0; i < rows.size(); i++) {
                double[] row = rows.get(i);
                int image = vision ? prompt - VISION_TEXT_TOKENS : 0;
                boolean forced = Math.abs(implied.get(i) / median - 1) <= CONSISTENT;
                int out = forced ? (int) row[3] : (int) Math.round(prompt * row[2] / (1 - row[2]));
                String how = forced
                        ? String.format(Locale.ROOT, "r=%.4f, forced %d out -> implies %.0f in; model prompt = median %d",
                        row[2], (int) row[3], implied.get(i), prompt)
                        : String.format(Locale.ROOT, "r=%.4f disagrees with forced %d out (implies %.0f in): "
                        + "out = %d x r/(1-r) = %d", row[2], (int) row[3], implied.get(i), prompt, out);
                shapes.put(key(model, row), new Shape(prompt, image, out, forced, how));
            }
        }
        if (textPrompt == null && !eosModels.isEmpty()) {
            throw new IllegalStateException("no text model with forced outputs to take the prompt length from");
        }
        for (String model : eosModels) {
            prompts.put(model, textPrompt);
            for (double[] row : rows(study, model, false)) {
                int out = (int) Math.round(textPrompt * row[2] / (1 - row[2]));
                shapes.put(key(model, row), new Shape(textPrompt, 0, out, false, String.format(Locale.ROOT,
                        "outputs ended at EOS (r varies across rows); prompt = text prompt %d; "
                                + "r=%.4f -> out = %d x r/(1-r) = %d", textPrompt, row[2], textPrompt, out)));
            }
        }
    }

    /** Every row of a model: {concurrency, 0 scaling / 1 peak, output/total, forced output of the label}. */
    private static List<double[]> rows(JsonNode study, String model, boolean vision) {
        List<double[]> rows = new ArrayList<>();
        for (JsonNode r : study.path("scaling").path(model)) {
            rows.add(new double[]{r.get(0).asInt(), 0, r.get(2).asDouble() / r.get(1).asDouble(), 200});
        }
        for (JsonNode p : study.path("peak")) {
            if (p.path("model").asText().equals(model)) {
                rows.add(new double[]{p.path("peak_concurrency").asInt(), 1,
                        p.path("output_tok_s").asDouble() / p.path("peak_tok_s").asDouble(), vision ? 200 : 100});
            }
        }
        return rows;
    }

    private static String key(String model, double[] row) {
        return key(model, row[1] == 1 ? "peak" : "scaling", (int) row[0]);
    }

    private static String key(String model, String kind, int concurrency) {
        return model + " " + kind + " " + concurrency;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    Shape shape(String model, String kind, int concurrency) {
        Shape s = shapes.get(key(model, kind, concurrency));
        if (s == null) {
            throw new IllegalArgumentException("no study row " + key(model, kind, concurrency));
        }
        return s;
    }

    /** The image size of a vision model's requests (0 for text models). */
    int imageTokens(String model) {
        return shapes.entrySet().stream().filter(e -> e.getKey().startsWith(model + " "))
                .mapToInt(e -> e.getValue().imageTokens()).max().orElse(0);
    }

    void describe(java.io.PrintStream out) {
        out.println("effective workloads (from the study's output/total ratios, see StudyWorkloads):");
        shapes.forEach((row, s) -> out.println(String.format(Locale.ROOT, "  %-32s in %4d (image %4d) out %3d  %s",
                row, s.promptTokens(), s.imageTokens(), s.outputTokens(), s.derivation())));
    }
}
