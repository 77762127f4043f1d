package dev.servebench.model;

import dev.servebench.BadInputException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Built-in model configs (resources {@code configs/<name>.config.json}) plus any config.json on disk. */
public final class ModelCatalogue {

    /** Names of the bundled configs. */
    public static final List<String> NAMES = List.of(
            "deepseek-v3.2", "gpt-oss-120b", "kimi-k2.5", "llama-3.1-405b", "llama-3.3-70b-instruct",
            "qwen3-235b-a22b", "qwen3-vl-235b-a22b");

    /** Hugging Face repositories of the bundled configs, for {@code vllm serve}. */
    private static final java.util.Map<String, String> REPOS = java.util.Map.of(
            "deepseek-v3.2", "deepseek-ai/DeepSeek-V3.2",
            "gpt-oss-120b", "openai/gpt-oss-120b",
            "kimi-k2.5", "moonshotai/Kimi-K2.5",
            "llama-3.1-405b", "meta-llama/Llama-3.1-405B-Instruct",
            "llama-3.3-70b-instruct", "meta-llama/Llama-3.3-70B-Instruct",
            "qwen3-235b-a22b", "Qwen/Qwen3-235B-A22B",
            "qwen3-vl-235b-a22b", "Qwen/Qwen3-VL-235B-A22B-Instruct");

    private ModelCatalogue() {
    }

    /**
     * What {@code vllm serve} should be given: the Hugging Face repository of a bundled model, else the
     * directory holding the config.json.
     */
    public static String servedModelRef(ModelConfig config) {
        if (config.source().startsWith("catalogue:")) {
            return REPOS.getOrDefault(config.name(), config.name());
        }
        Path parent = Path.of(config.source()).toAbsolutePath().getParent();
        return parent == null ? config.name() : parent.toString();
    }

    /** A catalogue name, or a path to a config.json file. */
    public static ModelConfig load(String nameOrPath) {
        String key = nameOrPath.trim().toLowerCase(Locale.ROOT);
        if (NAMES.contains(key)) {
            return bundled(key);
        }
        Path path = Path.of(nameOrPath);
        if (Files.exists(path) || nameOrPath.endsWith(".json") || nameOrPath.contains("/")) {
            return ModelConfig.read(path);
        }
        throw new BadInputException("unknown model '" + nameOrPath + "'; known: " + String.join(", ", NAMES)
                + " (or give a path to a config.json)");
    }

    private static ModelConfig bundled(String name) {
        String resource = "configs/" + name + ".config.json";
        try (InputStream in = ModelCatalogue.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource " + resource);
            }
            return ModelConfig.parse(name, "catalogue:" + name, new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
