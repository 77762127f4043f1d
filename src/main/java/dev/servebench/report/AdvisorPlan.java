package dev.servebench.report;

import java.util.List;
import java.util.Map;

/**
 * The deployment advisor's plan as a report shows it: the command, its environment, one reason
 * per choice, and the memory figures. Filled by the advisor; absent from reports without one.
 *
 * @param memoryByPrecision per-GPU weight memory at each precision, for the study's memory table
 */
public record AdvisorPlan(String model, String accelerator, int gpus, String command, Map<String, String> environment,
                          List<String> reasons, Memory memory, List<PrecisionMemory> memoryByPrecision) {
    public AdvisorPlan {
        environment = Map.copyOf(environment);
        reasons = List.copyOf(reasons);
        memoryByPrecision = List.copyOf(memoryByPrecision);
    }

    /** Per-GPU memory of the planned deployment. */
    public record Memory(double gpuMemoryGib, double weightsPerGpuGib, double kvCachePerGpuGib, long kvBytesPerToken,
                         long kvCapacityTokens, int contextTokens, int concurrencyThatFits) {
    }

    /** Weight memory of the model stored at one precision. */
    public record PrecisionMemory(String precision, double bytesPerParam, double totalParamsBillions,
                                  int tensorParallel, double weightsPerGpuGib, boolean fits) {
    }
}
