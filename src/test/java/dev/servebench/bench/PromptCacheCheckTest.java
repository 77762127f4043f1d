package dev.servebench.bench;

import dev.servebench.metrics.PromptCacheCounts;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When a level's cache hits get a note, and what the note says: stale prompts, or hits the workload expects. */
class PromptCacheCheckTest {
    private static PromptCacheCounts counts(long cached, long prompt) {
        return new PromptCacheCounts(cached, prompt, "vllm:prefix_cache_hits_total / vllm:prefix_cache_queries_total");
    }

    @Test
    void hitsOnPromptsMeantToBeNewAreNamedAboveFivePercent() {
        PromptCacheCheck stale = PromptCacheCheck.of(counts(10_240, 10_615), null, 0, 20);
        assertThat(stale.unexpectedHits()).isTrue();
        assertThat(stale.note()).contains("96.5 %", "10,240 of 10,615", "meant to be new", "same --seed");
        PromptCacheCheck fresh = PromptCacheCheck.of(counts(500, 10_615), null, 0, 20);
        assertThat(fresh.note()).isNull();
        assertThat(fresh.unexpectedHits()).isFalse();
        assertThat(fresh.cachedFraction()).isCloseTo(0.0471, org.assertj.core.api.Assertions.within(1e-4));
    }

    @Test
    void theChatTemplatesStartCachedFromTheRequestBeforeIsNotStale() {
        // llama.cpp's slot keeps the template's opening tokens: 20 requests x 8 template tokens = 160 explained.
        assertThat(PromptCacheCheck.of(counts(160, 1_600), null, 8, 20).note()).isNull();
        assertThat(PromptCacheCheck.of(counts(260, 1_600), null, 8, 20).note()).contains("meant to be new");
    }

    @Test
    void workloadsThatShareTextSayTheHitsAreExpected() {
        PromptCacheCheck paper = PromptCacheCheck.of(counts(9_000, 10_000),
                "--prompt paper sends one passage again and again", 0, 20);
        assertThat(paper.unexpectedHits()).isFalse();
        assertThat(paper.note()).contains("as this workload expects", "--prompt paper").doesNotContain("meant to be new");
    }

    @Test
    void whichLevelsExpectHits() {
        BenchmarkConfig random = BenchmarkConfig.builder().build();
        assertThat(CacheExpectation.because(random, RequestSource.SYNTHETIC, true)).isNull();
        assertThat(CacheExpectation.because(random, new RequestSource.SharedPrefixes(4, 256), true))
                .contains("--prefix-groups 4");
        // WARMUP and STRESS send generated prompts of their own even in a shared-prefix run.
        assertThat(CacheExpectation.because(random, new RequestSource.SharedPrefixes(4, 256), false)).isNull();
        assertThat(CacheExpectation.because(random.toBuilder().promptMode(PromptMode.PAPER_EXACT).build(),
                RequestSource.SYNTHETIC, false)).contains("--prompt paper-exact");
        assertThat(CacheExpectation.because(random.toBuilder().conversation(new Conversation(3,
                java.time.Duration.ZERO)).build(), RequestSource.SYNTHETIC, true)).contains("conversation");
        assertThat(List.of(RunSeeds.draw(), RunSeeds.draw())).doesNotHaveDuplicates();
    }
}
