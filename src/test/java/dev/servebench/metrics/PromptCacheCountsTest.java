package dev.servebench.metrics;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The prompt tokens a server served from its cache between two scrapes, by each engine's own counters. */
class PromptCacheCountsTest {
    private static ServerReading read(String exposition) throws ExpositionFormatException {
        return ServerReading.of(PrometheusTextParser.parse(exposition), 0);
    }

    private static String vllm(long queries, long hits) {
        return "# TYPE vllm:prefix_cache_queries_total counter\n"
                + "vllm:prefix_cache_queries_total{engine=\"0\",model_name=\"m\"} " + queries + ".0\n"
                + "# TYPE vllm:prefix_cache_hits_total counter\n"
                + "vllm:prefix_cache_hits_total{engine=\"0\",model_name=\"m\"} " + hits + ".0\n";
    }

    @Test
    void vllmHitsOverQueriedTokens() throws Exception {
        // The second run: 10,240 of 10,615 queried tokens were hits.
        PromptCacheCounts c = PromptCacheCounts.between(read(vllm(10_615, 0)), read(vllm(21_230, 10_240)),
                OptionalLong.empty()).orElseThrow();
        assertThat(c.cachedTokens()).isEqualTo(10_240);
        assertThat(c.promptTokens()).isEqualTo(10_615);
        assertThat(c.cachedFraction()).isCloseTo(0.9647, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(c.countedBy()).isEqualTo("vllm:prefix_cache_hits_total / vllm:prefix_cache_queries_total");
    }

    @Test
    void sglangCachedTokensOfEveryCacheSourceOverItsPromptTokens() throws Exception {
        String before = "# TYPE sglang:prompt_tokens_total counter\nsglang:prompt_tokens_total{model_name=\"m\"} 100\n"
                + "# TYPE sglang:cached_tokens_total counter\n"
                + "sglang:cached_tokens_total{model_name=\"m\",cache_source=\"device\"} 10\n"
                + "sglang:cached_tokens_total{model_name=\"m\",cache_source=\"host\"} 0\n";
        String after = "# TYPE sglang:prompt_tokens_total counter\nsglang:prompt_tokens_total{model_name=\"m\"} 1100\n"
                + "# TYPE sglang:cached_tokens_total counter\n"
                + "sglang:cached_tokens_total{model_name=\"m\",cache_source=\"device\"} 610\n"
                + "sglang:cached_tokens_total{model_name=\"m\",cache_source=\"host\"} 200\n";
        PromptCacheCounts c = PromptCacheCounts.between(read(before), read(after), OptionalLong.empty()).orElseThrow();
        assertThat(c.cachedTokens()).isEqualTo(800);
        assertThat(c.promptTokens()).isEqualTo(1000);
        assertThat(c.countedBy()).contains("sglang:cached_tokens_total");
    }

    @Test
    void llamaCppCountsOnlyWhatItComputedSoTheRestOfWhatWasSentCameFromItsCache() throws Exception {
        String before = "# TYPE llamacpp:prompt_tokens_total counter\nllamacpp:prompt_tokens_total 500\n";
        String after = "# TYPE llamacpp:prompt_tokens_total counter\nllamacpp:prompt_tokens_total 800\n";
        PromptCacheCounts c = PromptCacheCounts.between(read(before), read(after), OptionalLong.of(1000))
                .orElseThrow();
        assertThat(c.cachedTokens()).isEqualTo(700);
        assertThat(c.promptTokens()).isEqualTo(1000);
        // Without the tokens sent (no usage blocks) llama.cpp's counter cannot tell.
        assertThat(PromptCacheCounts.between(read(before), read(after), OptionalLong.empty())).isEmpty();
    }

    @Test
    void noCounterOrACounterThatWentBackwardsTellsNothing() throws Exception {
        assertThat(PromptCacheCounts.between(read("# TYPE other_total counter\nother_total 1\n"),
                read("# TYPE other_total counter\nother_total 2\n"), OptionalLong.of(10))).isEmpty();
        // A restart between the readings resets the counters: no difference to take.
        assertThat(PromptCacheCounts.between(read(vllm(5000, 4000)), read(vllm(100, 0)), OptionalLong.empty()))
                .isEmpty();
    }
}
