package dev.servebench.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A mistyped config.json gets a line naming the field, not a negative parameter count from overflow. */
class ImplausibleConfigTest {
    @Test
    void aDimensionBeyondAnyModelIsRefusedNamingTheField() {
        assertThatThrownBy(() -> ModelConfig.parse("x", """
                {"hidden_size": 2000000000, "num_hidden_layers": 2, "num_attention_heads": 16, "vocab_size": 100}"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("config.json hidden_size is 2000000000; a model dimension is a whole number from 0 to 1048576");
        // Beyond int: asInt() used to wrap it silently.
        assertThatThrownBy(() -> ModelConfig.parse("x", """
                {"hidden_size": 4096, "num_hidden_layers": 5000000000, "num_attention_heads": 16, "vocab_size": 100}"""))
                .hasMessageContaining("num_hidden_layers is 5000000000");
    }

    @Test
    void dimensionsWithinBoundsWhoseProductOverflowsAreRefused() {
        ModelConfig huge = ModelConfig.parse("x", """
                {"hidden_size": 1048576, "num_hidden_layers": 1048576, "num_attention_heads": 16,
                 "intermediate_size": 1048576, "vocab_size": 100}""");
        assertThatThrownBy(() -> ParameterCounter.count(huge.architecture()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than any model could have");
    }
}
