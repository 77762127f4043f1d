package dev.servebench.prompt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds which of a fixed list of common three-letter English words the served model's tokenizer
 * turns into exactly one token in running text, by counting {@code "hello " + word} against
 * {@code "hello"} (so a tokenizer that adds BOS, or SentencePiece's leading-space marker, cancels
 * out). Common short words are single tokens in every BPE and SentencePiece vocabulary we know of;
 * the check keeps the prompt generator honest for the rest.
 */
public final class SingleTokenWords {
    /** Fewer than this and prompts would repeat words too often to stay unique: fall back. */
    public static final int MIN_WORDS = 16;

    static final List<String> CANDIDATES = List.of(("the and for are but not you all any can had her was one our out "
            + "day get has him his how man new now old see two way who boy did its let put say she too use act add "
            + "age ago air arm art ask bad bag bed big bit box bus buy car cat cup cut dog dry due eat egg end eye "
            + "far few fit fly fun gas ink got fox guy hat hit hot ice job key kid lab law lay leg lie lot low map "
            + "mix net nor odd off oil own pay per pen pie pop pot raw red row run sea set fan sit six sky son sun "
            + "tax tea ten tie top toy try zoo wet win yes yet").split(" "));

    private static final String ANCHOR = "hello";

    private SingleTokenWords() {
    }

    /** The candidates that count as one token after the anchor word. */
    public static List<String> select(TokenCounter counter) {
        int anchor = counter.count(ANCHOR);
        List<String> single = new ArrayList<>();
        for (String word : CANDIDATES) {
            if (counter.count(ANCHOR + " " + word) - anchor == 1) {
                single.add(word);
            }
        }
        return single;
    }

    /**
     * How many tokens more than asked a prompt of {@code n} words counts to, from a few sample
     * prompts: a tokenizer may treat the first word differently (no leading space) or add BOS, which
     * {@code counter.count("")} tells. The median of the samples, so one odd word cannot skew it.
     */
    public static int startCorrection(TokenCounter counter, List<String> words, long seed) {
        int empty = counter.count("");
        int n = 32;
        int[] excess = new int[3];
        for (int s = 0; s < excess.length; s++) {
            String text = new WordPrompts(words, seed ^ 0x5EED, 0, null).prompt(n, -1 - s);
            excess[s] = counter.count(text) - empty - n;
        }
        Arrays.sort(excess);
        return excess[excess.length / 2];
    }
}
