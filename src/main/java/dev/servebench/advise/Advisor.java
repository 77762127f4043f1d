package dev.servebench.advise;

import dev.servebench.model.Accelerator;
import dev.servebench.model.KvCacheDtype;
import dev.servebench.model.ModelArchitecture;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.model.OnlineQuantization;
import dev.servebench.model.ParameterCounter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds a {@link DeploymentPlan} by applying the rules in dependency order. */
public final class Advisor {

    private Advisor() {
    }

    /** @throws AdviceRefusedException naming the rule when the request is impossible */
    public static DeploymentPlan plan(AdviseRequest req) {
        return plan(req, Optional.empty());
    }

    /**
     * One instance of a cluster role: the same rules, except that the role may replace the goal's scheduling
     * choice (a prefill instance batches more prompt tokens, rule P3) before memory is sized with it.
     */
    static DeploymentPlan plan(AdviseRequest req, Optional<SchedulingRule.Choice> roleScheduling) {
        ModelArchitecture m = req.model().architecture();
        Accelerator gpu = req.gpu();
        String name = req.model().name();
        VllmVersion version = req.version();

        Decision context = ContextRule.choose(m, req.contextTokens(), name);
        int contextTokens = Integer.parseInt(context.value());
        SchedulingRule.Choice scheduling = roleScheduling.orElseGet(() -> SchedulingRule.choose(m, req.goal(), version));
        Optional<Decision> vision = VisionEncoderRule.choose(m, version);
        boolean visionReplicated = VisionEncoderRule.replicated(vision);

        List<Integer> candidates;
        if (req.forcedTp().isPresent()) {
            TensorParallelRule.checkForced(m, req.gpuCount(), req.forcedTp().getAsInt());
            candidates = List.of(req.forcedTp().getAsInt());
        } else {
            candidates = TensorParallelRule.preference(m, req.gpuCount(), AiterRule.mlaUsable(m, gpu),
                    heads -> AiterRule.mlaHeadsSupported(heads, version));
        }

        Sized sized = null;
        Sized largestTried = null;
        for (int tp : candidates) {
            Sized s = size(m, gpu, req, tp, scheduling, contextTokens, visionReplicated);
            if (largestTried == null) {
                largestTried = s;
            }
            if (MemoryRule.fits(s.memory)) {
                sized = s;
                break;
            }
        }
        if (sized == null) {
            throw MemoryRule.refusal(name, gpu, req.gpuCount(), largestTried.tp, largestTried.memory);
        }
        int tp = sized.tp;
        int dp = req.gpuCount() / tp;

        boolean fp8Weights = sized.weights.online() != OnlineQuantization.NONE || m.quantization().isFp8();
        AiterRule.Choice aiter = AiterRule.choose(m, gpu, tp, version, fp8Weights);
        Optional<Decision> vskip = VskipRule.choose(m, gpu, aiter.switches());
        Decision allReduce = AllReduceRule.choose(gpu, tp, version, req.goal());
        OffloadRule.Choice offload = OffloadRule.choose(m, version, req.goal());
        Decision blockSize = BlockSizeRule.choose(m, gpu, version);
        Optional<AttentionBackendRule.Choice> backend = AttentionBackendRule.choose(m, gpu, aiter.switches(), version);

        List<Decision> decisions = new ArrayList<>();
        decisions.add(tpDecision(m, gpu, req, tp, version));
        decisions.add(sized.weights.decision());
        decisions.add(blockSize);
        decisions.add(sized.kv.decision());
        decisions.add(KvLayoutRule.explain(m, tp));
        decisions.add(offload.decision());
        decisions.addAll(aiter.decisions());
        vskip.ifPresent(decisions::add);
        decisions.add(allReduce);
        backend.ifPresent(b -> decisions.add(b.decision()));
        decisions.addAll(scheduling.decisions());
        vision.ifPresent(decisions::add);
        decisions.add(context);

        Map<String, String> env = new LinkedHashMap<>(aiter.env());
        vskip.filter(d -> d.value().equals("0")).ifPresent(d -> env.put(VskipRule.ENV, "0"));
        if (AllReduceRule.setsEnv(allReduce)) {
            env.put(AllReduceRule.ENV, allReduce.value());
        }
        backend.filter(b -> !b.viaFlag()).ifPresent(b -> env.put(AttentionBackendRule.ENV, b.backend()));

        List<String> args = new ArrayList<>();
        add(args, "--tensor-parallel-size", tp);
        if (dp > 1) {
            add(args, "--data-parallel-size", dp);
        }
        if (sized.weights.expertParallel()) {
            args.add("--enable-expert-parallel");
        }
        add(args, "--block-size", blockSize.value());
        if (sized.weights.quantizationFlag() != null) {
            add(args, "--quantization", sized.weights.quantizationFlag());
        }
        if (sized.kv.dtype() != KvCacheDtype.AUTO) {
            add(args, "--kv-cache-dtype", sized.kv.dtype().vllmName());
        }
        add(args, "--max-model-len", contextTokens);
        add(args, "--max-num-seqs", scheduling.profile().maxNumSeqs());
        add(args, "--max-num-batched-tokens", scheduling.profile().maxNumBatchedTokens());
        add(args, "--gpu-memory-utilization", String.format("%.2f", scheduling.gpuMemoryUtilization()));
        args.addAll(scheduling.extraArgs());
        if (visionReplicated) {
            add(args, "--mm-encoder-tp-mode", "data");
        }
        if (offload.enabled()) {
            add(args, "--kv-offloading-backend", "native");
            add(args, "--kv-offloading-size", DeploymentDefaults.kvOffloadingSizeGib());
        }
        backend.filter(AttentionBackendRule.Choice::viaFlag).ifPresent(b -> add(args, "--attention-backend", b.backend()));

        List<String> warnings = warnings(m, gpu, sized, scheduling, tp);
        return new DeploymentPlan(name, ModelCatalogue.servedModelRef(req.model()), m, ParameterCounter.count(m), gpu,
                tp * dp, version, req.goal(), tp, dp, sized.weights, Integer.parseInt(blockSize.value()),
                sized.kv.dtype(), sized.kv.fp8Eligible(), offload.eligible(), offload.enabled(), aiter.switches(),
                scheduling.profile(), scheduling.gpuMemoryUtilization(), contextTokens, env, args, decisions,
                sized.memory, warnings);
    }

