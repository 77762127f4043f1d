package dev.servebench.cli;

import dev.servebench.bench.TokenizerChoice;
import picocli.CommandLine.ITypeConverter;

/** {@code --tokenizer auto|server|estimate|FILE}. */
final class TokenizerChoiceConverter implements ITypeConverter<TokenizerChoice> {
    @Override
    public TokenizerChoice convert(String value) {
        return TokenizerChoice.parse(value);
    }
}
