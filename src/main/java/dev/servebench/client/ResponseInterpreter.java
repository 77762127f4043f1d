package dev.servebench.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the body of one OpenAI-compatible response into measurements: when output text arrived,
 * the token counts from whichever chunk carried {@code usage} (vLLM: a last chunk with empty
 * {@code choices}; llama.cpp: the chunk with {@code finish_reason}), the finish reason, and
 * whether the response was complete and well formed. Not thread-safe: one per request.
 */
public final class ResponseInterpreter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL_CHARS = 200;
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private final CompletionRequest request;
    private final int estimatedPromptTokens;

    private long firstContentNanos = RequestRecord.NONE;
    private long firstAnswerNanos = RequestRecord.NONE;
    private long lastContentNanos = RequestRecord.NONE;
    /** Sized for the answer asked for, up to 64 (it doubles past that): most of the client's allocation per request was this. */
    private long[] gaps;
    private int gapCount;
    private long outputChars;
    private int usagePromptTokens = -1;
    private int usageCompletionTokens = -1;
    private String finishReason;
    private boolean doneSeen;
    /** Whether any server-sent event arrived: a 200 stream without one was not the stream asked for. */
    private boolean streamEventSeen;
    /** A usage count no answer to this request can have (negative, or beyond an int), as the server sent it. */
    private String impossibleUsage;
    /** Chunks with text beyond what max_tokens allows (see {@link #overlong()}). */
    private long chunksPastLimit;
    /** A usage object came without a readable completion count (the counts are then estimated, and said so). */
    private boolean usageUnreadable;
    private RequestOutcome serverError;
    private String detail;
    /** The answer's text, kept only when asked (a conversation sends it back); null otherwise. */
    private final StringBuilder answer;
    /** Reads the common chunk shape without Jackson; null when the answer's text is kept. */
    private final ChunkScanner scanner;

    public ResponseInterpreter(CompletionRequest request) {
        this(request, false);
    }

    /** With {@code keepAnswer}, the answer's text is kept for {@link #answerText()}. */
    public ResponseInterpreter(CompletionRequest request, boolean keepAnswer) {
        this(request, keepAnswer, true);
    }

    /** {@code fastScan} false reads every chunk with Jackson: for tests that compare the two readings. */
    ResponseInterpreter(CompletionRequest request, boolean keepAnswer, boolean fastScan) {
        this.request = request;
        this.estimatedPromptTokens = estimateTokens(request.prompt().length());
        this.answer = keepAnswer ? new StringBuilder() : null;
        this.scanner = fastScan && !keepAnswer ? new ChunkScanner() : null;
        this.gaps = new long[Math.min(request.maxTokens(), 64)];
    }

    /** The answer text received so far ({@code content}, not reasoning); empty unless kept. */
    public String answerText() {
        return answer == null ? "" : answer.toString();
    }

    /**
     * One SSE {@code data} payload, as UTF-8 bytes, that arrived at {@code nowNanos}; the bytes are
     * only read during the call. The hot path: the JSON is parsed straight from the bytes, with no
     * String built for the payload or for the text it carries.
     */
    public void onStreamEvent(byte[] data, int offset, int length, long nowNanos) {
        streamEventSeen = true;
        if (serverError != null) {
            return;
        }
        if (isDone(data, offset, length)) {
            doneSeen = true;
            return;
        }
        if (!startsAsUtf8Object(data, offset, length) || !Utf8.isWellFormed(data, offset, length)) {
            onStreamEvent(new String(data, offset, length, StandardCharsets.UTF_8), nowNanos);
            return;
        }
        // The common shape is read by the scanner; what it leaves undecided, Jackson reads below. A
        // conversation needs the answer's text, which only Jackson decodes.
        if (scanner != null && scanner.scan(data, offset, length)) {
            applyScanned(nowNanos);
            return;
        }
        // What a chunk may change before it turns out unreadable, so that it can be read again below.
        long firstContent = firstContentNanos;
        long firstAnswer = firstAnswerNanos;
        long lastContent = lastContentNanos;
        int gapsBefore = gapCount;
        long charsBefore = outputChars;
        int answerBefore = answer == null ? 0 : answer.length();
        int promptBefore = usagePromptTokens;
        int completionBefore = usageCompletionTokens;
        String finishBefore = finishReason;
        try (JsonParser parser = JSON.getFactory().createParser(data, offset, length)) {
            if (readChunk(parser, nowNanos)) {
                return;
            }
        } catch (IOException e) {
            // Rare: bad JSON. Undo what the chunk changed and read it again as decoded text, so that
            // a broken chunk is reported exactly as that path always reported it.
            firstContentNanos = firstContent;
            firstAnswerNanos = firstAnswer;
            lastContentNanos = lastContent;
            gapCount = gapsBefore;
            outputChars = charsBefore;
            if (answer != null) {
                answer.setLength(answerBefore);
            }
            usagePromptTokens = promptBefore;
            usageCompletionTokens = completionBefore;
            finishReason = finishBefore;
            onStreamEvent(new String(data, offset, length, StandardCharsets.UTF_8), nowNanos);
            return;
        }
        onUnusualStreamEvent(new String(data, offset, length, StandardCharsets.UTF_8));
    }

    /** One SSE {@code data} payload already decoded to text; the same reading as the byte form. */
    public void onStreamEvent(String data, long nowNanos) {
        streamEventSeen = true;
        if (serverError != null) {
            return;
        }
        if (data.equals("[DONE]")) {
            doneSeen = true;
            return;
        }
        // One pass over the chunk with the streaming parser, no tree. Rare shapes (errors) are
        // re-read as a tree by the general path below.
        try (JsonParser parser = JSON.getFactory().createParser(data)) {
            if (readChunk(parser, nowNanos)) {
                return;
            }
        } catch (IOException e) {
            markMalformed("chunk is " + PayloadShape.of(data));
            return;
        }
        onUnusualStreamEvent(data);
    }

    /** The scanner's reading of a chunk, applied as {@link #readChunk} applies Jackson's. */
    private void applyScanned(long nowNanos) {
        for (int i = 0; i < scanner.choiceCount(); i++) {
            String finish = scanner.finishReason(i);
            if (finish != null) {
                finishReason = finish;
            }
            countChoice(scanner.contentChars(i), scanner.reasoningChars(i), nowNanos);
        }
        if (scanner.completionTokens() >= 0) {
            usageCompletionTokens = scanner.completionTokens();
        } else if (scanner.usageWasObject()) {
            usageUnreadable = true;
        }
        if (scanner.promptTokens() >= 0) {
            usagePromptTokens = scanner.promptTokens();
        }
        if (!scanner.sawChoices() && !scanner.sawUsage()) {
            markMalformed("chunk without choices");
        }
    }

    private static boolean isDone(byte[] data, int offset, int length) {
        return Arrays.equals(data, offset, offset + length, DONE, 0, DONE.length);
    }

    /**
     * Jackson guesses the encoding of a byte source from its first four bytes (a BOM, or zero bytes
     * suggesting UTF-16/32); a payload starting with '{' and a non-zero byte gives it nothing to
     * guess, so it is read as UTF-8 like the decoded text would be. Anything else (whitespace
     * first, a BOM, not an object at all) is rare and takes the decoded-text path, as do payloads
     * that are not well-formed UTF-8 (see {@link Utf8}).
     */
    private static boolean startsAsUtf8Object(byte[] data, int offset, int length) {
        return length > 0 && data[offset] == '{' && (length == 1 || data[offset + 1] != 0);
    }

    /** Returns false when the chunk needs the general path (an error object, or not an object at all). */
    private boolean readChunk(JsonParser p, long nowNanos) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return false;
        }
        boolean sawChoices = false;
        boolean sawUsage = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "choices" -> {
                    sawChoices = value == JsonToken.START_ARRAY;
                    if (sawChoices) {
                        readChoices(p, nowNanos);
                    } else {
                        p.skipChildren();
                    }
                }
                case "usage" -> {
                    sawUsage = true;
                    if (value == JsonToken.START_OBJECT) {
                        readUsage(p);
                    }
                }
                case "error" -> {
                    return false;
                }
                case "object" -> {
                    if ("error".equals(p.getValueAsString())) {
                        return false;
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (!sawChoices && !sawUsage) {
            markMalformed("chunk without choices");
        }
        return true;
    }

    private void readChoices(JsonParser p, long nowNanos) throws IOException {
        while (p.nextToken() == JsonToken.START_OBJECT) {
            // Text lengths in UTF-16 units, -1 when absent: the text itself is never needed, and
            // asking only for its length spares a String per chunk.
            int contentChars = -1;
            int reasoningChars = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "delta", "message" -> {
                        if (value != JsonToken.START_OBJECT) {
                            p.skipChildren();
                            continue;
                        }
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String inner = p.currentName();
                            JsonToken v = p.nextToken();
                            if (v == JsonToken.VALUE_STRING && inner.equals("content")) {
                                contentChars = p.getTextLength();
                                if (answer != null) {
                                    answer.append(p.getText());
                                }
                            } else if (v == JsonToken.VALUE_STRING && (inner.equals("reasoning_content")
                                    || inner.equals("reasoning"))) {
                                reasoningChars = reasoningChars <= 0 ? p.getTextLength() : reasoningChars;
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                    case "text" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            contentChars = p.getTextLength();
                            if (answer != null) {
                                answer.append(p.getText());
                            }
                        }
                    }
                    case "finish_reason" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            finishReason = p.getText();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            countChoice(contentChars, reasoningChars, nowNanos);
        }
    }

    /** One choice's text lengths (UTF-16 units, -1 when absent), however the chunk was read. */
    private void countChoice(int contentChars, int reasoningChars, long nowNanos) {
        // Reasoning models stream their thinking in a separate field; it is output all the same.
        int textChars = contentChars > 0 ? contentChars : reasoningChars;
        if (textChars > 0) {
            outputChars += textChars;
            recordContentArrival(nowNanos);
        }
        if (contentChars > 0 && firstAnswerNanos == RequestRecord.NONE) {
            firstAnswerNanos = nowNanos;
        }
    }

    private void readUsage(JsonParser p) throws IOException {
        boolean sawCompletionCount = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.VALUE_NUMBER_INT && field.equals("completion_tokens")) {
                sawCompletionCount = true;
                usageCompletionTokens = usageCount(field, p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? Long.MAX_VALUE : p.getLongValue());
            } else if (value == JsonToken.VALUE_NUMBER_INT && field.equals("prompt_tokens")) {
                usagePromptTokens = usageCount(field, p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? Long.MAX_VALUE : p.getLongValue());
            } else {
                p.skipChildren();
            }
        }
        if (!sawCompletionCount) {
            usageUnreadable = true;
        }
    }

    /** A usage count as an int; a negative or huge one is remembered as impossible and read as absent (-1). */
    private int usageCount(String field, long value) {
        if (value < 0 || value > Integer.MAX_VALUE) {
            impossibleUsage = "usage." + field + " " + value;
            return -1;
        }
        return (int) value;
    }

    private void onUnusualStreamEvent(String data) {
        JsonNode chunk = parse(data);
        if (chunk == null || checkForError(chunk)) {
            return;
        }
        markMalformed("unexpected chunk: " + PayloadShape.of(data));
    }

    /** A complete non-streamed JSON body. */
    public void onFullBody(String body) {
        JsonNode root = parse(body);
        if (root == null || checkForError(root)) {
            return;
        }
        readUsage(root);
        JsonNode choices = root.get("choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            markMalformed("response without choices: " + PayloadShape.of(body));
            return;
        }
        for (JsonNode choice : choices) {
            String text = textOf(choice);
            if (text != null) {
                outputChars += text.length();
                if (answer != null) {
                    answer.append(text);
                }
            }
            readFinishReason(choice);
        }
        doneSeen = true;
    }

    /** Chunks with text kept so far (the first and every gap after it): the answer's tokens as they arrive. */
    int contentChunks() {
        return firstContentNanos == RequestRecord.NONE ? 0 : gapCount + 1;
    }

    /** Whether any server-sent event has arrived. */
    boolean sawStreamEvent() {
        return streamEventSeen;
    }

    /** A 200 answer to a streamed request that carried no server-sent event: {@code what} it was instead. */
    void notAStream(String what) {
        if (serverError == null) {
            markMalformed(what);
        }
    }

    int maxTokens() {
        return request.maxTokens();
    }

    /**
     * The most body bytes an answer to this request may take: 64 KiB per token asked for (a chunk with logprobs is a
     * few KB) and 4 MiB at least. Beyond it the client stops reading, so a server that never stops costs bounded
     * memory.
     */
    long maxBodyBytes() {
        return Math.max(4L << 20, (64L << 10) * (request.maxTokens() + 16L));
    }

    /**
     * Why the answer has grown past what was asked, or null: more chunks with text than max_tokens allows, with a
     * margin for servers that split a token's text over chunks (a quarter, and 16).
     */
    String overlong() {
        return chunksPastLimit > 0 ? "the server kept answering past max_tokens " + request.maxTokens() + " (more "
                + "than " + (chunkLimit() + 1) + " chunks with text); stopped reading" : null;
    }

    private int chunkLimit() {
        return request.maxTokens() + request.maxTokens() / 4 + 16;
    }

    /** A non-200 answer. */
    public void onHttpError(int status, String body) {
        serverError = status >= 500 ? RequestOutcome.HTTP_5XX : RequestOutcome.HTTP_4XX;
        String message = errorMessage(parseQuietly(body));
        detail = "HTTP " + status + (message == null ? "" : ": " + message);
    }

    /** The outcome once the body has ended normally (EOF), with the record's fields. */
    public RequestRecord complete(long scheduledNanos, long sentNanos, long endNanos, int httpStatus) {
        return complete(scheduledNanos, sentNanos, endNanos, httpStatus, ConnectionUse.NOT_APPLICABLE);
    }

    /** The same, with the connection the response came over. */
    public RequestRecord complete(long scheduledNanos, long sentNanos, long endNanos, int httpStatus,
                                  ConnectionUse connection) {
        RequestOutcome outcome;
        if (serverError != null) {
            outcome = serverError;
        } else if (!doneSeen && finishReason == null) {
            outcome = RequestOutcome.TRUNCATED;
            if (detail == null) {
                detail = "stream ended without finish_reason or [DONE]";
            }
        } else {
            outcome = RequestOutcome.OK;
        }
        if (outcome == RequestOutcome.OK && usageCompletionTokens > request.maxTokens()) {
            // More tokens than max_tokens allowed cannot have been generated: a count that must not enter a figure.
            impossibleUsage = "usage.completion_tokens " + usageCompletionTokens + " for max_tokens "
                    + request.maxTokens();
            usageCompletionTokens = -1;
        }
        if (outcome == RequestOutcome.OK && impossibleUsage != null) {
            outcome = RequestOutcome.BAD_USAGE;
            detail = "impossible token count: " + impossibleUsage + " (kept: the client's estimate)";
        }
        boolean fromUsage = usageCompletionTokens >= 0;
        int completion = fromUsage ? usageCompletionTokens : estimateTokens(outputChars);
        int prompt = usagePromptTokens >= 0 ? usagePromptTokens : estimatedPromptTokens;
        TokenSource source = fromUsage ? TokenSource.USAGE
                : usageUnreadable ? TokenSource.USAGE_UNREADABLE : TokenSource.ESTIMATED;
        if (outcome == RequestOutcome.OK) {
            var shortfall = AnswerLength.shortfall(completion, fromUsage, request.lengthForced(), request.maxTokens());
            if (shortfall.isPresent()) {
                outcome = RequestOutcome.SHORT;
                detail = shortfall.get();
            }
        }
        return new RequestRecord(scheduledNanos, sentNanos, firstContentNanos, endNanos,
                Arrays.copyOf(gaps, gapCount), prompt, completion,
                source, httpStatus, outcome, finishReason, detail,
                firstAnswerNanos, connection, RequestRecord.NO_TURN, request.askedPromptTokens());
    }

    /** A record for a request that failed before or while receiving the body. */
    public RequestRecord failed(long scheduledNanos, long sentNanos, long endNanos, int httpStatus,
                                RequestOutcome outcome, String why) {
        return failed(scheduledNanos, sentNanos, endNanos, httpStatus, outcome, why, ConnectionUse.NOT_APPLICABLE);
    }

    /** The same, with the connection the request went over. */
    public RequestRecord failed(long scheduledNanos, long sentNanos, long endNanos, int httpStatus,
                                RequestOutcome outcome, String why, ConnectionUse connection) {
        int completion = usageCompletionTokens >= 0 ? usageCompletionTokens : estimateTokens(outputChars);
        return new RequestRecord(scheduledNanos, sentNanos, firstContentNanos, endNanos,
                Arrays.copyOf(gaps, gapCount), usagePromptTokens >= 0 ? usagePromptTokens : estimatedPromptTokens,
                completion, usageCompletionTokens >= 0 ? TokenSource.USAGE : TokenSource.ESTIMATED, httpStatus,
                outcome, finishReason, abbreviate(why), firstAnswerNanos, connection, RequestRecord.NO_TURN,
                request.askedPromptTokens());
    }

    private void recordContentArrival(long nowNanos) {
        if (gapCount >= chunkLimit()) {
            // Past max_tokens and its margin: counted for the overlong verdict, not kept (a server that never
            // stops must not grow the record; the transport stops reading at the end of this piece of body).
            chunksPastLimit++;
            return;
        }
        if (firstContentNanos == RequestRecord.NONE) {
            firstContentNanos = nowNanos;
        } else {
            if (gapCount == gaps.length) {
                gaps = Arrays.copyOf(gaps, Math.max(16, gaps.length * 2));
            }
            gaps[gapCount++] = nowNanos - lastContentNanos;
        }
        lastContentNanos = nowNanos;
    }

    private static String textOf(JsonNode choice) {
        JsonNode delta = choice.get("delta");
        if (delta != null) {
            String content = textField(delta, "content");
            if (content != null && !content.isEmpty()) {
                return content;
            }
            // Reasoning models stream their thinking in a separate field; it is output all the same.
            String reasoning = textField(delta, "reasoning_content");
            return reasoning != null ? reasoning : textField(delta, "reasoning");
        }
        JsonNode message = choice.get("message");
        if (message != null) {
            return textField(message, "content");
        }
        return textField(choice, "text");
    }

    private static String textField(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private void readUsage(JsonNode node) {
        JsonNode usage = node.get("usage");
        if (usage == null || !usage.isObject()) {
            return;
        }
        JsonNode completion = usage.get("completion_tokens");
        JsonNode prompt = usage.get("prompt_tokens");
        if (completion == null || !completion.isIntegralNumber()) {
            usageUnreadable = true;
        }
        if (completion != null && completion.isIntegralNumber()) {
            usageCompletionTokens = usageCount("completion_tokens", completion.canConvertToLong()
                    ? completion.asLong() : Long.MAX_VALUE);
        }
        if (prompt != null && prompt.isIntegralNumber()) {
            usagePromptTokens = usageCount("prompt_tokens", prompt.canConvertToLong() ? prompt.asLong() : Long.MAX_VALUE);
        }
    }

    private void readFinishReason(JsonNode choice) {
        JsonNode reason = choice.get("finish_reason");
        if (reason != null && reason.isTextual()) {
            finishReason = reason.asText();
        }
    }

    /** vLLM reports errors as {"error": {...}} (new) or {"object": "error", ...} (old), also mid-stream. */
    private boolean checkForError(JsonNode node) {
        boolean isError = node.has("error") || "error".equals(node.path("object").asText(null));
        if (!isError) {
            return false;
        }
        JsonNode err = node.has("error") ? node.get("error") : node;
        int code = err.path("code").asInt(0);
        serverError = code >= 400 && code < 500 ? RequestOutcome.HTTP_4XX : RequestOutcome.HTTP_5XX;
        String message = errorMessage(node);
        detail = "server error in body" + (message == null ? "" : ": " + message);
        return true;
    }

    private static String errorMessage(JsonNode node) {
        if (node == null) {
            return null;
        }
        JsonNode err = node.has("error") ? node.get("error") : node;
        if (err.isTextual()) {
            return abbreviate(err.asText());
        }
        JsonNode message = err.get("message");
        return message != null && message.isTextual() ? abbreviate(message.asText()) : null;
    }

    private JsonNode parse(String text) {
        JsonNode node = parseQuietly(text);
        if (node == null || !node.isObject()) {
            markMalformed("not a JSON object: " + PayloadShape.of(text));
            return null;
        }
        return node;
    }

    private static JsonNode parseQuietly(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private void markMalformed(String why) {
        serverError = RequestOutcome.MALFORMED;
        detail = why;
    }

    static int estimateTokens(long chars) {
        // ~4 characters per token for English text, the same rule the study used to size prompts.
        return (int) ((chars + 3) / 4);
    }

    static String abbreviate(String s) {
        if (s == null) {
            return null;
        }
        String oneLine = s.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= MAX_DETAIL_CHARS ? oneLine : oneLine.substring(0, MAX_DETAIL_CHARS) + "…";
    }
}
