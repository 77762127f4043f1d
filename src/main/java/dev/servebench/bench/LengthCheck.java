package dev.servebench.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.servebench.stats.Summary;

import java.util.List;

/**
 * A level's prompt and answer lengths as the server counted them ({@code usage}, valid requests),
 * next to what was asked, so a run whose prompts were not the length it claims says so. AIPerf
 * calls a difference an ISL/OSL mismatch.
 *
 * @param requestedPromptTokens    prompt text length asked for
 * @param templateOverheadTokens   tokens the server adds to the text, measured once per run; null unknown
 * @param promptCountedBy          the tokenizer that sized the prompts
 * @param serverPromptTokens       {@code usage.prompt_tokens} per request
 * @param promptDeviation          (mean server count - (asked + overhead)) / (asked + overhead)
 * @param requestedOutputTokens    max_tokens
 * @param serverCompletionTokens   {@code usage.completion_tokens} per request
 * @param outputChunks             chunks that carried output text, per request
 * @param completionTokensPerChunk all completion tokens over all output chunks: above 1 when the server
 *                                 packs several tokens in a chunk (ITL is then per chunk, as in vLLM)
 * @param notes                    one line each (a mismatch, tokens packed in chunks), empty when lengths hold
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LengthCheck(int requestedPromptTokens, Integer templateOverheadTokens, String promptCountedBy,
                          Summary serverPromptTokens, Double promptDeviation, int requestedOutputTokens,
                          Summary serverCompletionTokens, Summary outputChunks, Double completionTokensPerChunk,
                          List<String> notes) {
    /** A prompt count further than this from the asked length (plus the template's) is reported. */
    public static final double PROMPT_TOLERANCE = 0.03;
    /** Allows a token either way however short the prompt: tokenizers differ at the text's edges. */
    public static final int PROMPT_TOLERANCE_TOKENS = 1;

    public LengthCheck {
        notes = List.copyOf(notes);
    }
}
