package dev.servebench.dataset;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servebench.BadInputException;
import dev.servebench.json.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Streams rows of JSON objects: JSON Lines (one object per line; servebench's own format and what Hugging Face
 * {@code Dataset.to_json} writes by default), or one JSON array of objects. Turns each row into a
 * {@link RawEntry} through a {@link ColumnMapping}; {@link ParquetReader} hands its rows here too.
 */
final class JsonRowsReader {
    private JsonRowsReader() {
    }

    static void read(Path file, ColumnMapping columns, boolean explicit, EntrySink sink) {
        ObjectMapper mapper = Json.mapper();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            reader.mark(1 << 16);
            int c;
            do {
                c = reader.read();
            } while (c == '\uFEFF' || (c >= 0 && Character.isWhitespace(c)));
            reader.reset();
            if (c == '[') {
                readArray(file, columns, explicit, sink, mapper);
                return;
            }
            String line;
            long lineNumber = 0;
            Columns seen = new Columns(columns);
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                if (lineNumber == 1 && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                JsonNode row;
                try {
                    row = mapper.readTree(line);
                } catch (JacksonException e) {
                    throw Datasets.bad(file + " line " + lineNumber + ": not valid JSON (" + e.getOriginalMessage()
                            + "); each line must be one JSON object, e.g. {\"prompt\": \"...\", \"output_tokens\": 128}");
                }
                String where = file + " line " + lineNumber;
                if (!row.isObject()) {
                    throw Datasets.bad(where + ": " + nodeType(row) + " where a JSON object belongs; each line must be"
                            + " one object, e.g. {\"prompt\": \"...\", \"output_tokens\": 128}");
                }
                seen.note(row);
                take(row, columns, where, Long.toString(lineNumber), sink);
            }
            if (explicit) {
                seen.check(file.toString());
            }
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static void readArray(Path file, ColumnMapping columns, boolean explicit, EntrySink sink,
                                  ObjectMapper mapper) throws IOException {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = mapper.getFactory().createParser(in)) {
            parser.nextToken();
            long index = 0;
            Columns seen = new Columns(columns);
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw Datasets.bad(file + ": the JSON array is not closed (file cut short?)");
                }
                index++;
                String where = file + " entry " + index + " (line " + parser.currentLocation().getLineNr() + ")";
                JsonNode row = mapper.readTree(parser);
                if (!row.isObject()) {
                    throw Datasets.bad(where + ": " + nodeType(row) + " where a JSON object belongs");
                }
                seen.note(row);
                take(row, columns, where, Long.toString(index), sink);
            }
            if (explicit) {
                seen.check(file.toString());
            }
        }
    }

    /**
     * The fields met in a file's rows (the first 100 names), so that a column the user named but no row has is
     * refused after the pass: a typo would otherwise read as "no outputs", silently. Rows may leave optional
     * fields out, so one row without it proves nothing.
     */
    private static final class Columns {
        private final List<String> wanted;
        private final Set<String> found = new HashSet<>();
        private final Set<String> names = new LinkedHashSet<>();

        Columns(ColumnMapping columns) {
            this.wanted = named(columns);
        }

        void note(JsonNode row) {
            for (String column : wanted) {
                if (row.has(column)) {
                    found.add(column);
                }
            }
            if (names.size() < 100) {
                row.fieldNames().forEachRemaining(names::add);
            }
        }

        void check(String where) {
            for (String column : wanted) {
                if (!found.contains(column)) {
                    throw missingColumn(where, column, List.copyOf(names));
                }
            }
        }
    }

    static List<String> named(ColumnMapping columns) {
        List<String> out = new ArrayList<>();
        out.add(columns.prompt());
        columns.output().ifPresent(out::add);
        columns.outputTokens().ifPresent(out::add);
        columns.images().ifPresent(out::add);
        columns.id().ifPresent(out::add);
        return out;
    }

    static BadInputException missingColumn(String where, String column, List<String> existing) {
        String example = existing.isEmpty() ? "COLUMN" : existing.get(0);
        return Datasets.bad(where + " has no column '" + column + "'; its columns are: " + String.join(", ", existing)
                + "; name the right ones in the column mapping, e.g. prompt=" + example);
    }

    /** One row to an entry: the prompt must be there; optional columns are read where the row has them. */
    static void take(JsonNode row, ColumnMapping columns, String where, String defaultId, EntrySink sink) {
        JsonNode prompt = row.get(columns.prompt());
        if (prompt == null) {
            throw missingColumn(where, columns.prompt(), fieldNames(row));
        }
        if (prompt.isNull() || (prompt.isTextual() && prompt.asText().isEmpty())) {
            sink.skipped("with an empty prompt");
            return;
        }
        if (!prompt.isTextual()) {
            throw Datasets.bad(where + ": '" + columns.prompt() + "' is " + nodeType(prompt)
                    + "; the prompt must be text (chat-message lists are not read: map a text column)");
        }
        String outputText = null;
        Optional<String> outputColumn = columns.output();
        if (outputColumn.isPresent()) {
            JsonNode output = row.get(outputColumn.get());
            if (output != null && !output.isNull()) {
                if (!output.isTextual()) {
                    throw Datasets.bad(where + ": '" + outputColumn.get() + "' is " + nodeType(output)
                            + "; the output column holds the recorded answer as text (a length goes in output_tokens=)");
                }
                outputText = output.asText();
            }
        }
        Integer outputTokens = null;
        if (columns.outputTokens().isPresent()) {
            outputTokens = tokens(row.get(columns.outputTokens().get()), columns.outputTokens().get(), where);
        }
        List<String> images = List.of();
        if (columns.images().isPresent()) {
            images = images(row.get(columns.images().get()), columns.images().get(), where);
        }
        String id = defaultId;
        if (columns.id().isPresent()) {
            JsonNode idNode = row.get(columns.id().get());
            if (idNode != null && idNode.isValueNode() && !idNode.isNull()) {
                id = idNode.asText();
            }
        }
        sink.entry(new RawEntry(id, prompt.asText(), outputText, outputTokens, images, List.of()));
    }

    private static Integer tokens(JsonNode node, String column, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        long value;
        if (node.isIntegralNumber()) {
            value = node.asLong();
        } else if (node.isNumber() && node.asDouble() == Math.rint(node.asDouble())) {
            value = (long) node.asDouble();
        } else if (node.isTextual() && node.asText().strip().matches("\\d{1,10}")) {
            value = Long.parseLong(node.asText().strip());
        } else {
            throw Datasets.bad(where + ": '" + column + "' is " + nodeType(node)
                    + "; the output length must be a whole number of tokens, e.g. \"" + column + "\": 128");
        }
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw Datasets.bad(where + ": '" + column + "' is " + value + "; the output length must be 0 or more tokens");
        }
        return (int) value;
    }

    private static List<String> images(JsonNode node, String column, String where) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return node.asText().isEmpty() ? List.of() : List.of(node.asText());
        }
        if (node.isArray()) {
            List<String> out = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw Datasets.bad(where + ": '" + column + "' holds " + nodeType(item)
                            + "; images must be URLs or data: URIs (strings)");
                }
                out.add(item.asText());
            }
            return out;
        }
        throw Datasets.bad(where + ": '" + column + "' is " + nodeType(node)
                + "; images must be a list of URLs or data: URIs, e.g. [\"https://example.com/cat.png\"]");
    }

    static List<String> fieldNames(JsonNode row) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = row.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    static String nodeType(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "text";
            case NUMBER -> "the number " + node.asText();
            case BOOLEAN -> node.asText();
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " value";
        };
    }

    static String tokenName(JsonToken token) {
        if (token == null) {
            return "nothing (the file is empty)";
        }
        return switch (token) {
            case START_OBJECT -> "an object '{'";
            case START_ARRAY -> "an array '['";
            default -> "'" + token.asString() + "'";
        };
    }

    /** A read or JSON syntax error: the file, where, and what to do. */
    static BadInputException unreadable(Path file, IOException e) {
        if (e instanceof JacksonException j) {
            JsonLocation at = j.getLocation();
            String place = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return Datasets.bad(file + ": not valid JSON" + place + " (" + j.getOriginalMessage()
                    + "); fix the file or download it again");
        }
        return new BadInputException(file + ": cannot be read (" + e + ")", e);
    }
}
