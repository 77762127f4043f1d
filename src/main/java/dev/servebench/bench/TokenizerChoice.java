package dev.servebench.bench;

import dev.servebench.BadInputException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What counts prompt tokens: {@code auto} (the server's /tokenize when it answers, else the
 * estimate), {@code server}, {@code estimate} (~4 characters per token) or a local Hugging Face
 * {@code tokenizer.json}.
 */
public record TokenizerChoice(Kind kind, Optional<Path> file) {
    public enum Kind { AUTO, SERVER, ESTIMATE, FILE }

    public static final TokenizerChoice AUTO = new TokenizerChoice(Kind.AUTO, Optional.empty());

    public TokenizerChoice {
        if ((kind == Kind.FILE) != file.isPresent()) {
            throw new BadInputException("a tokenizer file goes with kind FILE only");
        }
    }

    public static TokenizerChoice parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "server" -> new TokenizerChoice(Kind.SERVER, Optional.empty());
            case "estimate" -> new TokenizerChoice(Kind.ESTIMATE, Optional.empty());
            default -> new TokenizerChoice(Kind.FILE, Optional.of(Path.of(text.strip())));
        };
    }
}
