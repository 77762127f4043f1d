package dev.servebench.prompt;

import java.util.SplittableRandom;

/**
 * Unique text per request: common English words drawn at random, seeded by (seed, index) so a run
 * is reproducible while no two requests share a prefix a server could cache.
 */
public final class RandomPrompts implements PromptSource {
    private static final String[] WORDS = ("time year people way day man thing woman life child world school "
            + "state family student group country problem hand part place case week company system program "
            + "question work government number night point home water room mother area money story fact month "
            + "lot right study book eye job word business issue side kind head house service friend father power "
            + "hour game line end member law car city community name president team minute idea kid body "
            + "information back parent face others level office door health person art war history party result "
            + "change morning reason research girl guy moment air teacher force education river market light "
            + "garden signal engine table window paper music energy").split(" ");

    private final long seed;

    public RandomPrompts(long seed) {
        this.seed = seed;
    }

    @Override
    public String prompt(int inputTokens, int index) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        int chars = inputTokens * PaperPrompts.CHARS_PER_TOKEN;
        StringBuilder sb = new StringBuilder(chars + 16);
        // A unique opening defeats prefix caches even for servers that hash whole blocks.
        sb.append("Request ").append(Long.toHexString(random.nextLong())).append(':');
        while (sb.length() < chars) {
            sb.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
        }
        sb.setLength(Math.max(1, chars));
        return sb.toString().strip();
    }
}
