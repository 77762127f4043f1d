package dev.servebench.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KvCacheSizeTest {

    private static long kv(String name, int tp, KvCacheDtype dtype) {
        return KvCacheSize.bytesPerTokenPerGpu(ModelCatalogue.load(name).architecture(), tp, dtype);
    }

    @Test
    void mlaLatentIsTheSameAtEveryTp() {
        for (int tp : new int[]{1, 2, 4, 8}) {
            assertThat(kv("deepseek-v3.2", tp, KvCacheDtype.AUTO)).isEqualTo(70_272);
            assertThat(kv("kimi-k2.5", tp, KvCacheDtype.AUTO)).isEqualTo(70_272);
        }
    }

    @Test
    void gqaSplitsKvHeadsAcrossRanks() {
        assertThat(kv("llama-3.1-405b", 8, KvCacheDtype.AUTO)).isEqualTo(64_512);
        assertThat(kv("llama-3.1-405b", 4, KvCacheDtype.AUTO)).isEqualTo(129_024);
        assertThat(kv("llama-3.1-405b", 8, KvCacheDtype.FP8)).isEqualTo(32_256);
    }

    @Test
    void kvHeadsAreReplicatedOnceTpExceedsThem() {
        // Qwen3 has 4 KV heads: TP 8 holds one per rank, like TP 4 (rule C2).
        assertThat(kv("qwen3-235b-a22b", 4, KvCacheDtype.AUTO)).isEqualTo(48_128);
        assertThat(kv("qwen3-235b-a22b", 8, KvCacheDtype.AUTO)).isEqualTo(48_128);
        assertThat(kv("qwen3-vl-235b-a22b", 8, KvCacheDtype.AUTO)).isEqualTo(48_128);
    }

    @Test
    void deepseekFp8FormatIs656BytesPerLayer() {
        assertThat(kv("deepseek-v3.2", 8, KvCacheDtype.FP8_DS_MLA)).isEqualTo(61 * 656);
        assertThatThrownBy(() -> kv("llama-3.1-405b", 8, KvCacheDtype.FP8_DS_MLA))
                .hasMessageContaining("fp8_ds_mla is DeepSeek's MLA cache format");
    }
}
