package dev.servebench.model;

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
            "deepseek-v3.2", "kimi-k2.5", "llama-3.1-405b", "qwen3-235b-a22b", "qwen3-vl-235b-a22b");

    private ModelCatalogue() {
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
        throw new IllegalArgumentException("unknown model '" + nameOrPath + "'; known: " + String.join(", ", NAMES)
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
