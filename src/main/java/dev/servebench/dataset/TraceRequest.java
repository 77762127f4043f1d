package dev.servebench.dataset;

import java.util.List;

/**
 * One request of a trace. {@code arrivalOffsetNanos}: from the trace's first arrival (the trace's requests are
 * sorted ascending). {@code hashIds}: Mooncake's prefix-block ids (empty for Azure): requests whose lists start
 * with the same ids share that prefix.
 */
public record TraceRequest(long arrivalOffsetNanos, int inputTokens, int outputTokens, List<Long> hashIds) {
    public TraceRequest {
        if (arrivalOffsetNanos < 0 || inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("negative offset or length: " + arrivalOffsetNanos + ", "
                    + inputTokens + ", " + outputTokens);
        }
        hashIds = List.copyOf(hashIds);
    }
}
