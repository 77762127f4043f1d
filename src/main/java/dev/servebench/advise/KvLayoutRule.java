package dev.servebench.advise;

import dev.servebench.model.Attention;
import dev.servebench.model.KvCacheSize;
import dev.servebench.model.ModelArchitecture;

/** Rules C2 and C4: how the KV cache divides across TP ranks, stated so the user sees what TP buys. */
final class KvLayoutRule {

    private KvLayoutRule() {
    }

    static Decision explain(ModelArchitecture m, int tp) {
        Attention a = m.attention();
        if (a.kind().isMla()) {
            return new Decision("kv-per-gpu", "full latent on every rank", "MLA's latent ("
                    + a.mla().orElseThrow().cachedValuesPerTokenPerLayer() + " values per token per layer) is "
                    + "replicated on all " + tp + " ranks: more TP does not shrink KV per GPU", RuleId.C4);
        }
        int perGpu = KvCacheSize.kvHeadsPerGpu(a, tp);
        String why = a.kvHeads() < tp
                ? a.kvHeads() + " KV heads < TP " + tp + ": each is replicated " + tp / a.kvHeads()
                        + "x, so KV per GPU stops falling past TP " + a.kvHeads()
                : a.kvHeads() + " KV heads / TP " + tp + " = " + perGpu + " per GPU";
        return new Decision("kv-per-gpu", perGpu + " KV head" + (perGpu == 1 ? "" : "s"), why, RuleId.C2);
    }
}
