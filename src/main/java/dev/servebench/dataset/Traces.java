package dev.servebench.dataset;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servebench.BadInputException;
import dev.servebench.json.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/** Reads request-arrival traces (Mooncake, Azure) into {@link Trace}s. */
public final class Traces {
    /**
     * Tokens per Mooncake hash id. The Mooncake FAST'25 README (kvcache-ai/Mooncake, FAST25-release/README.md)
     * calls hash_ids "the remapped block hash"; NVIDIA Dynamo's description of the format
     * (benchmarks/data_generator/README.md) gives block_size 512 and "timestamp: the arrival time (in
     * milliseconds) of the request since the first request". The FAST'25 conversation trace agrees: its first
     * line has input_length 6758 and 14 hash ids, ceil(6758 / 512) = 14; 87169 tokens have 171 = ceil(87169 / 512).
     */
    public static final int MOONCAKE_BLOCK_TOKENS = 512;

    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final String AZURE_EXAMPLE = "2023-11-16 18:15:46.6805900";

    private Traces() {
    }

    /** Fails with the fix when the file is missing or unreadable: called again before a run starts. */
    public static void checkReadable(Path file) {
        if (Files.isDirectory(file)) {
            throw new BadInputException("trace " + file + ": is a directory; give the trace file (.jsonl or .csv)");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("trace " + file + ": no such file (servebench reads local files and never"
                    + " downloads); check the path");
        }
    }

