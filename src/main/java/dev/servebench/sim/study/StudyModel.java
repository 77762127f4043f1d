package dev.servebench.sim.study;

import java.util.List;

/**
 * One model of the study as it was served and measured.
 *
 * @param studyName     the study's name ("DeepSeek V3.2")
 * @param catalogueName the model catalogue's name ("deepseek-v3.2")
 * @param aiter         VLLM_ROCM_USE_AITER (off means the Triton kernels)
 * @param fp8Kv         --kv-cache-dtype fp8
 * @param flags         the vLLM flags the study lists ("--quantization fp8", ...)
 * @param vision        its workload had one image per request
 * @param rows          its scaling rows in rising concurrency, then its peak
 */
public record StudyModel(String studyName, String catalogueName, int tensorParallel, int blockSize, boolean aiter,
                         boolean fp8Kv, List<String> flags, boolean vision, List<StudyRow> rows) {
    public StudyModel {
        flags = List.copyOf(flags);
        rows = List.copyOf(rows);
    }

    /** Whether the study asked vLLM to quantize the weights to FP8 at load. */
    public boolean quantizeFp8() {
        return flags.stream().anyMatch(f -> f.strip().equals("--quantization fp8"));
    }

    public StudyRow peak() {
        return rows.stream().filter(r -> r.kind() == StudyRow.Kind.PEAK).findFirst().orElseThrow();
    }
}
