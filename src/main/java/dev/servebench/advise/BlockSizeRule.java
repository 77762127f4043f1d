package dev.servebench.advise;

import dev.servebench.model.Accelerator;
import dev.servebench.model.AttentionKind;
import dev.servebench.model.GpuArch;
import dev.servebench.model.ModelArchitecture;

/** Rule C5: KV-cache block size per attention kind, kernel stack and vLLM version. */
final class BlockSizeRule {

    static final int DEFAULT_BLOCK = 16;

    private BlockSizeRule() {
    }

    static Decision choose(ModelArchitecture m, Accelerator gpu, VllmVersion version) {
        AttentionKind kind = m.attention().kind();
        if (!kind.isMla()) {
            return decision(DEFAULT_BLOCK, kind + " attention uses vLLM's default paged block of 16");
        }
        if (gpu.isRocm()) {
            if (kind == AttentionKind.SPARSE_MLA) {
                return decision(1, "sparse MLA on ROCm needs block size 1 (not relaxed in any release so far)");
            }
            if (VersionGates.reached(VersionGates.C5_DENSE_MLA_BLOCK, version)) {
                return decision(DEFAULT_BLOCK, "dense MLA on ROCm accepts larger blocks from vLLM "
                        + VersionGates.since(VersionGates.C5_DENSE_MLA_BLOCK) + " (kernel block size decoupled)");
            }
            return decision(1, "MLA on ROCm needs block size 1 in vLLM " + version
                    + " (relaxed for dense MLA from " + VersionGates.since(VersionGates.C5_DENSE_MLA_BLOCK) + ")");
        }
        if (gpu.arch() == GpuArch.BLACKWELL && kind == AttentionKind.MLA) {
            return decision(128, "CUTLASS MLA on Blackwell uses 128-token blocks");
        }
        return decision(64, "FlashMLA on CUDA uses 64-token blocks");
    }

    private static Decision decision(int blockSize, String why) {
        return new Decision("block-size", Integer.toString(blockSize), why, RuleId.C5);
    }
}
