package dev.servebench.bench;

import dev.servebench.BadInputException;
import dev.servebench.prompt.TokenCounter;

import java.util.function.Consumer;

/** Makes a {@link RequestMix} ready: reads its files and counts its lengths with the run's tokenizer. */
public final class RequestSources {
    private RequestSources() {
    }

    /**
     * @param counter the tokenizer prompts are counted with, or null for the four-characters estimate
     * @param say     receives one line describing what was read (lengths, what was dropped)
     */
    public static RequestSource prepare(BenchmarkConfig config, TokenCounter counter, Consumer<String> say) {
        return switch (config.requestMix()) {
            case RequestMix.Synthetic s -> RequestSource.SYNTHETIC;
            case RequestMix.SharedPrefixes p -> {
                int shortest = config.phases().contains(Phase.SATURATION)
                        ? Math.min(config.mainWorkload().inputTokens(), config.saturationWorkload().inputTokens())
                        : config.mainWorkload().inputTokens();
                if (p.prefixTokens() >= shortest) {
                    throw new BadInputException("--prefix-tokens " + p.prefixTokens() + " leaves nothing of a "
                            + shortest + "-token prompt to the request itself; give --input-tokens above "
                            + p.prefixTokens() + " or a shorter prefix");
                }
                say.accept("prompts: " + p.describe() + ", each request's own " + (shortest - p.prefixTokens())
                        + " tokens after it");
                yield new RequestSource.SharedPrefixes(p.groups(), p.prefixTokens());
            }
        };
    }
}
