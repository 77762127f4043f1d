package dev.servebench.advise;

import dev.servebench.model.ModelArchitecture;

import java.util.OptionalInt;

/** Rule M2: the planned context becomes max-model-len and may not exceed the model's trained positions. */
final class ContextRule {

    private ContextRule() {
    }

    static Decision choose(ModelArchitecture m, OptionalInt requested, String modelName) {
        int maxPositions = m.maxPositionEmbeddings();
        if (requested.isPresent()) {
            int context = requested.getAsInt();
            if (context > maxPositions) {
                throw new AdviceRefusedException(RuleId.M2, "--context " + context + " exceeds max_position_embeddings "
                        + maxPositions + " of " + modelName + "; lower --context to at most " + maxPositions);
            }
            return new Decision("max-model-len", Integer.toString(context),
                    "the planned context per request (--context); model allows " + maxPositions, RuleId.M2);
        }
        int context = Math.min(DeploymentDefaults.defaultContextTokens(), maxPositions);
        return new Decision("max-model-len", Integer.toString(context),
                "default plan context (the study's 32,768), capped at max_position_embeddings " + maxPositions
                        + "; raise with --context", RuleId.M2);
    }
}
