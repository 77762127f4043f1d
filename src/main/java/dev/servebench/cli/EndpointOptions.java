package dev.servebench.cli;

import dev.servebench.bench.TokenizerChoice;
import picocli.CommandLine.Option;

/** The target-server flags of {@code bench} and {@code experiment}, which build prompts of an exact length. */
final class EndpointOptions extends ServerOptions {
    @Option(names = "--tokenizer", paramLabel = "auto|server|estimate|FILE", defaultValue = "auto",
            converter = TokenizerChoiceConverter.class,
            description = {"What counts prompt tokens, so prompts are exactly --input-tokens long: FILE, the "
                    + "served model's tokenizer.json (or its folder); server, its /tokenize (vLLM, SGLang, "
                    + "llama.cpp); estimate, ~4 characters per token. auto (default): server, else estimate."})
    TokenizerChoice tokenizer;

    @Override
    TokenizerChoice tokenizer() {
        return tokenizer;
    }
}
