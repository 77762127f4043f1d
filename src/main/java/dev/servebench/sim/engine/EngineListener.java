package dev.servebench.sim.engine;

/** Told of every output token and every finished sequence, at the end of the step that made them. */
public interface EngineListener {
    /** Output token number {@code index} (0-based) of request {@code requestId} appeared at {@code nanos}. */
    void onToken(long requestId, int index, long nanos);

    void onFinished(long requestId, FinishReason reason, int promptTokens, int completionTokens, long nanos);

    EngineListener NONE = new EngineListener() {
        @Override
        public void onToken(long requestId, int index, long nanos) {
        }

        @Override
        public void onFinished(long requestId, FinishReason reason, int promptTokens, int completionTokens,
                               long nanos) {
        }
    };
}
