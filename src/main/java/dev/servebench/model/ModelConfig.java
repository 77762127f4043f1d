package dev.servebench.model;

import dev.servebench.BadInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A named model description: where it came from and the architecture parsed from its config.json.
 *
 * @param name catalogue name or file name
 * @param source the resource or path it was read from
 */
public record ModelConfig(String name, String source, ModelArchitecture architecture) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses a config.json tree. */
    public static ModelConfig parse(String name, String source, JsonNode root) {
        return new ModelConfig(name, source, ConfigParser.parse(root));
    }

    public static ModelConfig parse(String name, String json) {
        try {
            return parse(name, "<inline>", JSON.readTree(json));
        } catch (IOException e) {
            throw new BadInputException(name + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** Reads a config.json file. */
    public static ModelConfig read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new BadInputException("no config file at " + path + "; pass a config.json path or a catalogue name");
        }
        try {
            String fileName = path.getFileName().toString();
            String name = fileName.equals("config.json") && path.getParent() != null
                    ? path.getParent().getFileName().toString() : fileName.replaceAll("(\\.config)?\\.json$", "");
            return parse(name, path.toString(), JSON.readTree(path.toFile()));
        } catch (IOException e) {
            throw new BadInputException(path + ": not valid JSON; fix the file (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }
}
