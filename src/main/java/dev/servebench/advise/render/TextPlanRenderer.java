package dev.servebench.advise.render;

import dev.servebench.advise.Decision;
import dev.servebench.advise.DeploymentPlan;
import dev.servebench.advise.MemoryEstimate;
import dev.servebench.model.Attention;
import dev.servebench.model.ModelArchitecture;

/** The readable plan: model summary, decisions with rule ids, memory, warnings, launch line. */
public final class TextPlanRenderer implements PlanRenderer {

    @Override
    public String render(DeploymentPlan p) {
        StringBuilder sb = new StringBuilder();
        ModelArchitecture a = p.architecture();
        sb.append("servebench advise: ").append(p.modelName()).append(" on ").append(p.gpuCount()).append("x ")
                .append(p.gpu().name()).append(" (").append(p.gpu().arch()).append(' ').append(p.gpu().gfx())
                .append(", ").append(p.gpu().kernelStack().name().toLowerCase(java.util.Locale.ROOT)).append("), vLLM ")
                .append(p.version()).append(", goal ").append(p.goal().key()).append("\n\n");

        sb.append("Model\n");
        row(sb, "family", a.family());
        row(sb, "parameters", String.format("%.1f B total, %.1f B active per token",
                p.parameters().totalBillions(), p.parameters().activeBillions()));
        row(sb, "checkpoint", a.quantization().label());
        row(sb, "attention", attention(a.attention()));
        a.moe().ifPresent(moe -> row(sb, "experts", moe.routedExperts() + " routed (" + moe.expertsPerToken()
                + " per token)" + (moe.sharedExperts() > 0 ? " + " + moe.sharedExperts() + " shared" : "") + ", "
                + moe.moeLayers() + " of " + a.layers() + " layers MoE"));
        a.vision().ifPresent(v -> row(sb, "vision", v.layers() + "-layer encoder, width " + v.hiddenSize()
                + ", MLP " + v.intermediateSize()));

        sb.append("\nPlan\n");
        for (Decision d : p.decisions()) {
            sb.append(String.format("  %-38s %-24s [%s] %s%n", d.setting(), d.value(), d.rule(), d.why()));
        }

        MemoryEstimate m = p.memory();
        sb.append("\nMemory per GPU\n");
        row(sb, "usable", String.format("%.1f GiB (%.1f GiB x %.2f)", m.usableGibPerGpu(), p.gpu().runtimeMemoryGib(),
                p.gpuMemoryUtilization()));
        row(sb, "weights", String.format("%.1f GiB (%s, TP %d)", m.weightGibPerGpu(), p.weights().label(), p.tp())
                + (p.gpu().isRocm() && m.loadReportedGibPerGpu() > m.weightGibPerGpu() * 1.05
                ? String.format("; ~%.0f GiB logged at load on ROCm", m.loadReportedGibPerGpu()) : ""));
        row(sb, "activations + runtime", String.format("%.1f GiB + %.1f GiB", m.activationGibPerGpu(), m.reserveGibPerGpu()));
        row(sb, "KV bytes per token", String.format("%,d (%s)", m.kvBytesPerTokenPerGpu(), p.kvCacheDtype().vllmName()));
        row(sb, "KV capacity", String.format("%,d tokens in %.1f GiB", m.kvCapacityTokens(), m.kvGibPerGpu()));
        row(sb, "concurrency", String.format("%,d sequences of %,d tokens%s", m.concurrentSequences(), m.contextTokens(),
                p.dp() > 1 ? " across " + p.dp() + " replicas" : ""));

        if (!p.warnings().isEmpty()) {
            sb.append("\nWarnings\n");
            p.warnings().forEach(w -> sb.append("  ! ").append(w).append('\n'));
        }
        sb.append("\nLaunch\n");
        sb.append(new ShellPlanRenderer().render(p).lines().skip(1)
                .map(l -> "  " + l).reduce((x, y) -> x + "\n" + y).orElse("")).append('\n');
        return sb.toString();
    }

    private static String attention(Attention at) {
        String base = at.kind() + ", " + at.heads() + " heads";
        if (at.mla().isPresent()) {
            var mla = at.mla().get();
            base += ", latent " + mla.kvLoraRank() + " + rope " + mla.qkRopeHeadDim();
            if (at.indexer().isPresent()) {
                base += ", top-" + at.indexer().get().topK() + " sparse indexer";
            }
            return base;
        }
        return base + ", " + at.kvHeads() + " KV heads, head_dim " + at.headDim();
    }

    private static void row(StringBuilder sb, String label, String value) {
        sb.append(String.format("  %-22s %s%n", label, value));
    }
}
