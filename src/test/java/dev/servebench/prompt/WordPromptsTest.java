package dev.servebench.prompt;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WordPromptsTest {
    private static final Path TOKENIZER = Path.of("src/test/resources/tokenizers/wordpiece/tokenizer.json");

    @Test
    void wordsThatATokenizerSplitsAreLeftOut() {
        try (HfTokenizerFile tokenizer = HfTokenizerFile.open(TOKENIZER)) {
            assertThat(tokenizer.count("hello cat")).isEqualTo(3);
            List<String> words = SingleTokenWords.select(tokenizer);
            assertThat(words).hasSize(SingleTokenWords.CANDIDATES.size() - 4).doesNotContain("cat", "dog", "sun", "tea");
        }
    }

    @Test
    void promptsAreExactlyTheAskedTokensAndUniqueByTheLocalTokenizer() {
        try (HfTokenizerFile tokenizer = HfTokenizerFile.open(TOKENIZER.getParent())) {
            List<String> words = SingleTokenWords.select(tokenizer);
            WordPrompts prompts = new WordPrompts(words, 7, SingleTokenWords.startCorrection(tokenizer, words, 7),
                    tokenizer);
            Set<String> openings = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                String p = prompts.prompt(128, i);
                assertThat(tokenizer.count(p)).isEqualTo(128);
                openings.add(p.substring(0, 40));
            }
            // No two share even their first ten words: nothing for a prefix cache to reuse.
            assertThat(openings).hasSize(50);
        }
    }

    @Test
    void aLocalTokenizerRepairsAPromptWhoseWordsSplit() {
        try (HfTokenizerFile tokenizer = HfTokenizerFile.open(TOKENIZER)) {
            // All candidates, splitting ones included: the check adds or drops words until the count holds.
            WordPrompts prompts = new WordPrompts(SingleTokenWords.CANDIDATES, 3, 0, tokenizer);
            for (int i = 0; i < 20; i++) {
                assertThat(tokenizer.count(prompts.prompt(64, i))).isEqualTo(64);
            }
        }
    }

    @Test
    void aMissingTokenizerFileIsAClearError() {
        assertThatThrownBy(() -> HfTokenizerFile.open(Path.of("no/such/tokenizer.json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--tokenizer no/such/tokenizer.json").hasMessageContaining("tokenizer.json");
    }
}
