package dev.servebench.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

class ParameterCounterTest {

    /** Published totals/actives: study JSON and model cards. */
    @ParameterizedTest
    @CsvSource({
            "deepseek-v3.2,      685,  37",
            "kimi-k2.5,          1000, 32",
            "llama-3.1-405b,     405,  405",
            "qwen3-235b-a22b,    235,  22",
            "qwen3-vl-235b-a22b, 235,  22"})
    void derivedCountsAreWithinThreePercentOfPublished(String name, double totalB, double activeB) {
        ParameterBreakdown p = ParameterCounter.count(ModelCatalogue.load(name).architecture());
        assertThat(p.totalBillions()).as("total").isCloseTo(totalB, withinPercentage(3));
        assertThat(p.activeBillions()).as("active").isCloseTo(activeB, withinPercentage(3));
    }

    @Test
    void smallDenseModelCountsExactly() {
        // 2 layers, hidden 8, 2 heads of 4, 1 KV head, MLP 16, vocab 10, untied.
        ModelArchitecture m = ModelConfig.parse("t", """
                {"hidden_size": 8, "num_hidden_layers": 2, "num_attention_heads": 2, "num_key_value_heads": 1,
                 "intermediate_size": 16, "vocab_size": 10}""").architecture();
        ParameterBreakdown p = ParameterCounter.count(m);
        assertThat(p.total(Component.EMBEDDING)).isEqualTo(80);
        assertThat(p.total(Component.LM_HEAD)).isEqualTo(80);
        assertThat(p.total(Component.ATTENTION)).isEqualTo(2 * (8 * 8 + 8 * 8));
        assertThat(p.total(Component.KV_PROJECTION)).isEqualTo(2 * (2 * 8 * 4));
        assertThat(p.total(Component.DENSE_MLP)).isEqualTo(2 * 3 * 8 * 16);
        // Input embedding is a lookup: everything else is active in a dense model.
        assertThat(p.activeParams()).isEqualTo(p.totalParams() - 80);
    }

    @Test
    void tiedEmbeddingsAreStoredOnceButTheHeadStillRuns() {
        ModelArchitecture m = ModelConfig.parse("t", """
                {"hidden_size": 8, "num_hidden_layers": 1, "num_attention_heads": 2, "vocab_size": 10,
                 "intermediate_size": 16, "tie_word_embeddings": true}""").architecture();
        ParameterBreakdown p = ParameterCounter.count(m);
        assertThat(p.total(Component.LM_HEAD)).isZero();
        assertThat(p.active().get(Component.LM_HEAD)).isEqualTo(80);
    }

    @Test
    void moeActiveScalesRoutedExpertsOnly() {
        ParameterBreakdown p = ParameterCounter.count(ModelCatalogue.load("deepseek-v3.2").architecture());
        long perExpert = 3L * 7168 * 2048;
        assertThat(p.total(Component.ROUTED_EXPERTS)).isEqualTo(perExpert * 256 * 58);
        assertThat(p.active().get(Component.ROUTED_EXPERTS)).isEqualTo(perExpert * 8 * 58);
        assertThat(p.total(Component.SHARED_EXPERTS)).isEqualTo(perExpert * 58);
        assertThat(p.total(Component.MTP)).as("MTP module stored").isPositive();
        assertThat(p.active()).doesNotContainKey(Component.MTP);
    }

    @Test
    void mlaProjectionsAreCountedFromTheLowRankFields() {
        ParameterBreakdown p = ParameterCounter.count(ModelCatalogue.load("kimi-k2.5").architecture());
        long down = 7168L * 1536 + 7168L * (512 + 64);
        long up = 1536L * 64 * 192 + 512L * 64 * (128 + 128) + 64L * 128 * 7168;
        assertThat(p.total(Component.ATTENTION_DOWN)).isEqualTo(61 * down);
        assertThat(p.total(Component.ATTENTION)).isEqualTo(61 * up);
    }

    @Test
    void visionEncoderIsCountedWhenPresent() {
        ParameterBreakdown p = ParameterCounter.count(ModelCatalogue.load("qwen3-vl-235b-a22b").architecture());
        assertThat(p.total(Component.VISION) / 1e9).isCloseTo(0.57, within(0.1));
        ParameterBreakdown text = ParameterCounter.count(ModelCatalogue.load("qwen3-235b-a22b").architecture());
        assertThat(p.totalParams() - text.totalParams()).isEqualTo(p.total(Component.VISION));
    }
}
