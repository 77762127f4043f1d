package dev.servebench.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Streams the rows of a Parquet file (a Hugging Face dataset saved locally, e.g. the {@code .parquet} files under
 * {@code refs/convert/parquet}) through DuckDB's JDBC driver: an in-memory database,
 * {@code SELECT <mapped columns> FROM read_parquet(?)}, results streamed rather than materialized. Each row
 * becomes a JSON object of the mapped columns and is turned into an entry as a JSON Lines row is.
 */
final class ParquetReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ParquetReader() {
    }

    static void read(Path file, ColumnMapping columns, boolean explicit, EntrySink sink) {
        Properties props = new Properties();
        props.setProperty("jdbc_stream_results", "true");
        // Local files only: DuckDB must not fetch extensions from the network (parquet is built in).
        props.setProperty("autoinstall_known_extensions", "false");
        String path = file.toAbsolutePath().toString();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:", props)) {
            Map<String, String> types = columnTypes(db, path);
            List<String> existing = new ArrayList<>(types.keySet());
            String where = file.toString();
            List<String> selected = new ArrayList<>();
            for (String column : JsonRowsReader.named(columns)) {
                if (types.containsKey(column)) {
                    selected.add(column);
                } else if (explicit || column.equals(columns.prompt())) {
                    throw JsonRowsReader.missingColumn(where, column, existing);
                }
            }
            // Default optional columns the file lacks are simply not read.
            ColumnMapping present = new ColumnMapping(columns.prompt(),
                    columns.output().filter(types::containsKey), columns.outputTokens().filter(types::containsKey),
                    columns.images().filter(types::containsKey), columns.id().filter(types::containsKey));
            StringBuilder sql = new StringBuilder("SELECT ");
            for (int i = 0; i < selected.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(quote(selected.get(i)));
            }
            sql.append(" FROM read_parquet(?)");
            try (PreparedStatement statement = db.prepareStatement(sql.toString())) {
                statement.setString(1, path);
                try (ResultSet rows = statement.executeQuery()) {
                    long index = 0;
                    while (rows.next()) {
                        index++;
                        ObjectNode row = NODES.objectNode();
                        for (int i = 0; i < selected.size(); i++) {
                            String column = selected.get(i);
                            row.set(column, node(rows.getObject(i + 1), column, types.get(column), file, index));
                        }
                        JsonRowsReader.take(row, present, file + " row " + index, Long.toString(index), sink);
                    }
                }
            }
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw Datasets.bad(file + ": DuckDB cannot read it as Parquet (" + message
                    + "); give a .parquet file, or a .jsonl file of JSON objects");
        }
    }

    private static Map<String, String> columnTypes(Connection db, String path) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (PreparedStatement statement = db.prepareStatement("SELECT * FROM read_parquet(?) LIMIT 0")) {
            statement.setString(1, path);
            try (ResultSet rows = statement.executeQuery()) {
                ResultSetMetaData meta = rows.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    types.put(meta.getColumnName(i), meta.getColumnTypeName(i));
                }
            }
        }
        return types;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static JsonNode node(Object value, String column, String type, Path file, long row) throws SQLException {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof BigInteger b) {
            return NODES.numberNode(b);
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Double || value instanceof Float) {
            return NODES.numberNode(((Number) value).doubleValue());
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Array array) {
            ArrayNode out = NODES.arrayNode();
            for (Object item : (Object[]) array.getArray()) {
                out.add(node(item, column, type, file, row));
            }
            return out;
        }
        throw Datasets.bad(file + " row " + row + ": column '" + column + "' is of type " + type
                + ", which servebench does not read; map a text column (prompt, output), an integer column"
                + " (output_tokens) or a list of image URLs (images)");
    }
}
