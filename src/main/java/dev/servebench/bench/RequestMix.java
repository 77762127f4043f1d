package dev.servebench.bench;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.servebench.BadInputException;
import dev.servebench.dataset.DatasetSpec;
import dev.servebench.dataset.TraceFormat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the requests say, as the user asked for it (flags or the workload file); made ready against the
 * server by {@link RequestSources#prepare} into a {@link RequestSource}. The length of each request
 * comes from the level's {@link Workload} unless the mix gives its own (datasets, traces).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RequestMix.Synthetic.class, name = "synthetic"),
    @JsonSubTypes.Type(value = RequestMix.SharedPrefixes.class, name = "shared_prefixes"),
    @JsonSubTypes.Type(value = RequestMix.FromDataset.class, name = "dataset"),
    @JsonSubTypes.Type(value = RequestMix.FromTrace.class, name = "trace")})
public sealed interface RequestMix {
    /** Unique generated prompts of the level's length: no two requests share a prefix. */
    record Synthetic() implements RequestMix {
    }

    /**
     * {@code groups} system prompts of {@code prefixTokens} tokens each; request i starts with group
     * i mod G's, followed by its own unique text, so prefix caching is measured on purpose.
     */
    record SharedPrefixes(int groups, int prefixTokens) implements RequestMix {
        public SharedPrefixes {
            if (groups < 1) {
                throw new BadInputException("--prefix-groups must be at least 1, got " + groups);
            }
            if (prefixTokens < 1) {
                throw new BadInputException("--prefix-tokens must be at least 1, got " + prefixTokens
                        + "; give the shared system prompt's length in tokens, e.g. --prefix-tokens 1000");
            }
        }
    }

    /** Prompts (and answer lengths, where recorded) sampled from a dataset file with the run's seed. */
    record FromDataset(DatasetSpec spec) implements RequestMix {
    }

    /**
     * A trace's requests at its recorded arrival times (one SCALING level per speed), with its input and
     * output lengths; requests sharing a trace's prefix block ids share that text.
     *
     * @param format empty: told apart by the file's name and first line
     * @param limit  the first N arrivals only
     */
    record FromTrace(Path file, Optional<TraceFormat> format, List<Double> speeds, int limit) implements RequestMix {
        public FromTrace {
            speeds = List.copyOf(speeds);
            if (speeds.isEmpty()) {
                throw new BadInputException("--trace-speed needs at least one speed, e.g. --trace-speed 1,2");
            }
            if (limit < 1) {
                throw new BadInputException("--trace-limit must be at least 1, got " + limit);
            }
        }
    }

    RequestMix SYNTHETIC = new Synthetic();

    /** Words for the console and summary.json. */
    default String describe() {
        return switch (this) {
            case Synthetic s -> "synthetic";
            case SharedPrefixes p -> p.groups() + " shared prefix" + (p.groups() == 1 ? "" : "es") + " of "
                    + p.prefixTokens() + " tokens";
            case FromDataset d -> "dataset " + d.spec().text();
            case FromTrace t -> "trace " + t.file() + " at x" + t.speeds();
        };
    }
}
