package dev.servebench.sim.server;

import dev.servebench.sim.cluster.InstanceDriver;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.server.ErrorBodies;
import dev.servebench.server.HttpExchange;
import dev.servebench.server.HttpHandler;
import dev.servebench.server.StreamingHttpServer;
import dev.servebench.sim.engine.EngineRequest;
import dev.servebench.sim.text.PromptEncoder;
import dev.servebench.sim.text.SimTokenizer;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator's OpenAI-compatible API: completions and chat completions (streamed as SSE or
 * whole), {@code /v1/models}, {@code /health}, {@code /tokenize} and Prometheus {@code /metrics},
 * with vLLM's status codes and optional fault injection. Generation is done by the engine behind a
 * {@link RealTimeEngineDriver}.
 */
public final class SimOpenAiHandler implements HttpHandler, AutoCloseable {
    /**
     * Largest request body read and parsed: 64 MiB, the HTTP transport's limit; a larger one is answered
     * 413 before it reaches this handler. vLLM itself sets none: uvicorn/h11 bound only the request line
     * and headers (vLLM's {@code --h11-max-incomplete-event-size}, 4 MiB) and Starlette reads any body,
     * so a bound here exists only to keep the simulator's memory in check; 64 MiB still holds a dozen
     * or more photo-sized base64 images. The 413 is written by the transport (StreamingHttpServer).
     */
    public static final int MAX_BODY_BYTES = StreamingHttpServer.MAX_REQUEST_BYTES;

    private final SimBackend driver;
    private final PromptEncoder encoder;
    private final String modelName;
    private final String modelJson;
    private final int maxModelLen;
    private final int maxWaiting;
    private final FaultPlan faults;
    private final SimMetrics metrics;
    /** Scripted answers to known prompts (accuracy-check tests); null when off, as it usually is. */
    private final Oracle oracle;
    private final AtomicLong ids = new AtomicLong();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sim-timers");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param maxModelLen longest prompt + output accepted (vLLM's {@code max_model_len})
     * @param maxWaiting  requests allowed to wait before new ones get 503 (vLLM has no such limit; a load shedder does)
     */
    SimOpenAiHandler(SimBackend driver, PromptEncoder encoder, String modelName, int maxModelLen,
                            int maxWaiting, FaultPlan faults) {
        this(driver, encoder, modelName, maxModelLen, maxWaiting, faults, null);
    }

