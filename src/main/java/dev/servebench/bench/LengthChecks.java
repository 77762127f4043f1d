package dev.servebench.bench;

import dev.servebench.client.RequestRecord;
import dev.servebench.client.TokenSource;
import dev.servebench.stats.Summary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Builds a level's {@link LengthCheck} from its records. */
final class LengthChecks {
    /** Tokens per chunk above this means the server packs tokens: say how ITL is then defined. */
    private static final double PACKING_NOTE_THRESHOLD = 1.05;

    private LengthChecks() {
    }

    /** Null when no valid request carried the server's usage block: there is nothing to check. */
    static LengthCheck of(List<RequestRecord> records, LengthExpectation expected) {
        int n = 0;
        double[] prompt = new double[records.size()];
        double[] completion = new double[records.size()];
        double[] chunks = new double[records.size()];
        long completionSum = 0;
        long chunkSum = 0;
        for (RequestRecord r : records) {
            if (!r.valid() || r.tokenSource() != TokenSource.USAGE) {
                continue;
            }
            prompt[n] = r.promptTokens();
            completion[n] = r.completionTokens();
            chunks[n] = r.outputChunks();
            completionSum += r.completionTokens();
            chunkSum += r.outputChunks();
            n++;
        }
        if (n == 0) {
            return null;
        }
        Summary serverPrompt = Summary.ofInPlace(Arrays.copyOf(prompt, n));
        boolean overheadKnown = expected.templateOverheadTokens() >= 0;
        int target = expected.expectedServerPromptTokens();
        double deviation = (serverPrompt.mean() - target) / target;
        List<String> notes = new ArrayList<>();
        double allowed = Math.max(LengthCheck.PROMPT_TOLERANCE_TOKENS, LengthCheck.PROMPT_TOLERANCE * target);
        if (Math.abs(serverPrompt.mean() - target) > allowed) {
            String asked = overheadKnown
                    ? expected.promptTokens() + " + " + expected.templateOverheadTokens() + " (template) = " + target
                    : target + " (template overhead unknown)";
            notes.add(String.format(Locale.ROOT, "prompt tokens: the server counted %.1f on average "
                            + "(min %.0f, max %.0f), asked %s: %+.1f %%, prompts sized by %s%s",
                    serverPrompt.mean(), serverPrompt.min(), serverPrompt.max(), asked, deviation * 100,
                    expected.countedBy(), expected.promptExact() ? ""
                            : "; give --tokenizer FILE (the model's tokenizer.json) for exact lengths"));
        }
        Double perChunk = chunkSum == 0 ? null : (double) completionSum / chunkSum;
        if (perChunk != null && perChunk > PACKING_NOTE_THRESHOLD) {
            notes.add(String.format(Locale.ROOT, "output: %.2f tokens per streamed chunk, so ITL is the gap "
                    + "between chunks (as vLLM's client reports it) and TPOT the time per token", perChunk));
        }
        return new LengthCheck(expected.promptTokens(), overheadKnown ? expected.templateOverheadTokens() : null,
                expected.countedBy(), serverPrompt, deviation, expected.outputTokens(),
                Summary.ofInPlace(Arrays.copyOf(completion, n)), Summary.ofInPlace(Arrays.copyOf(chunks, n)),
                perChunk, notes);
    }
}
