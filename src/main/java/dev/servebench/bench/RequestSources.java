package dev.servebench.bench;

import dev.servebench.BadInputException;
import dev.servebench.dataset.Dataset;
import dev.servebench.dataset.Datasets;
import dev.servebench.dataset.Trace;
import dev.servebench.dataset.Traces;
import dev.servebench.prompt.TokenCounter;

import java.util.function.Consumer;

/** Makes a {@link RequestMix} ready: reads its files and counts its lengths with the run's tokenizer. */
public final class RequestSources {
    /** A dataset sample larger than this is cycled instead: enough for any level's distribution. */
    private static final int MAX_SAMPLE = 20_000;
    /** The four-characters-per-token rule, when no tokenizer counts. */
    private static final TokenCounter ESTIMATE = text -> Math.max(1, (text.length() + 3) / 4);

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
            case RequestMix.FromDataset d -> {
                Dataset dataset = Datasets.load(d.spec(), counter != null ? counter : ESTIMATE,
                        requestsDrawn(config), config.seed());
                say.accept(dataset.describe());
                yield new RequestSource.FromDataset(dataset);
            }
            case RequestMix.FromTrace t -> {
                Trace trace = Traces.read(t.file(), t.format(), t.limit());
                say.accept(trace.describe());
                yield new RequestSource.FromTrace(trace, t.speeds());
            }
        };
    }

    /** How many requests the levels that draw from a dataset will send, at most (the sample's size). */
    private static int requestsDrawn(BenchmarkConfig config) {
        long total = 0;
        for (LevelSpec level : BenchmarkPlan.levels(config)) {
            if (level.phase() != Phase.WARMUP && level.phase() != Phase.STRESS) {
                total += level.bounds().maxRequests().orElse(MAX_SAMPLE);
            }
        }
        return (int) Math.max(1, Math.min(MAX_SAMPLE, total));
    }
}