    /** @param oracle answers to the prompts of task files (accuracy-check tests), or null */
    SimOpenAiHandler(SimBackend driver, PromptEncoder encoder, String modelName, int maxModelLen,
                     int maxWaiting, FaultPlan faults, Oracle oracle) {
        this.driver = driver;
        this.encoder = encoder;
        this.modelName = modelName;
        this.modelJson = "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(modelName)) + "\"";
        this.maxModelLen = maxModelLen;
        this.maxWaiting = maxWaiting;
        this.faults = faults;
        this.metrics = new SimMetrics(modelName);
        this.oracle = oracle;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            route(exchange);
        } catch (ApiError e) {
            exchange.respondJson(e.status(), errorJson(e.status(), e.type(), e.getMessage(), e.param()));
        }
    }

    private void route(HttpExchange ex) {
        String path = ex.path();
        String method = ex.method();
        switch (path) {
            case "/health" -> requireMethod(method, "GET", () -> ex.respondText(200, "text/plain", ""));
            case "/v1/models" -> requireMethod(method, "GET", () -> ex.respondJson(200, modelsJson()));
            case "/metrics" -> requireMethod(method, "GET", () -> ex.respondText(200,
                    "text/plain; version=0.0.4; charset=utf-8", metrics.render(driver.snapshotsByRole())));
            case "/tokenize" -> requireMethod(method, "POST", () -> tokenize(ex));
            case "/v1/completions" -> requireMethod(method, "POST", () -> complete(ex, false));
            case "/v1/chat/completions" -> requireMethod(method, "POST", () -> complete(ex, true));
            default -> throw new ApiError(404, "NotFoundError", "no route " + path, null);
        }
    }

    private static void requireMethod(String method, String expected, Runnable action) {
        if (!method.equals(expected)) {
            throw new ApiError(405, "MethodNotAllowed", "use " + expected, null);
        }
        action.run();
    }

    private String modelsJson() {
        return "{\"object\":\"list\",\"data\":[{\"id\":" + modelJson + ",\"object\":\"model\",\"created\":"
                + System.currentTimeMillis() / 1000 + ",\"owned_by\":\"servebench-sim\",\"max_model_len\":"
                + maxModelLen + "}]}";
    }

    private void tokenize(HttpExchange ex) {
        byte[] body = ex.body();
        JsonNode root = CompletionCallParser.readJson(body);
        String text;
        if (root.path("prompt").isTextual()) {
            text = root.path("prompt").asText();
        } else if (root.path("messages").isArray()) {
            text = CompletionCallParser.parse(body, true, 1).text();
        } else {
            throw ApiError.invalid("give 'prompt' or 'messages'", "prompt");
        }
        long[] ids = SimTokenizer.tokenIds(text);
        StringBuilder sb = new StringBuilder(32 + ids.length * 8);
        sb.append("{\"count\":").append(ids.length).append(",\"max_model_len\":").append(maxModelLen)
                .append(",\"tokens\":[");
        for (int i = 0; i < ids.length; i++) {
            sb.append(i == 0 ? "" : ",").append(Math.floorMod(ids[i], 151_936));
        }
        ex.respondJson(200, sb.append("]}").toString());
    }

    private void complete(HttpExchange ex, boolean chat) {
        CompletionCall call = CompletionCallParser.parse(ex.body(), chat, -1);
        if (call.model() != null && !call.model().equals(modelName)) {
            throw new ApiError(404, "NotFoundError", "The model `" + call.model() + "` does not exist.", "model");
        }
        PromptEncoder.EncodedPrompt prompt = encoder.encode(call.text(), call.imageUrls());
        int room = maxModelLen - prompt.promptTokens();
        int maxTokens = call.maxTokens() < 0 ? room : call.maxTokens();
        if (room < 1 || maxTokens > room) {
            // long: prompt + a max_tokens near 2^31 overflowed int and printed a negative request.
            throw ApiError.badRequest("This model's maximum context length is " + maxModelLen + " tokens. However, you "
                    + "requested " + ((long) prompt.promptTokens() + Math.max(maxTokens, 0)) + " tokens ("
                    + prompt.promptTokens() + " in the messages, " + maxTokens + " in the completion).", "max_tokens");
        }
        if (driver.snapshot().waiting() >= maxWaiting) {
            throw new ApiError(503, "ServiceUnavailableError", "the server is overloaded; retry later", null);
        }
        long id = ids.incrementAndGet();
        FaultPlan.Fault fault = faults.draw(id);
        if (fault == FaultPlan.Fault.ERROR_500) {
            throw new ApiError(500, "InternalServerError", "injected fault: internal error", null);
        }
        if (fault == FaultPlan.Fault.ERROR_503) {
            throw new ApiError(503, "ServiceUnavailableError", "injected fault: service unavailable", null);
        }
        int minTokens = Math.min(call.minTokens(), maxTokens);
        String scripted = oracle == null ? null : oracle.answer(call.text());
        AnswerText.Scripted script = scripted == null ? null : AnswerText.scripted(scripted);
        EngineRequest request = script == null ? prompt.toRequest(id, maxTokens, minTokens, call.ignoreEos())
                : prompt.toRequest(id, maxTokens, minTokens, call.ignoreEos(), script.length());
        AnswerText answer = script == null ? AnswerText.FILLER : script;
        if (!driver.fits(request)) {
            throw ApiError.badRequest("prompt and max_tokens need more KV cache than this deployment has", "max_tokens");
        }
        ChunkWriter chunks = new ChunkWriter(call.chat(), "sim-" + id, System.currentTimeMillis() / 1000, modelJson);
        long arrival = System.nanoTime();
        InstanceDriver.Sink sink = call.stream()
                ? new StreamingResponse(ex, chunks, call, fault, faults.stallMillis(), timers, metrics, arrival,
                () -> driver.abort(id), answer)
                : new WholeResponse(ex, chunks, fault, faults.stallMillis(), timers, metrics, arrival, answer);
        driver.submit(request, sink);
    }

    static String errorJson(int status, String type, String message, String param) {
        String body = ErrorBodies.openAi(status, type, message);
        if (param == null) {
            return body;
        }
        return body.replace("\"param\":null", "\"param\":\"" + new String(JsonStringEncoder.getInstance()
                .quoteAsString(param)) + "\"");
    }

    @Override
    public void close() {
        timers.shutdownNow();
        driver.close();
    }

    /** Polls not; used by tests to wait for a stall deterministically. */
    long requestsSeen() {
        return ids.get();
    }

    static void schedule(ScheduledExecutorService timers, long millis, Runnable r) {
        timers.schedule(r, millis, TimeUnit.MILLISECONDS);
    }
}
