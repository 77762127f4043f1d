package dev.servebench.bench;

import dev.servebench.metrics.MetricsSource;
import dev.servebench.metrics.MetricsUnavailableException;
import dev.servebench.metrics.ServerReading;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the server's counters as each level starts and ends, whether or not the user asked for server metrics,
 * so a level whose prompts the server had cached (sent before, by an earlier run with the same seed) is named. A
 * server without a usable /metrics is said once and not asked again: the run goes on unchecked. Used by one
 * benchmark thread at a time.
 */
public final class PromptCacheProbe implements AutoCloseable {
    private final MetricsSource source;
    private final Consumer<String> say;
    private boolean givenUp;

    /** A scrape of a busy server's /metrics can take a while. */
    static final java.time.Duration SCRAPE_TIMEOUT = java.time.Duration.ofSeconds(5);

    /** The target's own /metrics (vLLM, SGLang and llama.cpp serve it there). */
    public static PromptCacheProbe onTarget(dev.servebench.client.EndpointConfig target, Consumer<String> say) {
        return new PromptCacheProbe(dev.servebench.metrics.ScrapedEndpoint.ofTarget(target, "/metrics",
                SCRAPE_TIMEOUT), say);
    }

    /** @param say gets one line when the server's counters cannot be read or do not tell */
    public PromptCacheProbe(MetricsSource source, Consumer<String> say) {
        this.source = source;
        this.say = say;
    }

    /** The server's counters now; empty once they proved unreadable (said once). */
    public Optional<ServerReading> read() {
        if (givenUp) {
            return Optional.empty();
        }
        try {
            return Optional.of(source.read(0));
        } catch (MetricsUnavailableException | RuntimeException e) {
            giveUp("cannot read " + source.display() + " (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    /** The counters did not tell: say so once, and read no more. */
    void giveUp(String why) {
        if (!givenUp) {
            givenUp = true;
            say.accept("prompt cache: not checked: " + why + "; whether the server answered prompts from its "
                    + "cache is unknown (vLLM serves /metrics always, SGLang with --enable-metrics, llama.cpp with "
                    + "--metrics)");
        }
    }

    @Override
    public void close() {
        source.close();
    }
}
