package dev.servebench.client;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseInterpreterTest {
    private static final CompletionRequest FORCED_3 = CompletionRequest.text("x".repeat(40), 3, true);

    private static RequestRecord stream(CompletionRequest request, List<String> events) {
        ResponseInterpreter interpreter = new ResponseInterpreter(request);
        long t = 1_000;
        for (String e : events) {
            t += 1_000;
            interpreter.onStreamEvent(e, t);
        }
        return interpreter.complete(0, 500, t + 1, 200);
    }

    private static String chat(String content, String finish) {
        return "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
                + (content == null ? "null" : "\"" + content + "\"") + "},\"finish_reason\":"
                + (finish == null ? "null" : "\"" + finish + "\"") + "}]}";
    }

    @Test
    void vllmUsageInSeparateLastChunkWithEmptyChoices() {
        RequestRecord r = stream(FORCED_3, List.of(
                "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}",
                chat("a", null), chat("b", null), chat("c", "length"),
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"total_tokens\":13,\"completion_tokens\":3}}",
                "[DONE]"));
        assertThat(r.outcome()).isEqualTo(RequestOutcome.OK);
        assertThat(r.tokenSource()).isEqualTo(TokenSource.USAGE);
        assertThat(r.completionTokens()).isEqualTo(3);
        assertThat(r.promptTokens()).isEqualTo(10);
        assertThat(r.finishReason()).isEqualTo("length");
        // The role chunk carries no text: the first token is the chunk with "a" (3rd event, t=3000).
        assertThat(r.firstTokenNanos()).isEqualTo(3_000);
        assertThat(r.interTokenGapsNanos()).containsExactly(1_000, 1_000);
    }

    @Test
    void llamaCppUsageInTheChunkWithFinishReasonAndNoRoleChunk() {
        RequestRecord r = stream(FORCED_3, List.of(chat("a", null), chat("b", null), chat("c", null),
                "{\"choices\":[{\"finish_reason\":\"length\",\"index\":0,\"delta\":{}}],\"usage\":{\"completion_tokens\":3,"
                        + "\"prompt_tokens\":11,\"total_tokens\":14},\"timings\":{\"predicted_n\":3}}",
                "[DONE]"));
        assertThat(r.outcome()).isEqualTo(RequestOutcome.OK);
        assertThat(r.completionTokens()).isEqualTo(3);
        assertThat(r.promptTokens()).isEqualTo(11);
        assertThat(r.tokenSource()).isEqualTo(TokenSource.USAGE);
        assertThat(r.firstTokenNanos()).isEqualTo(2_000);
    }

    @Test
    void absentUsageIsEstimatedFromTextAndMarkedSo() {
        CompletionRequest unforced = CompletionRequest.text("y".repeat(40), 16, false);
        RequestRecord r = stream(unforced, List.of(chat("abcd", null), chat("efgh", "stop"), "[DONE]"));
        assertThat(r.outcome()).isEqualTo(RequestOutcome.OK);
        assertThat(r.tokenSource()).isEqualTo(TokenSource.ESTIMATED);
        assertThat(r.completionTokens()).isEqualTo(2);
        assertThat(r.promptTokens()).isEqualTo(10);
    }

    @Test
    void tokensComeFromUsageNeverFromChunkCounts() {
        // Five chunks, two of them empty, but the server says 7 tokens (it batched several per chunk).
        RequestRecord r = stream(CompletionRequest.text("p", 7, true), List.of(chat("a", null), chat("", null),
                chat("bc", null), chat(null, null), chat("def", "length"),
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":7,\"total_tokens\":8}}", "[DONE]"));
        assertThat(r.completionTokens()).isEqualTo(7);
        assertThat(r.interTokenGapCount()).isEqualTo(2);
        assertThat(r.outcome()).isEqualTo(RequestOutcome.OK);
    }

    @Test
    void missingDoneIsFineWhenFinishReasonArrived() {
        RequestRecord r = stream(FORCED_3, List.of(chat("a", null), chat("b", null), chat("c", "length"),
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":3,\"total_tokens\":4}}"));
        assertThat(r.outcome()).isEqualTo(RequestOutcome.OK);
    }

    @Test
    void streamEndingWithoutFinishReasonOrDoneIsATruncation() {
        RequestRecord r = stream(FORCED_3, List.of(chat("a", null), chat("b", null)));
        assertThat(r.outcome()).isEqualTo(RequestOutcome.RESET);
        assertThat(r.errorDetail()).contains("without finish_reason");
    }

    @Test
    void errorJsonMidStreamIsAServerError() {
        RequestRecord r = stream(FORCED_3, List.of(chat("a", null),
                "{\"error\": {\"message\": \"engine died\", \"type\": \"InternalServerError\", \"param\": null, \"code\": 500}}",
                "[DONE]"));
        assertThat(r.outcome()).isEqualTo(RequestOutcome.HTTP_5XX);
        assertThat(r.errorDetail()).contains("engine died");
    }

    @Test
    void oldStyleVllmErrorObjectWithClientCodeIs4xx() {
        RequestRecord r = stream(FORCED_3, List.of(
                "{\"object\":\"error\",\"message\":\"too long\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}"));
        assertThat(r.outcome()).isEqualTo(RequestOutcome.HTTP_4XX);
    }

    @Test
    void malformedChunkIsMalformed() {
        RequestRecord r = stream(FORCED_3, List.of(chat("a", null), "{not json", "[DONE]"));
        assertThat(r.outcome()).isEqualTo(RequestOutcome.MALFORMED);
    }

    @Test
    void fewerTokensThanForcedIsShort() {
        RequestRecord r = stream(FORCED_3, List.of(chat("a", "stop"),
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}", "[DONE]"));
        assertThat(r.outcome()).isEqualTo(RequestOutcome.SHORT);
        assertThat(r.httpOk()).isTrue();
        assertThat(r.valid()).isFalse();
    }

    @Test
    void zeroTokensIsShortEvenWithHttp200() {
        RequestRecord r = stream(CompletionRequest.text("p", 5, false), List.of(chat("", "stop"), "[DONE]"));
        assertThat(r.outcome()).isEqualTo(RequestOutcome.SHORT);
        assertThat(r.httpOk()).isTrue();
    }

    @Test
    void completionsApiTextField() {
        RequestRecord r = stream(CompletionRequest.text("p", 2, true), List.of(
                "{\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\" a\",\"finish_reason\":null}],\"usage\":null}",
                "{\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\" b\",\"finish_reason\":\"length\"}],\"usage\":null}",
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}", "[DONE]"));
        assertThat(r.outcome()).isEqualTo(RequestOutcome.OK);
        assertThat(r.completionTokens()).isEqualTo(2);
        assertThat(r.hasFirstToken()).isTrue();
    }

    @Test
    void reasoningContentCountsAsOutput() {
        RequestRecord r = stream(CompletionRequest.text("p", 8, false), List.of(
                "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"hmm\"},\"finish_reason\":null}]}",
                chat("ok", "stop"), "[DONE]"));
        assertThat(r.firstTokenNanos()).isEqualTo(2_000);
        assertThat(r.interTokenGapCount()).isEqualTo(1);
    }

    @Test
    void nonStreamedBody() {
        ResponseInterpreter interpreter = new ResponseInterpreter(CompletionRequest.text("p", 2, true));
        interpreter.onFullBody("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi there\"},"
                + "\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":2,\"total_tokens\":6}}");
        RequestRecord r = interpreter.complete(0, 0, 10, 200);
        assertThat(r.outcome()).isEqualTo(RequestOutcome.OK);
        assertThat(r.hasFirstToken()).isFalse();
        assertThat(r.completionTokens()).isEqualTo(2);
    }

    @Test
    void httpErrorsAreClassifiedByStatusWithTheServerMessage() {
        ResponseInterpreter four = new ResponseInterpreter(FORCED_3);
        four.onHttpError(400, "{\"error\":{\"message\":\"prompt too long\",\"type\":\"BadRequestError\",\"code\":400}}");
        assertThat(four.complete(0, 0, 1, 400).outcome()).isEqualTo(RequestOutcome.HTTP_4XX);
        ResponseInterpreter five = new ResponseInterpreter(FORCED_3);
        five.onHttpError(503, "Service Unavailable");
        RequestRecord r = five.complete(0, 0, 1, 503);
        assertThat(r.outcome()).isEqualTo(RequestOutcome.HTTP_5XX);
        assertThat(r.errorDetail()).isEqualTo("HTTP 503");
        assertThat(r.httpOk()).isFalse();
    }
}
