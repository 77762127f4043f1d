package dev.servebench.sim.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The workloads the study's requests really had, derived from its own output/total ratio column
 * ({@link Study}) rather than from the workload labels. This is the one place the
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
public final class StudyWorkloads {
    /** Relative distance from the model's median implied prompt within which a row counts as forced. */
    static final double CONSISTENT = 0.10;
    static final int VISION_TEXT_TOKENS = 100;

    /** The effective shape of one study row's requests. */
    public record Shape(int promptTokens, int imageTokens, int outputTokens, boolean forced, boolean endsAtEos,
                        int labelMaxTokens, String derivation) {
        public int textTokens() {
            return promptTokens - imageTokens;
        }
    }

    private final Map<String, Shape> shapes = new LinkedHashMap<>();

    public StudyWorkloads(Study study) {
        // Pass 1: models whose outputs were forced; remember the text prompt for EOS-stopped text models.
        Integer textPrompt = null;
        List<StudyModel> eosModels = new ArrayList<>();
        for (StudyModel model : study.models()) {
            List<StudyRow> rows = model.rows();
            List<Double> implied = new ArrayList<>();
            for (StudyRow row : rows) {
                implied.add(forcedOutput(model, row) * (1 - row.outputShare()) / row.outputShare());
            }
            double median = median(implied);
            long consistent = implied.stream().filter(p -> Math.abs(p / median - 1) <= CONSISTENT).count();
            if (consistent * 2 <= rows.size()) {
                eosModels.add(model);
                continue;
            }
            int prompt = (int) Math.round(median);
            if (!model.vision() && textPrompt == null) {
                textPrompt = prompt;
            }
            for (int i = 0; i < rows.size(); i++) {
                StudyRow row = rows.get(i);
                double r = row.outputShare();
                int forcedOut = forcedOutput(model, row);
                int image = model.vision() ? prompt - VISION_TEXT_TOKENS : 0;
                boolean forced = Math.abs(implied.get(i) / median - 1) <= CONSISTENT;
                int out = forced ? forcedOut : (int) Math.round(prompt * r / (1 - r));
                String how = forced
                        ? String.format(Locale.ROOT, "r=%.4f, forced %d out -> implies %.0f in; model prompt = median %d",
                        r, forcedOut, implied.get(i), prompt)
                        : String.format(Locale.ROOT, "r=%.4f disagrees with forced %d out (implies %.0f in): "
                        + "out = %d x r/(1-r) = %d", r, forcedOut, implied.get(i), prompt, out);
                shapes.put(row.key(model.studyName()), new Shape(prompt, image, out, forced, false, forcedOut, how));
            }
        }
        if (textPrompt == null && !eosModels.isEmpty()) {
            throw new IllegalStateException("no text model with forced outputs to take the prompt length from");
        }
        for (StudyModel model : eosModels) {
            for (StudyRow row : model.rows()) {
                double r = row.outputShare();
                int out = (int) Math.round(textPrompt * r / (1 - r));
                shapes.put(row.key(model.studyName()), new Shape(textPrompt, 0, out, false, true, forcedOutput(model, row), String.format(Locale.ROOT,
                        "outputs ended at EOS (r varies across rows); prompt = text prompt %d; "
                                + "r=%.4f -> out = %d x r/(1-r) = %d", textPrompt, r, textPrompt, out)));
            }
        }
    }

    /** The output length the row's label forced: 200 in every scaling row and in vision's peak, 100 in text's. */
    private static int forcedOutput(StudyModel model, StudyRow row) {
        return row.kind() == StudyRow.Kind.PEAK && !model.vision() ? 100 : 200;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The request shape of one study row. */
    public Shape shape(StudyModel model, StudyRow row) {
        Shape s = shapes.get(row.key(model.studyName()));
        if (s == null) {
            throw new IllegalArgumentException("no study row " + row.key(model.studyName()));
        }
        return s;
    }

    /** The image size of a vision model's requests (0 for text models). */
    public int imageTokens(StudyModel model) {
        return model.rows().stream().mapToInt(r -> shape(model, r).imageTokens()).max().orElse(0);
    }

    public void describe(java.io.PrintStream out) {
        out.println("effective workloads (from the study's output/total ratios, see StudyWorkloads):");
        shapes.forEach((row, s) -> out.println(String.format(Locale.ROOT, "  %-32s in %4d (image %4d) out %3d  %s",
                row, s.promptTokens(), s.imageTokens(), s.outputTokens(), s.derivation())));
    }
}
