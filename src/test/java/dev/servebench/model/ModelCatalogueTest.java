package dev.servebench.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelCatalogueTest {

    @Test
    void everyBundledNameLoads() {
        for (String name : ModelCatalogue.NAMES) {
            assertThat(ModelCatalogue.load(name).architecture().layers()).as(name).isPositive();
        }
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> ModelCatalogue.load("gpt-5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown model 'gpt-5'; known: deepseek-v3.2, gpt-oss-120b, kimi-k2.5, llama-3.1-405b, "
                        + "llama-3.3-70b-instruct, qwen3-235b-a22b, qwen3-vl-235b-a22b (or give a path to a config.json)");
    }

    @Test
    void loadsAConfigFromAPathAndNamesItAfterItsFolder(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("tiny-llama"));
        Path config = folder.resolve("config.json");
        Files.writeString(config, """
                {"hidden_size": 2048, "num_hidden_layers": 16, "num_attention_heads": 32,
                 "num_key_value_heads": 8, "vocab_size": 32000, "intermediate_size": 8192}""");
        ModelConfig loaded = ModelCatalogue.load(config.toString());
        assertThat(loaded.name()).isEqualTo("tiny-llama");
        assertThat(loaded.architecture().attention().kind()).isEqualTo(AttentionKind.GQA);
    }

    @Test
    void missingFileSaysWhatToPass(@TempDir Path dir) {
        assertThatThrownBy(() -> ModelCatalogue.load(dir.resolve("nope/config.json").toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no config file at")
                .hasMessageContaining("catalogue name");
    }

    @Test
    void bundledCopiesMatchTheSharedData() throws Exception {
        // The shared data folder sits next to the checkout in the development workspace; absent elsewhere.
        Path shared = Path.of("..", "shared", "data", "configs");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shared), "shared data not present");
        for (String name : ModelCatalogue.NAMES) {
            try (var in = ModelCatalogue.class.getResourceAsStream("configs/" + name + ".config.json")) {
                assertThat(new String(in.readAllBytes())).as(name)
                        .isEqualTo(Files.readString(shared.resolve(name + ".config.json")));
            }
        }
    }
}
