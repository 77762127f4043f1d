package dev.servebench.model;

import dev.servebench.BadInputException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads a Hugging Face {@code config.json} tree into a {@link ModelArchitecture}, in ADVISOR-FACTS' order. */
final class ConfigParser {

    private ConfigParser() {
    }

    static ModelArchitecture parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new BadInputException("config.json must be a JSON object");
        }
        // 1. A vision config moves the language-model fields under text_config.
        JsonNode visionNode = root.get("vision_config");
        JsonNode text = root.has("text_config") ? root.get("text_config") : root;
        boolean quantAtTop = root.has("quantization_config");
        JsonNode quantNode = text.has("quantization_config") ? text.get("quantization_config") : root.get("quantization_config");

        int hidden = required(text, "hidden_size");
        int layers = required(text, "num_hidden_layers");
        int heads = required(text, "num_attention_heads");
        int kvHeads = intOr(text, "num_key_value_heads", heads);
        int headDim = text.has("head_dim") && !text.get("head_dim").isNull()
                ? text.get("head_dim").asInt() : hidden / heads;

        Attention attention = attention(text, heads, kvHeads, headDim);
        Optional<MoeSpec> moe = moe(text, layers);
        Optional<VisionEncoder> vision = visionNode == null || visionNode.isNull()
                ? Optional.empty() : Optional.of(vision(visionNode, hidden));

        return new ModelArchitecture(
                modelType(text, root),
                strings(root.get("architectures")),
                hidden,
                intOr(text, "intermediate_size", 4 * hidden),
                layers,
                required(text, "vocab_size"),
                intOr(text, "max_position_embeddings", 4096),
                text.path("tie_word_embeddings").asBoolean(root.path("tie_word_embeddings").asBoolean(false)),
                attention, moe, vision,
                intOr(text, "num_nextn_predict_layers", 0),
                quantization(quantNode, text.path("torch_dtype").asText(root.path("torch_dtype").asText("bfloat16"))),
                quantAtTop, slidingWindow(text, layers),
                // gpt-oss has a learned sink logit per head in every layer; its config has no flag for it.
                modelType(text, root).equals("gpt_oss"));
    }

    private static String modelType(JsonNode text, JsonNode root) {
        return text.path("model_type").asText(root.path("model_type").asText("unknown"));
    }

    /**
     * Sliding-window layers from {@code layer_types}: a list as long as the layers, or a shorter pattern
     * that repeats a whole number of times ({@code ["sliding_attention", "full_attention"]} over 36 layers
     * is 18 of each). Without {@code layer_types} no layer slides: {@code sliding_window} alone is ignored,
     * as Qwen-style configs set it next to {@code use_sliding_window: false}.
     */
    private static Optional<SlidingWindow> slidingWindow(JsonNode c, int layers) {
        JsonNode types = c.get("layer_types");
        if (types == null || types.isNull() || types.isEmpty()) {
            return Optional.empty();
        }
        if (!types.isArray() || types.size() > layers || layers % types.size() != 0) {
            throw new BadInputException("layer_types has " + types.size() + " entries for " + layers
                    + " layers; give one per layer or a pattern that repeats a whole number of times");
        }
        int slidingInPattern = 0;
        for (JsonNode t : types) {
            String type = t.asText();
            if (type.equals("sliding_attention")) {
                slidingInPattern++;
            } else if (!type.equals("full_attention")) {
                throw new BadInputException("layer_types entry '" + type + "' is neither sliding_attention nor full_attention");
            }
        }
        if (slidingInPattern == 0) {
            return Optional.empty();
        }
        if (!c.hasNonNull("sliding_window")) {
            throw new BadInputException("layer_types has sliding_attention layers but sliding_window is missing");
        }
        return Optional.of(new SlidingWindow(dimension(c, "sliding_window"), slidingInPattern * (layers / types.size())));
    }

    private static Attention attention(JsonNode c, int heads, int kvHeads, int headDim) {
        if (c.hasNonNull("kv_lora_rank")) {
            MlaDims mla = new MlaDims(intOr(c, "q_lora_rank", 0), c.get("kv_lora_rank").asInt(),
                    required(c, "qk_nope_head_dim"), required(c, "qk_rope_head_dim"), required(c, "v_head_dim"));
            // 2. index_topk marks DeepSeek V3.2's sparse indexer; 3. otherwise plain MLA.
            if (c.hasNonNull("index_topk")) {
                SparseIndexer indexer = new SparseIndexer(c.get("index_topk").asInt(),
                        intOr(c, "index_n_heads", 64), intOr(c, "index_head_dim", 128));
                return new Attention(AttentionKind.SPARSE_MLA, heads, kvHeads, mla.qkHeadDim(), Optional.of(mla), Optional.of(indexer));
            }
            return new Attention(AttentionKind.MLA, heads, kvHeads, mla.qkHeadDim(), Optional.of(mla), Optional.empty());
        }
        if (c.hasNonNull("index_topk")) {
            throw new BadInputException("config has index_topk (sparse MLA) but no kv_lora_rank; fix the config");
        }
        if (kvHeads > heads || heads % kvHeads != 0) {
            throw new BadInputException("num_key_value_heads " + kvHeads + " must divide num_attention_heads " + heads);
        }
        // 4. Only now compare KV heads to query heads: MLA configs repeat the query count.
        AttentionKind kind = kvHeads == 1 ? AttentionKind.MQA : kvHeads < heads ? AttentionKind.GQA : AttentionKind.MHA;
        return new Attention(kind, heads, kvHeads, headDim, Optional.empty(), Optional.empty());
    }

    private static Optional<MoeSpec> moe(JsonNode c, int layers) {
        int routed = firstInt(c, 0, "n_routed_experts", "num_experts", "num_local_experts");
        if (routed <= 0) {
            return Optional.empty();
        }
        int perToken = firstInt(c, 0, "num_experts_per_tok", "experts_per_token");
        int shared = intOr(c, "n_shared_experts", 0);
        int expertWidth = firstInt(c, 0, "moe_intermediate_size", "intermediate_size");
        int sharedWidth = c.hasNonNull("shared_expert_intermediate_size")
                ? c.get("shared_expert_intermediate_size").asInt() : shared * expertWidth;
        if (shared == 0 && sharedWidth > 0) {
            shared = 1;
        }
        return Optional.of(new MoeSpec(routed, perToken, shared, expertWidth, sharedWidth, moeLayers(c, layers)));
    }

    private static int moeLayers(JsonNode c, int layers) {
        int firstDense = intOr(c, "first_k_dense_replace", 0);
        int freq = Math.max(1, intOr(c, "moe_layer_freq", 1));
        int sparseStep = Math.max(1, intOr(c, "decoder_sparse_step", 1));
        List<Integer> mlpOnly = new ArrayList<>();
        c.path("mlp_only_layers").forEach(n -> mlpOnly.add(n.asInt()));
        int count = 0;
        for (int i = 0; i < layers; i++) {
            boolean moe = i >= firstDense && i % freq == 0 && (i + 1) % sparseStep == 0 && !mlpOnly.contains(i);
            if (moe) {
                count++;
            }
        }
        return count;
    }

    private static VisionEncoder vision(JsonNode v, int textHidden) {
        int layers = firstInt(v, 0, "depth", "vt_num_hidden_layers", "num_hidden_layers", "num_layers");
        int hidden = firstInt(v, 0, "hidden_size", "embed_dim", "width");
        if (layers <= 0 || hidden <= 0) {
            throw new BadInputException("vision_config needs depth (or num_hidden_layers) and hidden_size");
        }
        return new VisionEncoder(layers, hidden,
                firstInt(v, 4 * hidden, "intermediate_size", "mlp_dim"),
                firstInt(v, 16, "num_heads", "num_attention_heads"),
                intOr(v, "patch_size", 14),
                intOr(v, "temporal_patch_size", 1),
                intOr(v, "spatial_merge_size", 2),
                intOr(v, "out_hidden_size", textHidden),
                v.path("deepstack_visual_indexes").size());
    }

    static CheckpointQuantization quantization(JsonNode q, String torchDtype) {
        if (q == null || q.isNull()) {
            String dtype = torchDtype.toLowerCase(Locale.ROOT);
            return switch (dtype) {
                case "float32" -> new CheckpointQuantization.Unquantized("fp32", 4.0);
                case "float16" -> new CheckpointQuantization.Unquantized("fp16", 2.0);
                default -> CheckpointQuantization.Unquantized.BF16;
            };
        }
        String method = q.path("quant_method").asText("").toLowerCase(Locale.ROOT);
        return switch (method) {
            case "fp8" -> {
                JsonNode block = q.get("weight_block_size");
                yield block != null && block.size() == 2
                        ? new CheckpointQuantization.BlockFp8(block.get(0).asInt(), block.get(1).asInt())
                        : new CheckpointQuantization.ChannelFp8("fp8");
            }
            case "fbgemm_fp8" -> new CheckpointQuantization.ChannelFp8("fbgemm_fp8");
            case "mxfp4" -> new CheckpointQuantization.Mxfp4(strings(q.get("modules_to_not_convert")));
            case "compressed-tensors" -> compressedTensors(q);
            default -> throw new BadInputException("unsupported quantization_config.quant_method '" + method
                    + "'; supported: fp8, fbgemm_fp8, compressed-tensors, mxfp4 (or remove quantization_config for BF16)");
        };
    }

    private static CheckpointQuantization compressedTensors(JsonNode q) {
        List<String> ignore = strings(q.get("ignore"));
        for (JsonNode group : iterable(q.path("config_groups"))) {
            JsonNode w = group.path("weights");
            int bits = w.path("num_bits").asInt(0);
            String type = w.path("type").asText("int");
            if (bits == 8 && type.equals("float")) {
                return new CheckpointQuantization.ChannelFp8("compressed-tensors");
            }
            if (type.equals("int") && bits > 0) {
                return new CheckpointQuantization.IntGroup(bits, w.path("group_size").asInt(128), ignore);
            }
        }
        throw new BadInputException("compressed-tensors config without a recognised weight scheme "
                + "(need config_groups.*.weights with num_bits and type int or float)");
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        node.elements().forEachRemaining(out::add);
        return out;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static int required(JsonNode c, String field) {
        if (!c.hasNonNull(field)) {
            throw new BadInputException("config.json lacks required field '" + field + "'");
        }
        return dimension(c, field);
    }

    private static int intOr(JsonNode c, String field, int fallback) {
        return c.hasNonNull(field) ? dimension(c, field) : fallback;
    }

    private static int firstInt(JsonNode c, int fallback, String... fields) {
        for (String f : fields) {
            if (c.hasNonNull(f)) {
                return dimension(c, f);
            }
        }
        return fallback;
    }

    /**
     * A model dimension: a whole number from 0 to {@link #MAX_DIMENSION}. Larger ones describe no
     * model that exists and would overflow the memory arithmetic (asInt() would even wrap them).
     */
    private static int dimension(JsonNode c, String field) {
        JsonNode v = c.get(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0 || v.asLong() > MAX_DIMENSION) {
            throw new BadInputException("config.json " + field + " is " + v + "; a model dimension is a whole "
                    + "number from 0 to " + MAX_DIMENSION);
        }
        return v.asInt();
    }

    /** Above every dimension of published models (vocabularies reach ~260 k, hidden sizes ~20 k). */
    static final int MAX_DIMENSION = 1 << 20;
}
