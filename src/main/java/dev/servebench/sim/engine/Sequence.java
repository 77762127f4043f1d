package dev.servebench.sim.engine;

/**
 * The engine's mutable state for one request: how many tokens have KV computed, how many were
 * generated, which blocks it holds. Only the engine's thread touches it.
 */
final class Sequence {
    final EngineRequest request;
    final long arrivalOrder;
    final IntList blocks = new IntList();
    int computedTokens;
    int outputTokens;
    /** Prompt blocks already registered in the prefix cache. */
    int cachedPromptBlocks;
    boolean imagesEncoded;
    /** Chained hashes of the prompt's full blocks, computed once when prefix caching needs them. */
    long[] promptBlockHashes;
    int preemptions;

    Sequence(EngineRequest request, long arrivalOrder) {
        this.request = request;
        this.arrivalOrder = arrivalOrder;
    }

    /** Prompt plus generated tokens: what the KV cache must eventually hold to sample the next token. */
    int totalTokens() {
        return request.promptTokens() + outputTokens;
    }

    /** Tokens still to compute before the next token can be sampled (1 for a running decode). */
    int pendingTokens() {
        return totalTokens() - computedTokens;
    }

    boolean inPrefill() {
        return computedTokens < request.promptTokens();
    }

    /** Preemption by recompute: the KV is dropped and prompt + output so far are prefilled again. */
    void resetForRecompute() {
        computedTokens = 0;
        cachedPromptBlocks = 0;
        imagesEncoded = false;
        preemptions++;
    }

    boolean done() {
        if (outputTokens >= request.maxTokens()) {
            return true;
        }
        return !request.ignoreEos() && request.naturalLength() > 0
                && outputTokens >= request.naturalLength() && outputTokens >= request.minTokens();
    }

    FinishReason finishReason() {
        return outputTokens >= request.maxTokens() ? FinishReason.LENGTH : FinishReason.STOP;
    }
}