    /** Weights, KV format and memory at one TP size. */
    private record Sized(int tp, ServedWeights weights, KvCacheRule.Choice kv, MemoryEstimate memory) {
    }

    private static Sized size(ModelArchitecture m, Accelerator gpu, AdviseRequest req, int tp,
                              SchedulingRule.Choice scheduling, int contextTokens, boolean visionReplicated) {
        int dp = req.gpuCount() / tp;
        ServedWeights weights = QuantizationRule.choose(m, gpu, req.quantization(), tp);
        KvCacheRule.Choice kv = KvCacheRule.choose(m, gpu, req.goal());
        MemoryEstimate memory = MemoryRule.estimate(m, gpu, tp, dp, weights, kv.dtype(), scheduling.profile(),
                scheduling.gpuMemoryUtilization(), contextTokens, visionReplicated);
        if (!MemoryRule.fits(memory) && kv.fp8Eligible() && kv.dtype() == KvCacheDtype.AUTO) {
            KvCacheRule.Choice fp8 = KvCacheRule.fp8ToFit(m);
            MemoryEstimate withFp8 = MemoryRule.estimate(m, gpu, tp, dp, weights, fp8.dtype(), scheduling.profile(),
                    scheduling.gpuMemoryUtilization(), contextTokens, visionReplicated);
            if (MemoryRule.fits(withFp8)) {
                return new Sized(tp, weights, fp8, withFp8);
            }
        }
        return new Sized(tp, weights, kv, memory);
    }

