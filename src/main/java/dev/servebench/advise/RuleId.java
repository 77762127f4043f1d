package dev.servebench.advise;

/**
 * Every rule a plan decision can rest on. C1-C14 are ADVISOR-FACTS' constraints; S, M, Q and T
 * rules are the advisor's own policies from SPEC.md section 5. P rules plan clusters: replicas and
 * disaggregated prefill/decode pools over nodes (SPEC.md section 7).
 */
public enum RuleId {
    C1("attention heads % TP == 0, else vLLM refuses to start", "vllm/config/model.py"),
    C2("KV heads per GPU = max(1, kv_heads / TP); past TP = kv_heads they are replicated", "vllm/config/model.py"),
    C3("AITER's MLA kernel supports 16 or 128 heads per GPU (vLLM <= 0.16); later 4, 8 or multiples of 16",
            "vLLM issues 18338, 35641; PR 35850"),
    C4("MLA's latent KV is replicated on every TP rank: KV bytes per GPU do not fall with TP", "vllm/config/model.py"),
    C5("ROCm MLA uses block size 1 (dense MLA relaxed later, sparse MLA still 1); CUDA FlashMLA 64, CUTLASS MLA 128",
            "vllm/platforms/rocm.py, cuda.py"),
    C6("MLA on ROCm: no generic FP8 KV cache (bf16); DeepSeek V3.2 uses fp8_ds_mla on CUDA", "vllm/platforms/rocm.py"),
    C7("block FP8 needs every quantized weight shard's dims divisible by 128", "fp8_utils.py; vLLM issues 30934, 26589"),
    C8("native MXFP4 only on CDNA 4 (gfx950); AITER's MXFP4 MLA path fails on MI300X/MI325X; MXFP4 checkpoints "
            + "still serve on CDNA 3 via vLLM's Triton MoE (4-bit weights, BF16 math)",
            "study; ROCm docs; vLLM recipes OpenAI/GPT-OSS.md"),
    C9("CPU KV-cache offloading with MLA fails before vLLM 0.19; offloading flags exist from ~0.11.1",
            "study; vLLM PRs 27621, 32421, 37536"),
    C10("on CDNA 3 set AITER_ENABLE_VSKIP=0 for DeepSeek-family fused MoE", "study; ROCm/aiter issue 1143"),
    C11("--num-scheduler-steps removed with V0; VLLM_ATTENTION_BACKEND became --attention-backend; VLLM_USE_V1 removed",
            "vLLM PRs 22779, 32812, 28204, 27611"),
    C12("VLLM_ROCM_USE_AITER defaults to 0; when 1, LINEAR, MOE, RMSNORM, MHA, MLA, FP8BMM default on", "vllm/envs.py"),
    C13("vision-language models: --mm-encoder-tp-mode data runs the vision encoder data-parallel", "vLLM recipes (Qwen3-VL)"),
    C14("VLLM_ROCM_QUICK_REDUCE_QUANTIZATION quantizes all-reduce at TP 4-8 (from ~0.10)", "vLLM PR 19744"),
    T1("use all GPUs for tensor parallelism unless a kernel constraint says otherwise", "SPEC.md section 5"),
    S1("scheduling profile per goal: max-num-seqs / max-num-batched-tokens", "mi325x-study.json scheduling_profiles"),
    S2("gpu-memory-utilization 0.95 for throughput, 0.85-0.90 where headroom is needed", "SPEC.md section 5"),
    M1("weights, activations and at least one full-context sequence must fit in usable GPU memory",
            "ADVISOR-FACTS Memory"),
    M2("max-model-len may not exceed the model's max_position_embeddings", "vllm/config/model.py"),
    Q1("ptpc_fp8 (per-token/per-channel FP8) is a ROCm quantization method", "vLLM docs: PTPC-FP8 on ROCm"),
    Q2("a pre-quantized checkpoint is served in its stored format", "vLLM quantization loaders"),
    P1("a cluster shape may use at most nodes x GPUs per node", "SPEC.md section 7"),
    P2("an instance never spans nodes: TP <= GPUs per node and instances are packed whole into nodes",
            "vLLM docs/serving/parallelism_scaling.md (tensor parallelism inside a node); llm-d "
                    + "guides/pd-disaggregation (one vLLM pod per instance)"),
    P3("a prefill instance only batches prompts: max-num-batched-tokens at least the throughput profile's; a "
            + "decode instance keeps the goal's profile", "vLLM docs/configuration/optimization.md (chunked prefill: "
            + "larger max_num_batched_tokens gives better TTFT, smaller better ITL)"),
    P4("prefill and decode exchange KV through vLLM's NixlConnector: --kv-transfer-config "
            + "{\"kv_connector\":\"NixlConnector\",\"kv_role\":\"kv_both\"} on both roles",
            "vLLM docs/features/nixl_connector_usage.md; llm-d guides/pd-disaggregation patch-prefill.yaml, "
                    + "patch-decode.yaml"),
    P5("prefill and decode must agree on attention backend and KV cache dtype (NIXL compatibility hash)",
            "vLLM docs/features/nixl_connector_compatibility.md"),
    P6("ROCm GQA/MHA models with AITER on: AITER unified attention (ROCM_AITER_UNIFIED_ATTN); ROCM_ATTN when "
            + "prefill and decode TP differ", "vLLM recipes OpenAI/GPT-OSS.md (MI300x, validated on vLLM 0.17.0); "
            + "llm-d guides/pd-disaggregation/README.amd.md"),
    P7("ROCm prefill at TP 4-8: quick-reduce INT4 quantization of the all-reduce, checked for accuracy",
            "vLLM recipes OpenAI/GPT-OSS.md (VLLM_ROCM_QUICK_REDUCE_QUANTIZATION=INT4); vLLM PR 19744; SPEC.md "
                    + "section 7 (quality checked with lm-eval)"),
    USER("an explicit command-line choice the rules allow", "command line");

    private final String statement;
    private final String source;

    RuleId(String statement, String source) {
        this.statement = statement;
        this.source = source;
    }

    public String statement() {
        return statement;
    }

    public String source() {
        return source;
    }
}
