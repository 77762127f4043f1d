package dev.servebench.prompt;

import dev.servebench.BadInputException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Counts tokens with a local Hugging Face {@code tokenizer.json} (the file next to the served
 * model's weights), through DJL's binding of the Rust {@code tokenizers} library: the same
 * tokenizer the server runs, without asking the server. {@link #count} leaves special tokens (BOS) out, for
 * sizing prompts (the chat template's share is measured separately, once per run);
 * {@link #countWithSpecialTokens} counts them, as vLLM's benchmark client counts a dataset's texts.
 */
public final class HfTokenizerFile implements TokenCounter, AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final Path file;

    private HfTokenizerFile(HuggingFaceTokenizer tokenizer, Path file) {
        this.tokenizer = tokenizer;
        this.file = file;
    }

    /** Opens {@code path}: a tokenizer.json, or a model folder that holds one. */
    public static HfTokenizerFile open(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve("tokenizer.json") : path;
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("--tokenizer " + path + ": no such file (give a Hugging Face "
                    + "tokenizer.json or the model folder holding one)");
        }
        try {
            // Truncation and padding off: a prompt is counted whole, however long.
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(file, Map.of(
                    "addSpecialTokens", "false", "truncation", "false", "padding", "false",
                    "maxLength", "-1"));
            return new HfTokenizerFile(tokenizer, file);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("--tokenizer " + path + ": not a readable Hugging Face tokenizer.json ("
                    + e.getMessage() + ")", e);
        }
    }

    @Override
    public int count(String text) {
        Encoding encoding = tokenizer.encode(text, false, false);
        return encoding.getIds().length;
    }

    /** The text's tokens with special tokens (BOS), as {@code len(tokenizer(text).input_ids)} counts them. */
    public int countWithSpecialTokens(String text) {
        return tokenizer.encode(text, true, false).getIds().length;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
