package dev.servebench.dataset;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A request-arrival trace, read by {@link Traces#read}: requests sorted by arrival, offsets from the first.
 *
 * @param blockTokens tokens per prefix block of the hash ids (Mooncake: 512); 0 when the trace has none
 */
public record Trace(String description, TraceFormat format, int blockTokens, List<TraceRequest> requests) {

    public Trace {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(format, "format");
        requests = List.copyOf(requests);
    }

    /** From the first arrival to the last. */
    public double durationSeconds() {
        return requests.isEmpty() ? 0.0 : requests.get(requests.size() - 1).arrivalOffsetNanos() / 1e9;
    }

    /** Requests over {@link #durationSeconds()}; 0 when all arrive at once. */
    public double meanRequestsPerSecond() {
        double duration = durationSeconds();
        return duration > 0 ? requests.size() / duration : 0.0;
    }

    public LengthSummary inputLengths() {
        return LengthSummary.of(requests.stream().mapToInt(TraceRequest::inputTokens).toArray());
    }

    public LengthSummary outputLengths() {
        return LengthSummary.of(requests.stream().mapToInt(TraceRequest::outputTokens).toArray());
    }

    /** Distinct prefix-block ids in the trace. */
    public long distinctBlocks() {
        return blockUse().size();
    }

    /** Share (0-1) of requests with at least one prefix block that another request also has. */
    public double shareOfRequestsSharingABlock() {
        if (requests.isEmpty()) {
            return 0.0;
        }
        Map<Long, Integer> use = blockUse();
        long sharing = requests.stream()
                .filter(r -> r.hashIds().stream().anyMatch(id -> use.get(id) > 1))
                .count();
        return (double) sharing / requests.size();
    }

    /** How many requests hold each block id (an id repeated within one request counts once). */
    private Map<Long, Integer> blockUse() {
        Map<Long, Integer> use = new HashMap<>();
        for (TraceRequest r : requests) {
            r.hashIds().stream().distinct().forEach(id -> use.merge(id, 1, Integer::sum));
        }
        return use;
    }

    /** Two lines for the console: source, requests, duration, rate, prefix blocks; then the token lengths. */
    public String describe() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "trace %s (%s): %,d requests over %.1f s, %.2f requests/s mean", description, format.cliName(),
                requests.size(), durationSeconds(), meanRequestsPerSecond()));
        if (blockTokens > 0) {
            out.append(String.format(Locale.ROOT, "; %,d distinct %d-token prefix blocks, %.1f%% of requests share"
                    + " one with another request", distinctBlocks(), blockTokens,
                    100.0 * shareOfRequestsSharingABlock()));
        }
        out.append("\n  input tokens ").append(inputLengths().describe())
                .append("; output tokens ").append(outputLengths().describe());
        return out.toString();
    }
}
