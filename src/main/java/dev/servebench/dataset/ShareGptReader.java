package dev.servebench.dataset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servebench.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a ShareGPT file: a JSON array of
 * {@code {"id": "QWJhYvA_0", "conversations": [{"from": "human", "value": "..."}, {"from": "gpt", "value": "..."}, ...]}},
 * one conversation in memory at a time (ShareGPT_V3_unfiltered_cleaned_split.json is about 650 MB).
 *
 * <p>As vLLM's {@code sample_sharegpt_requests} ({@code benchmarks/benchmark_serving.py}, upstream January 2025,
 * copy in {@code shared/peers/vllm-bench/}, lines 108-112) does: conversations with fewer than 2 turns are
 * skipped, {@code conversations[0]["value"]} is the prompt and {@code conversations[1]["value"]} the completion,
 * whoever the speakers are. The human turns after those two ({@code "from": "human"}, or {@code "user"}) are
 * kept as {@link DatasetRequest#laterUserTurns()}.
 */
final class ShareGptReader {
    static final String LONE_SURROGATE = "with text that is not valid Unicode (a lone surrogate such as \\ud800)";

    private ShareGptReader() {
    }

    /** Whether {@code text} holds a UTF-16 surrogate without its other half. */
    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a proper pair
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    static void read(Path file, EntrySink sink) {
        ObjectMapper mapper = Json.mapper();
        try (InputStream in = Files.newInputStream(file); JsonParser parser = mapper.getFactory().createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw Datasets.bad(file + ": not a ShareGPT file: it should be a JSON array of {\"id\", "
                        + "\"conversations\": [{\"from\", \"value\"}, ...]} objects but starts with "
                        + JsonRowsReader.tokenName(first) + "; for one JSON object per line use jsonl:" + file);
            }
            long index = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw Datasets.bad(file + ": the JSON array is not closed (file cut short?); download it again");
                }
                index++;
                JsonNode entry = mapper.readTree(parser);
                take(entry, index, sink);
            }
        } catch (IOException e) {
            throw JsonRowsReader.unreadable(file, e);
        }
    }

    private static void take(JsonNode entry, long index, EntrySink sink) {
        JsonNode turns = entry.path("conversations");
        if (!turns.isArray() || turns.size() < 2) {
            sink.skipped("with fewer than 2 turns");
            return;
        }
        JsonNode prompt = turns.get(0).path("value");
        JsonNode answer = turns.get(1).path("value");
        if (!prompt.isTextual() || !answer.isTextual()) {
            sink.skipped("with a first or second turn that is not text");
            return;
        }
        if (prompt.asText().isEmpty()) {
            sink.skipped("with an empty prompt");
            return;
        }
        List<String> later = new ArrayList<>();
        for (int i = 2; i < turns.size(); i++) {
            JsonNode turn = turns.get(i);
            String from = turn.path("from").asText("");
            if ((from.equals("human") || from.equals("user")) && turn.path("value").isTextual()) {
                later.add(turn.path("value").asText());
            }
        }
        // "\ud800" is valid JSON but no Unicode text: it cannot be encoded as UTF-8, so a server answers
        // every request carrying it with an error (HTTP 500) and a tokenizer cannot count it. Kept, such an
        // entry would fail on every use; the prompt, the answer (counted) and the later turns (sent) all count.
        if (hasLoneSurrogate(prompt.asText()) || hasLoneSurrogate(answer.asText())
                || later.stream().anyMatch(ShareGptReader::hasLoneSurrogate)) {
            sink.skipped(LONE_SURROGATE);
            return;
        }
        JsonNode id = entry.path("id");
        String name = id.isValueNode() && !id.isNull() ? id.asText() : "#" + index;
        sink.entry(new RawEntry(name, prompt.asText(), answer.asText(), null, List.of(), later));
    }
}