    private static Decision tpDecision(ModelArchitecture m, Accelerator gpu, AdviseRequest req, int tp,
                                       VllmVersion version) {
        int heads = m.attention().heads();
        int gpus = req.gpuCount();
        if (req.forcedTp().isPresent()) {
            return new Decision("tensor-parallel-size", Integer.toString(tp), "forced with --tp; " + heads + " heads / "
                    + tp + " = " + heads / tp + " per GPU", RuleId.C1);
        }
        if (tp == gpus) {
            String aside = gpu.isRocm() && m.attention().kind().isMla() && !AiterRule.mlaUsable(m, gpu)
                    && !AiterRule.mlaHeadsSupported(heads / tp, version)
                    ? " (AITER MLA is unusable on " + gpu.arch() + " for " + m.quantization().label()
                    + " weights at any TP (C8), so no kernel reason to use fewer GPUs)" : "";
            return new Decision("tensor-parallel-size", Integer.toString(tp), "uses all " + gpus + " GPUs; " + heads
                    + " heads / " + tp + " = " + heads / tp + " per GPU" + aside, RuleId.T1);
        }
        int largest = TensorParallelRule.legalSizes(m, gpus).get(0);
        int idle = TensorParallelRule.idleGpus(gpus, tp);
        if (idle > 0) {
            return new Decision("tensor-parallel-size", Integer.toString(tp), "no TP that fits and that the "
                    + heads + " heads allow divides " + gpus + " GPUs; " + (gpus / tp) + " replica(s) of TP " + tp
                    + " use " + (gpus - idle) + " of them and leave " + idle + " idle (give --gpus " + (gpus - idle)
                    + ", or run another model on the rest)", RuleId.C1);
        }
        String lost = (gpus / tp) + " replicas of TP " + tp + " (--data-parallel-size " + gpus / tp
                + "); lost: each token reads its weights with " + tp + " GPUs' bandwidth instead of " + gpus
                + ", and each GPU holds " + gpus / tp + "x the weights of a TP " + gpus + " shard";
        if (tp == largest) {
            return new Decision("tensor-parallel-size", Integer.toString(tp), heads + " heads do not split over "
                    + gpus + " GPUs (largest legal TP is " + tp + "); " + lost, RuleId.C1);
        }
        if (AiterRule.mlaUsable(m, gpu) && !AiterRule.mlaHeadsSupported(heads / largest, version)) {
            return new Decision("tensor-parallel-size", Integer.toString(tp), "TP " + largest + " would leave "
                    + heads / largest + " heads per GPU, which AITER MLA does not support ("
                    + AiterRule.supportedHeadsText(version) + "); TP " + tp + " gives " + heads / tp + "; " + lost,
                    RuleId.C3);
        }
        return new Decision("tensor-parallel-size", Integer.toString(tp), "larger TP sizes do not fit; " + lost, RuleId.M1);
    }

    private static List<String> warnings(ModelArchitecture m, Accelerator gpu, Sized s, SchedulingRule.Choice scheduling,
                                         int tp) {
        List<String> out = new ArrayList<>();
        MemoryEstimate mem = s.memory;
        if (mem.concurrentSequences() < scheduling.profile().maxNumSeqs()) {
            out.add(String.format("only %,d sequences of %,d tokens fit in the KV cache at once, below max-num-seqs %d: "
                            + "longer requests will queue or be preempted%s", mem.concurrentSequences(),
                    mem.contextTokens(), scheduling.profile().maxNumSeqs(),
                    s.kv.fp8Eligible() && s.kv.dtype() == KvCacheDtype.AUTO ? " (--kv-cache-dtype fp8 would double it)" : ""));
        }
        if (gpu.isRocm() && mem.loadReportedGibPerGpu() > mem.weightGibPerGpu() * 1.05) {
            out.add(String.format("online quantization stages the BF16 checkpoint: vLLM on ROCm will log about %.0f GiB "
                    + "at load although the served weights take %.1f GiB", mem.loadReportedGibPerGpu(), mem.weightGibPerGpu()));
        }
        if (m.attention().kind().isMla() && tp > 1) {
            out.add("MLA keeps the full latent cache on every rank: KV capacity does not grow with TP (C4)");
        }
        return out;
    }

    private static void add(List<String> args, String flag, Object value) {
        args.add(flag);
        args.add(String.valueOf(value));
    }
}
