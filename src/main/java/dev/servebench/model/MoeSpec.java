package dev.servebench.model;

import dev.servebench.BadInputException;

/**
 * Mixture-of-experts layout.
 *
 * @param routedExperts experts a router chooses from
 * @param expertsPerToken routed experts each token uses
 * @param sharedExperts experts every token uses (DeepSeek/Kimi); 0 when none
 * @param expertIntermediateSize MLP width of one expert ({@code moe_intermediate_size})
 * @param sharedIntermediateSize total MLP width of the shared expert(s); 0 when none
 * @param moeLayers decoder layers whose MLP is MoE; the rest are dense
 */
public record MoeSpec(int routedExperts, int expertsPerToken, int sharedExperts, int expertIntermediateSize,
                      int sharedIntermediateSize, int moeLayers) {
    public MoeSpec {
        if (routedExperts <= 0 || expertsPerToken <= 0 || expertsPerToken > routedExperts) {
            throw new BadInputException("MoE needs 0 < experts per token <= routed experts, got "
                    + expertsPerToken + " of " + routedExperts);
        }
        if (expertIntermediateSize <= 0) {
            throw new BadInputException("MoE config lacks moe_intermediate_size");
        }
    }
}
