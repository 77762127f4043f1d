package dev.servebench.advise;

import dev.servebench.model.Attention;
import dev.servebench.model.ModelArchitecture;

import java.util.ArrayList;
import java.util.List;

/**
 * Rules C1, C2 and T1: which tensor-parallel sizes are legal, and in which order to try them.
 * All GPUs first; a smaller TP only when a kernel constraint (AITER MLA heads, C3) rewards it.
 */
final class TensorParallelRule {

    private TensorParallelRule() {
    }

    /** C1 and C2: heads divisible by TP, and KV heads either split evenly or replicated evenly. */
    static boolean legal(ModelArchitecture m, int tp) {
        Attention a = m.attention();
        if (a.heads() % tp != 0) {
            return false;
        }
        return a.kind().isMla() || a.kvHeads() % tp == 0 || tp % a.kvHeads() == 0;
    }

    /** Validates a user-forced TP, refusing with the rule it breaks. */
    static void checkForced(ModelArchitecture m, int gpus, int tp) {
        Attention a = m.attention();
        if (tp > gpus || gpus % tp != 0) {
            throw new AdviceRefusedException(RuleId.T1, "--tp " + tp + " must divide --gpus " + gpus
                    + " (replicas are GPUs / TP); pick a divisor of " + gpus);
        }
        if (a.heads() % tp != 0) {
            throw new AdviceRefusedException(RuleId.C1, "--tp " + tp + " does not divide the " + a.heads()
                    + " attention heads; use one of " + divisorSizes(m, gpus));
        }
        if (!legal(m, tp)) {
            throw new AdviceRefusedException(RuleId.C2, "--tp " + tp + " neither divides nor is a multiple of the "
                    + a.kvHeads() + " KV heads; use one of " + divisorSizes(m, gpus));
        }
    }

    /**
     * TP sizes up to the GPU count that satisfy C1/C2, the ones that use the most GPUs first (TP x
     * replicas), then the largest TP. Divisors of the GPU count use every GPU; on a count no legal
     * TP divides (9 GPUs, 128 heads) the plan uses as many as it can (TP 8, one GPU left idle)
     * rather than falling back to TP 1.
     */
    static List<Integer> legalSizes(ModelArchitecture m, int gpus) {
        List<Integer> out = new ArrayList<>();
        for (int tp = gpus; tp >= 1; tp--) {
            if (legal(m, tp)) {
                out.add(tp);
            }
        }
        out.sort(java.util.Comparator.comparingInt((Integer tp) -> (gpus / tp) * tp).reversed()
                .thenComparing(java.util.Comparator.reverseOrder()));
        return out;
    }

    /** Legal sizes that divide the GPU count, largest first: what a forced --tp may be. */
    static List<Integer> divisorSizes(ModelArchitecture m, int gpus) {
        return legalSizes(m, gpus).stream().filter(tp -> gpus % tp == 0).sorted(java.util.Comparator.reverseOrder())
                .toList();
    }

    /** GPUs a TP size leaves unused: the remainder of the count over whole replicas. */
    static int idleGpus(int gpus, int tp) {
        return gpus % tp;
    }

    /**
     * Order in which the advisor tries TP sizes: largest first (T1), except that when AITER MLA could
     * serve the model but not at the largest size (C3), the sizes AITER supports go first.
     */
    static List<Integer> preference(ModelArchitecture m, int gpus, boolean aiterMlaUsable,
                                    java.util.function.IntPredicate aiterHeadsSupported) {
        List<Integer> legal = legalSizes(m, gpus);
        if (!aiterMlaUsable || legal.isEmpty() || aiterHeadsSupported.test(m.attention().heads() / legal.get(0))) {
            return legal;
        }
        List<Integer> ordered = new ArrayList<>();
        legal.stream().filter(tp -> aiterHeadsSupported.test(m.attention().heads() / tp)).forEach(ordered::add);
        legal.stream().filter(tp -> !ordered.contains(tp)).forEach(ordered::add);
        return ordered;
    }
}
