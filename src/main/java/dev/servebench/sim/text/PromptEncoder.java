package dev.servebench.sim.text;

import dev.servebench.sim.engine.EngineRequest;

import java.util.Arrays;
import java.util.List;

/**
 * Turns a request's text and images into the token ids the engine schedules: the text's tokens,
 * then each image's tokens. An image's ids derive from its URL, so the same image twice is a
 * prefix-cache hit, as with vLLM's multimodal hashing. The request also carries where the model
 * would stop on its own ({@link AnswerLengths}).
 */
public final class PromptEncoder {
    private final ImageTokens imageTokens;
    private final AnswerLengths answers;

    public PromptEncoder(ImageTokens imageTokens) {
        this(imageTokens, AnswerLengths.UNTIL_MAX_TOKENS);
    }

    public PromptEncoder(ImageTokens imageTokens, AnswerLengths answers) {
        this.imageTokens = imageTokens;
        this.answers = answers;
    }

    public ImageTokens imageTokens() {
        return imageTokens;
    }

    public EncodedPrompt encode(String text, List<String> imageUrls) {
        long[] textIds = SimTokenizer.tokenIds(text);
        int imageTotal = 0;
        int[] perImage = new int[imageUrls.size()];
        for (int i = 0; i < perImage.length; i++) {
            perImage[i] = imageTokens.tokensFor(imageUrls.get(i));
            imageTotal += perImage[i];
        }
        long[] ids = Arrays.copyOf(textIds, Math.max(1, textIds.length + imageTotal));
        int at = textIds.length;
        for (int i = 0; i < perImage.length; i++) {
            long seed = imageUrls.get(i).hashCode() * 0x9E3779B97F4A7C15L;
            for (int t = 0; t < perImage[i]; t++) {
                ids[at++] = seed + t;
            }
        }
        return new EncodedPrompt(ids, imageUrls.size(), imageTotal, answers);
    }

    /** A prompt as token ids; {@code imageTokens} of them came from {@code images} images. */
    public record EncodedPrompt(long[] tokenIds, int images, int imageTokens, AnswerLengths answers) {
        public int promptTokens() {
            return tokenIds.length;
        }

        public EngineRequest toRequest(long id, int maxTokens, int minTokens, boolean ignoreEos) {
            return toRequest(id, maxTokens, minTokens, ignoreEos, answers.naturalLength(id));
        }

        /** The same, stopping on its own after {@code naturalLength} tokens (a scripted answer's length). */
        public EngineRequest toRequest(long id, int maxTokens, int minTokens, boolean ignoreEos, int naturalLength) {
            return new EngineRequest(id, tokenIds, images, imageTokens, maxTokens, minTokens, naturalLength,
                    ignoreEos);
        }
    }
}
