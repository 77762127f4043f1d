package dev.servebench.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servebench.server.ErrorBodies;
import dev.servebench.server.EventStream;
import dev.servebench.server.HttpExchange;
import dev.servebench.server.StreamingHttpServer;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Loopback servers that stream byte-for-byte like real ones (chunk shapes and usage placement
 * taken from the servers' sources; see {@link Dialect}). Tokens are spaced {@code tokenGapMillis}
 * apart so TTFT and ITL are real measurements.
 */
public final class FakeOpenAiServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which server's wire format to reproduce. */
    public enum Dialect {
        /**
         * vLLM ≥ 0.10 (serving_chat.py, chat_completion_stream_generator): a role chunk, content chunks
         * with no usage key, the finish chunk, then with include_usage a last chunk with
         * {@code "choices":[]} and usage; {@code data: [DONE]}.
         */
        VLLM,
        /**
         * llama.cpp llama-server before PR 15444 (server.cpp, to_json_oaicompat_chat_stream): no role
         * chunk, usage and timings inside the chunk carrying finish_reason; {@code data: [DONE]}.
         */
        LLAMA_CPP,
        /** A server that never sends usage: counts must be estimated and marked so. */
        NO_USAGE
    }

    private final StreamingHttpServer http;
    private final Dialect dialect;
    private final long tokenGapMillis;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizationHeaders = new CopyOnWriteArrayList<>();

    private FakeOpenAiServer(Dialect dialect, long tokenGapMillis) throws IOException {
        this.dialect = dialect;
        this.tokenGapMillis = tokenGapMillis;
        this.http = StreamingHttpServer.startLoopback(this::handle);
    }

    public static FakeOpenAiServer start(Dialect dialect) throws IOException {
        return new FakeOpenAiServer(dialect, 1);
    }

    /** A slower server: {@code tokenGapMillis} between tokens, so requests stay in flight a while. */
    public static FakeOpenAiServer start(Dialect dialect, long tokenGapMillis) throws IOException {
        return new FakeOpenAiServer(dialect, tokenGapMillis);
    }

    public URI baseUri() {
        return http.baseUri();
    }

    /** Every request body received, in arrival order. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    public List<String> authorizationHeaders() {
        return List.copyOf(authorizationHeaders);
    }

    private void handle(HttpExchange exchange) {
        if (exchange.path().equals("/tokenize")) {
            tokenize(exchange);
            return;
        }
        boolean chat = exchange.path().equals("/v1/chat/completions");
        if (!chat && !exchange.path().equals("/v1/completions")) {
            exchange.respondJson(404, ErrorBodies.openAi(404, "NotFoundError", "no route"));
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(exchange.body());
        } catch (IOException e) {
            exchange.respondJson(400, ErrorBodies.openAi(400, "BadRequestError", "not JSON"));
            return;
        }
        requests.add(body);
        String auth = exchange.header("Authorization");
        if (auth != null) {
            authorizationHeaders.add(auth);
        }
        int maxTokens = body.path("max_completion_tokens").asInt(body.path("max_tokens").asInt(16));
        boolean ignoreEos = body.path("ignore_eos").asBoolean(false);
        // Without ignore_eos the fake "model" stops early at EOS, as a real one might.
        int completion = ignoreEos ? maxTokens : Math.max(1, maxTokens / 2);
        String finish = ignoreEos ? "length" : "stop";
        int prompt = promptTokens(body, chat);
        if (!body.path("stream").asBoolean(false)) {
            exchange.respondJson(200, fullBody(chat, completion, prompt, finish));
            return;
        }
        boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
        EventStream stream = exchange.startEventStream();
        List<String> events = events(chat, completion, prompt, finish, includeUsage);
        sendSpaced(stream, events, 0);
    }

    private void sendSpaced(EventStream stream, List<String> events, int i) {
        if (i == events.size()) {
            stream.close();
            return;
        }
        stream.send(events.get(i));
        timer.schedule(() -> sendSpaced(stream, events, i + 1), tokenGapMillis, TimeUnit.MILLISECONDS);
    }

    List<String> events(boolean chat, int completion, int prompt, String finish, boolean includeUsage) {
        String usage = "{\"prompt_tokens\":" + prompt + ",\"total_tokens\":" + (prompt + completion)
                + ",\"completion_tokens\":" + completion + "}";
        List<String> out = new java.util.ArrayList<>();
        switch (dialect) {
            case VLLM -> {
                String head = "{\"id\":\"chatcmpl-abc\",\"object\":\"" + (chat ? "chat.completion.chunk" : "text_completion")
                        + "\",\"created\":1700000000,\"model\":\"m\",\"choices\":[";
                if (chat) {
                    out.add(head + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,"
                            + "\"finish_reason\":null}]}");
                }
                for (int t = 0; t < completion; t++) {
                    boolean last = t == completion - 1;
                    String fin = last ? "\"" + finish + "\",\"stop_reason\":null" : "null";
                    out.add(head + (chat
                            ? "{\"index\":0,\"delta\":{\"content\":\" word\"},\"logprobs\":null,\"finish_reason\":" + fin + "}]}"
                            : "{\"index\":0,\"text\":\" word\",\"logprobs\":null,\"finish_reason\":" + fin + "}],\"usage\":null}"));
                }
                if (includeUsage) {
                    out.add(head + "],\"usage\":" + usage + "}");
                }
                out.add("[DONE]");
            }
            case LLAMA_CPP, NO_USAGE -> {
                String tail = "\"created\":1758108431,\"id\":\"chatcmpl-Xyz\",\"model\":\"gemma\","
                        + "\"system_fingerprint\":\"b6497-cd08fc3e\",\"object\":\"" + (chat ? "chat.completion.chunk"
                        : "text_completion") + "\"";
                for (int t = 0; t < completion; t++) {
                    out.add("{\"choices\":[" + (chat ? "{\"finish_reason\":null,\"index\":0,\"delta\":{\"content\":\" word\"}}"
                            : "{\"text\":\" word\",\"index\":0,\"logprobs\":null,\"finish_reason\":null}") + "]," + tail + "}");
                }
                String finishChoice = chat ? "{\"finish_reason\":\"" + finish + "\",\"index\":0,\"delta\":{}}"
                        : "{\"text\":\"\",\"index\":0,\"logprobs\":null,\"finish_reason\":\"" + finish + "\"}";
                String usageField = dialect == Dialect.LLAMA_CPP
                        ? ",\"usage\":{\"completion_tokens\":" + completion + ",\"prompt_tokens\":" + prompt
                        + ",\"total_tokens\":" + (prompt + completion) + "},\"timings\":{\"prompt_n\":" + prompt
                        + ",\"prompt_ms\":10.5,\"predicted_n\":" + completion + ",\"predicted_ms\":100.0}"
                        : "";
                out.add("{\"choices\":[" + finishChoice + "]," + tail + usageField + "}");
                out.add("[DONE]");
            }
        }
        return out;
    }

    private static String fullBody(boolean chat, int completion, int prompt, String finish) {
        String text = " word".repeat(completion);
        String choice = chat
                ? "{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"logprobs\":null,"
                + "\"finish_reason\":\"" + finish + "\",\"stop_reason\":null}"
                : "{\"index\":0,\"text\":\"" + text + "\",\"logprobs\":null,\"finish_reason\":\"" + finish + "\"}";
        return "{\"id\":\"cmpl-1\",\"object\":\"" + (chat ? "chat.completion" : "text_completion")
                + "\",\"created\":1,\"model\":\"m\",\"choices\":[" + choice + "],\"usage\":{\"prompt_tokens\":" + prompt
                + ",\"total_tokens\":" + (prompt + completion) + ",\"completion_tokens\":" + completion + "}}";
    }

    private void tokenize(HttpExchange exchange) {
        try {
            JsonNode body = JSON.readTree(exchange.body());
            String text = body.has("prompt") ? body.get("prompt").asText() : body.path("content").asText();
            int count = wordTokens(text);
            exchange.respondJson(200, dialect == Dialect.VLLM
                    ? "{\"count\":" + count + ",\"max_model_len\":4096,\"tokens\":[],\"token_strs\":null}"
                    : "{\"tokens\":[" + "1,".repeat(Math.max(0, count - 1)) + (count > 0 ? "1" : "") + "]}");
        } catch (IOException e) {
            exchange.respondJson(400, ErrorBodies.openAi(400, "BadRequestError", "not JSON"));
        }
    }

    /** The fake tokenizer: one token per 4 characters, rounded up. Deterministic for a text. */
    static int wordTokens(String text) {
        return (text.length() + 3) / 4;
    }

    private static int promptTokens(JsonNode body, boolean chat) {
        String text = chat ? body.path("messages").path(0).path("content").asText("") : body.path("prompt").asText("");
        return wordTokens(text);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        http.close();
    }
}
