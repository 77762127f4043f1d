package dev.servebench.dataset;

import dev.servebench.BadInputException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/** A dataset file to read, its kind, the columns to take from it and the lengths to keep. */
public record DatasetSpec(DatasetKind kind, Path file, ColumnMapping columns, LengthFilter filter) {

    public DatasetSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(filter, "filter");
    }

    /**
     * {@code "sharegpt:/data/ShareGPT_V3.json"}, {@code "jsonl:prompts.jsonl"}, {@code "hf:train.parquet"}:
     * the kind before the first colon, the file after it; columns and filter are that kind's defaults.
     */
    public static DatasetSpec parse(String kindColonPath) {
        String text = kindColonPath.strip();
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new BadInputException("--dataset '" + kindColonPath + "': expected KIND:FILE, one of "
                    + DatasetKind.choices() + ", e.g. sharegpt:ShareGPT_V3_unfiltered_cleaned_split.json");
        }
        String kindText = text.substring(0, colon);
        DatasetKind kind;
        try {
            kind = DatasetKind.parse(kindText);
        } catch (BadInputException e) {
            throw new BadInputException("--dataset '" + kindColonPath + "': unknown kind '" + kindText
                    + "'; use one of " + DatasetKind.choices(), e);
        }
        Path file;
        try {
            file = Path.of(text.substring(colon + 1));
        } catch (InvalidPathException e) {
            throw new BadInputException("--dataset '" + kindColonPath + "': '" + text.substring(colon + 1)
                    + "' is not a file path (" + e.getReason() + ")", e);
        }
        return new DatasetSpec(kind, file, ColumnMapping.defaults(kind), LengthFilter.defaultsFor(kind));
    }

    public DatasetSpec withColumns(ColumnMapping c) {
        return new DatasetSpec(kind, file, c, filter);
    }

    public DatasetSpec withFilter(LengthFilter f) {
        return new DatasetSpec(kind, file, columns, f);
    }

    /** As typed: {@code kind:file}. */
    public String text() {
        return kind.cliName() + ":" + file;
    }
}
