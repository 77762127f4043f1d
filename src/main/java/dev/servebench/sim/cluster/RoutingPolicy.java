package dev.servebench.sim.cluster;

import dev.servebench.BadInputException;

import java.util.Locale;

/** How the router in front of a cluster picks an instance, like llm-d's inference scheduler's scorers. */
public enum RoutingPolicy {
    /** Each instance in turn. */
    ROUND_ROBIN,
    /** The instance with the fewest requests in flight (llm-d's queue scorer). */
    LEAST_OUTSTANDING,
    /**
     * The instance that last served the same prompt prefix, so its prefix cache hits, unless it has more than
     * {@link #PREFIX_LOAD_SLACK} requests in flight beyond the least loaded one (llm-d's prefix-cache scorer
     * weighed against its load scorers); otherwise the least loaded.
     */
    PREFIX_AWARE;

    /** How much more load the prefix-aware router accepts for a cache hit. */
    public static final int PREFIX_LOAD_SLACK = 8;

    public static RoutingPolicy parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "round-robin" -> ROUND_ROBIN;
            case "least-outstanding" -> LEAST_OUTSTANDING;
            case "prefix", "prefix-aware" -> PREFIX_AWARE;
            default -> throw new BadInputException("--router " + text
                    + ": use round-robin, least-outstanding or prefix-aware");
        };
    }
}
