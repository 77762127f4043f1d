package dev.servebench.sim.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EngineTest {
    private static final StepTimeModel MODEL = StepTimeModel.linear(10_000_000, 50_000);

    @Test
    void batchesNeverExceedMaxNumSeqsOrTheTokenBudget() {
        EngineConfig config = new EngineConfig(8, 512, 16, 100_000, false);
        EngineHarness h = new EngineHarness(config, MODEL);
        for (int i = 0; i < 100; i++) {
            h.driver.submit(EngineHarness.request(i, 300 + i * 7, 40, i));
        }
        h.runToEnd();

        assertThat(h.finished).hasSize(100);
        assertThat(h.steps).allSatisfy(s -> {
            assertThat(s.sequences()).isLessThanOrEqualTo(8);
            assertThat(s.totalNewTokens()).isLessThanOrEqualTo(512);
        });
        // Both limits actually bind, so the assertions above are not vacuous.
        assertThat(h.steps).anySatisfy(s -> assertThat(s.sequences()).isEqualTo(8));
        assertThat(h.steps).anySatisfy(s -> assertThat(s.totalNewTokens()).isEqualTo(512));
        assertThat(h.tokens.values()).containsOnly(40);
    }

    @Test
    void longPromptsArePrefilledInChunksAlongsideRunningDecodes() {
        EngineConfig config = new EngineConfig(16, 256, 16, 100_000, false);
        EngineHarness h = new EngineHarness(config, MODEL);
        h.driver.submit(EngineHarness.request(1, 10, 50, 1));
        h.runToEnd();
        int stepsAlone = h.steps.size();
        h.driver.submit(EngineHarness.request(2, 10, 50, 2));
        h.driver.submit(EngineHarness.request(3, 1000, 5, 3));
        h.runToEnd();

        assertThat(stepsAlone).isEqualTo(50);
        // Step 1 admits both prompts (10 + 246 tokens); the 1,000-token prompt then needs three
        // more chunks (255, 255, 244), each scheduled after the short request's 1-token decode.
        var after = h.steps.subList(stepsAlone, h.steps.size());
        assertThat(after.get(0).newTokens(0)).isEqualTo(10);
        assertThat(after.get(0).newTokens(1)).isEqualTo(246);
        for (int i = 1; i <= 3; i++) {
            assertThat(after.get(i).newTokens(0)).isEqualTo(1);
            assertThat(after.get(i).totalNewTokens()).isLessThanOrEqualTo(256);
        }
        assertThat(after.get(1).newTokens(1) + after.get(2).newTokens(1) + after.get(3).newTokens(1)).isEqualTo(754);
        assertThat(h.tokens).containsEntry(3L, 5).containsEntry(2L, 50);
    }

    @Test
    void kvCacheExhaustionPreemptsByRecomputeAndEveryRequestStillFinishes() {
        // 64 blocks x 16 = 1,024 tokens; 16 requests x (100 + 200) tokens need 4,800.
        EngineConfig config = new EngineConfig(16, 2048, 16, 64, false);
        EngineHarness h = new EngineHarness(config, MODEL);
        for (int i = 0; i < 16; i++) {
            h.driver.submit(EngineHarness.request(i, 100, 200, i));
        }
        h.runToEnd();

        assertThat(h.engine.snapshot().preemptions()).isPositive();
        assertThat(h.finished).hasSize(16).containsValue(FinishReason.LENGTH);
        assertThat(h.tokens.values()).containsOnly(200);
        assertThat(h.engine.snapshot().kvUsedBlocks()).isZero();
        // Recomputation shows up as extra prompt tokens processed.
        assertThat(h.engine.snapshot().promptTokens()).isGreaterThan(16 * 100);
    }

    @Test
    void withEnoughMemoryNothingIsPreempted() {
        EngineConfig config = new EngineConfig(16, 2048, 16, 10_000, false);
        EngineHarness h = new EngineHarness(config, MODEL);
        for (int i = 0; i < 16; i++) {
            h.driver.submit(EngineHarness.request(i, 100, 200, i));
        }
        h.runToEnd();

        assertThat(h.engine.snapshot().preemptions()).isZero();
        assertThat(h.engine.snapshot().promptTokens()).isEqualTo(16 * 100);
    }

    @Test
    void prefixCachingSkipsTheSharedPromptBlocks() {
        EngineConfig config = new EngineConfig(16, 4096, 16, 10_000, true);
        EngineHarness h = new EngineHarness(config, MODEL);
        h.driver.submit(EngineHarness.request(1, 500, 10, 7));
        h.runToEnd();
        h.driver.submit(EngineHarness.request(2, 500, 10, 7));
        h.driver.submit(EngineHarness.request(3, 500, 10, 8));
        h.runToEnd();

        // Request 2 reuses 31 full blocks (496 tokens) of request 1's prompt; request 3 shares nothing.
        assertThat(h.engine.snapshot().prefixHitTokens()).isEqualTo(496);
        assertThat(h.engine.snapshot().promptTokens()).isEqualTo(500 + 4 + 500);
        assertThat(h.tokens).containsEntry(2L, 10).containsEntry(3L, 10);
    }

    @Test
    void withoutPrefixCachingEqualPromptsAreRecomputed() {
        EngineConfig config = new EngineConfig(16, 4096, 16, 10_000, false);
        EngineHarness h = new EngineHarness(config, MODEL);
        h.driver.submit(EngineHarness.request(1, 500, 10, 7));
        h.runToEnd();
        h.driver.submit(EngineHarness.request(2, 500, 10, 7));
        h.runToEnd();

        assertThat(h.engine.snapshot().prefixHitTokens()).isZero();
        assertThat(h.engine.snapshot().promptTokens()).isEqualTo(1000);
    }

    @Test
    void abortedRequestsReleaseTheirBlocks() {
        EngineConfig config = new EngineConfig(16, 4096, 16, 10_000, false);
        EngineHarness h = new EngineHarness(config, MODEL);
        h.driver.submit(EngineHarness.request(1, 500, 1000, 1));
        h.loop.runNext();
        h.loop.runNext();
        h.driver.abort(1);
        h.runToEnd();

        assertThat(h.finished).doesNotContainKey(1L);
        assertThat(h.engine.snapshot().kvUsedBlocks()).isZero();
        assertThat(h.engine.hasWork()).isFalse();
    }
}