    /**
     * Reads a trace. {@code format} empty: detected from the first line (a JSON object with {@code timestamp} and
     * {@code input_length}: Mooncake; a CSV header with {@code ContextTokens} and {@code GeneratedTokens}: Azure).
     * {@code limit} above 0: keep the first {@code limit} arrivals; 0 or less: all.
     */
    public static Trace read(Path file, Optional<TraceFormat> format, int limit) {
        checkReadable(file);
        TraceFormat chosen = format.orElseGet(() -> detect(file));
        Arrivals arrivals = new Arrivals(limit);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            switch (chosen) {
                case MOONCAKE -> readMooncake(file, reader, arrivals);
                case AZURE -> readAzure(file, reader, arrivals);
            }
        } catch (IOException e) {
            throw new BadInputException("trace " + file + ": cannot be read (" + e + ")", e);
        }
        List<TraceRequest> requests = arrivals.sorted();
        if (requests.isEmpty()) {
            throw new BadInputException("trace " + file + ": no requests in it; check it is the right file");
        }
        return new Trace(file.toString(), chosen, chosen == TraceFormat.MOONCAKE ? MOONCAKE_BLOCK_TOKENS : 0,
                requests);
    }

    static TraceFormat detect(Path file) {
        String first;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            do {
                first = reader.readLine();
            } while (first != null && stripBom(first).isBlank());
        } catch (IOException e) {
            throw new BadInputException("trace " + file + ": cannot be read (" + e + ")", e);
        }
        String hint = "; expected Mooncake JSON lines ({\"timestamp\": 0, \"input_length\": 6955, \"output_length\": 52,"
                + " \"hash_ids\": [...]}) or an Azure CSV (header TIMESTAMP,ContextTokens,GeneratedTokens), or name"
                + " the format (mooncake or azure)";
        if (first == null) {
            throw new BadInputException("trace " + file + ": the file is empty" + hint);
        }
        String line = stripBom(first).strip();
        if (line.startsWith("{")) {
            try {
                JsonNode row = Json.mapper().readTree(line);
                if (row.has("timestamp") && row.has("input_length")) {
                    return TraceFormat.MOONCAKE;
                }
            } catch (JacksonException e) {
                // not a Mooncake line: reported below
            }
        } else {
            List<String> header = Arrays.stream(line.split(",", -1)).map(Traces::unquote).toList();
            if (indexOf(header, "ContextTokens") >= 0 && indexOf(header, "GeneratedTokens") >= 0) {
                return TraceFormat.AZURE;
            }
        }
        throw new BadInputException("trace " + file + ": cannot tell its format from line 1 '"
                + abbreviate(line) + "'" + hint);
    }

    private static void readMooncake(Path file, BufferedReader reader, Arrivals arrivals) throws IOException {
        ObjectMapper mapper = Json.mapper();
        forEachLine(file, reader, (line, lineNumber, where) -> {
            JsonNode row;
            try {
                row = mapper.readTree(line);
            } catch (JacksonException e) {
                throw new BadInputException(where + ": not valid JSON (" + e.getOriginalMessage() + "); each line must"
                        + " be like {\"timestamp\": 27482, \"input_length\": 6955, \"output_length\": 52,"
                        + " \"hash_ids\": [46, 47]}");
            }
            if (!row.isObject()) {
                throw new BadInputException(where + ": " + JsonRowsReader.nodeType(row) + " where a JSON object"
                        + " belongs, like {\"timestamp\": 27482, \"input_length\": 6955, \"output_length\": 52}");
            }
            JsonNode ts = row.get("timestamp");
            if (ts == null || !ts.isNumber() || ts.asDouble() < 0) {
                throw new BadInputException(where + ": 'timestamp' " + (ts == null ? "is missing"
                        : "is " + JsonRowsReader.nodeType(ts)) + "; it must be the arrival in milliseconds (>= 0),"
                        + " e.g. \"timestamp\": 27482");
            }
            long nanos = ts.isIntegralNumber() ? Math.multiplyExact(ts.asLong(), NANOS_PER_MILLI)
                    : Math.round(ts.asDouble() * NANOS_PER_MILLI);
            if (!arrivals.wants(nanos, lineNumber)) {
                return;
            }
            int input = count(row, "input_length", where);
            int output = count(row, "output_length", where);
            List<Long> hashIds = new ArrayList<>();
            JsonNode ids = row.get("hash_ids");
            if (ids != null && !ids.isNull()) {
                if (!ids.isArray()) {
                    throw new BadInputException(where + ": 'hash_ids' is " + JsonRowsReader.nodeType(ids)
                            + "; it must be a list of block ids, e.g. \"hash_ids\": [46, 47]");
                }
                for (JsonNode id : ids) {
                    if (!id.isIntegralNumber()) {
                        throw new BadInputException(where + ": 'hash_ids' holds " + JsonRowsReader.nodeType(id)
                                + "; block ids are whole numbers, e.g. \"hash_ids\": [46, 47]");
                    }
                    hashIds.add(id.asLong());
                }
            }
            arrivals.add(nanos, lineNumber, input, output, hashIds);
        });
    }

    /** What one non-blank line of a trace says; {@code where} names the file and line for errors. */
    private interface LineReader {
        void read(String line, long lineNumber, String where) throws IOException;
    }

    /** Each non-blank line in order, numbered from 1, a byte-order mark stripped from the first. */
    private static void forEachLine(Path file, BufferedReader reader, LineReader lines) throws IOException {
        String line;
        long lineNumber = 0;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (lineNumber == 1) {
                line = stripBom(line);
            }
            if (!line.isBlank()) {
                lines.read(line, lineNumber, "trace " + file + " line " + lineNumber);
            }
        }
    }

    private static int count(JsonNode row, String field, String where) {
        JsonNode node = row.get(field);
        if (node == null || !node.isIntegralNumber() || node.asLong() < 0 || node.asLong() > Integer.MAX_VALUE) {
            throw new BadInputException(where + ": '" + field + "' " + (node == null ? "is missing"
                    : "is " + JsonRowsReader.nodeType(node)) + "; it must be a token count (a whole number >= 0),"
                    + " e.g. \"" + field + "\": 512");
        }
        return node.asInt();
    }

    /**
     * Azure's LLM inference traces: header {@code TIMESTAMP,ContextTokens,GeneratedTokens}
     * (AzurePublicDataset, AzureLLMInferenceDataset2023.md and 2024.md, "Schema"). TIMESTAMP in the 2023 files
     * has 7 fractional digits, e.g. {@code 2023-11-16 18:15:46.6805900} (data/AzureLLMInferenceTrace_conv.csv,
     * line 2); the 2024 files add an offset and drop the fraction when it is zero, e.g.
     * {@code 2024-05-12 00:00:00.001163+00:00} and {@code 2024-05-12 00:00:00+00:00}
     * (analysis/AzureLLMInferenceDataset2024.ipynb). A time without an offset is taken as UTC; only differences
     * matter.
     */
    private static void readAzure(Path file, BufferedReader reader, Arrivals arrivals) throws IOException {
        AzureColumns at = new AzureColumns();
        forEachLine(file, reader, (line, lineNumber, where) -> {
            String[] fields = line.split(",", -1);
            if (at.time < 0) {
                List<String> header = Arrays.stream(fields).map(Traces::unquote).toList();
                at.time = indexOf(header, "TIMESTAMP");
                at.context = indexOf(header, "ContextTokens");
                at.generated = indexOf(header, "GeneratedTokens");
                if (at.time < 0 || at.context < 0 || at.generated < 0) {
                    throw new BadInputException(where + ": the header is '" + abbreviate(line) + "'; an Azure LLM"
                            + " inference trace has the columns TIMESTAMP,ContextTokens,GeneratedTokens");
                }
                at.columns = header.size();
                return;
            }
            if (fields.length != at.columns) {
                throw new BadInputException(where + ": " + fields.length + " fields where the header has "
                        + at.columns + "; each row must be like " + AZURE_EXAMPLE + ",374,44");
            }
            long nanos = azureTimestamp(unquote(fields[at.time]), where);
            if (!arrivals.wants(nanos, lineNumber)) {
                return;
            }
            int input = csvCount(fields[at.context], "ContextTokens", where);
            int output = csvCount(fields[at.generated], "GeneratedTokens", where);
            arrivals.add(nanos, lineNumber, input, output, List.of());
        });
        if (at.time < 0) {
            throw new BadInputException("trace " + file + ": the file is empty; an Azure LLM inference trace starts"
                    + " with the header TIMESTAMP,ContextTokens,GeneratedTokens");
        }
    }

    /** Where the header put Azure's three columns; -1 until the header is read. */
    private static final class AzureColumns {
        int time = -1;
        int context = -1;
        int generated = -1;
        int columns;
    }

    private static int csvCount(String text, String column, String where) {
        String t = unquote(text);
        try {
            long value = Long.parseLong(t);
            if (value >= 0 && value <= Integer.MAX_VALUE) {
                return (int) value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInputException(where + ": " + column + " is '" + t + "'; it must be a token count (a whole"
                + " number >= 0)");
    }

    /**
     * Nanoseconds since the epoch of {@code yyyy-MM-dd HH:mm:ss[.f{1,9}][Z|+HH:MM|+HHMM]} ('T' also accepted
     * between date and time), parsed by hand: a 2024 week-long trace has 27 million rows.
     */
    static long azureTimestamp(String text, String where) {
        try {
            if (text.length() < 19 || text.charAt(4) != '-' || text.charAt(7) != '-'
                    || (text.charAt(10) != ' ' && text.charAt(10) != 'T') || text.charAt(13) != ':'
                    || text.charAt(16) != ':') {
                throw new DateTimeException("layout");
            }
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            if (hour > 23 || minute > 59 || second > 59) {
                throw new DateTimeException("range");
            }
            int i = 19;
            long nanos = 0;
            if (i < text.length() && text.charAt(i) == '.') {
                int start = ++i;
                while (i < text.length() && Character.isDigit(text.charAt(i))) {
                    i++;
                }
                int n = i - start;
                if (n == 0 || n > 9) {
                    throw new DateTimeException("fraction");
                }
                nanos = digits(text, start, i);
                for (int k = n; k < 9; k++) {
                    nanos *= 10;
                }
            }
            int offsetSeconds = 0;
            if (i < text.length()) {
                char sign = text.charAt(i);
                String rest = text.substring(i + 1);
                if (sign == 'Z' && rest.isEmpty()) {
                    offsetSeconds = 0;
                } else if ((sign == '+' || sign == '-') && rest.matches("\\d\\d:?\\d\\d")) {
                    int hh = Integer.parseInt(rest.substring(0, 2));
                    int mm = Integer.parseInt(rest.substring(rest.length() - 2));
                    offsetSeconds = (sign == '-' ? -1 : 1) * (hh * 3600 + mm * 60);
                } else {
                    throw new DateTimeException("offset");
                }
            }
            long days = LocalDate.of(year, month, day).toEpochDay();
            long seconds = days * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
            return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
        } catch (DateTimeException | NumberFormatException | ArithmeticException e) {
            throw new BadInputException(where + ": TIMESTAMP '" + abbreviate(text) + "' is not a time like "
                    + AZURE_EXAMPLE + " or 2024-05-12 00:00:00.001163+00:00");
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int indexOf(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String field) {
        String t = field.strip();
        if (t.length() >= 2 && t.charAt(0) == '"' && t.charAt(t.length() - 1) == '"') {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    private static String stripBom(String line) {
        return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** Arrivals as read; with a limit, only the earliest {@code limit} are held (a bounded max-heap). */
    private static final class Arrivals {
        private record Arrival(long nanos, long line, int input, int output, List<Long> hashIds) {
        }

        private static final Comparator<Arrival> ORDER =
                Comparator.comparingLong(Arrival::nanos).thenComparingLong(Arrival::line);

        private final int limit;
        private final List<Arrival> all = new ArrayList<>();
        private final PriorityQueue<Arrival> earliest;

        Arrivals(int limit) {
            this.limit = limit;
            this.earliest = limit > 0 ? new PriorityQueue<>(Math.min(limit, 1 << 16) + 1, ORDER.reversed()) : null;
        }

        /** False when this arrival is later than all {@code limit} already held: it cannot be kept. */
        boolean wants(long nanos, long line) {
            if (earliest == null || earliest.size() < limit) {
                return true;
            }
            Arrival latest = earliest.peek();
            return nanos < latest.nanos() || (nanos == latest.nanos() && line < latest.line());
        }

        void add(long nanos, long line, int input, int output, List<Long> hashIds) {
            Arrival a = new Arrival(nanos, line, input, output, hashIds);
            if (earliest == null) {
                all.add(a);
                return;
            }
            earliest.add(a);
            if (earliest.size() > limit) {
                earliest.poll();
            }
        }

        List<TraceRequest> sorted() {
            List<Arrival> list = new ArrayList<>(earliest == null ? all : earliest);
            list.sort(ORDER);
            List<TraceRequest> out = new ArrayList<>(list.size());
            if (list.isEmpty()) {
                return out;
            }
            long first = list.get(0).nanos();
            for (Arrival a : list) {
                out.add(new TraceRequest(a.nanos() - first, a.input(), a.output(), a.hashIds()));
            }
            return out;
        }
    }
}
