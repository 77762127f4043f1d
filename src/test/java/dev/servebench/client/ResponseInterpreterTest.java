package dev.servebench.client;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseInterpreterTest {
    private static final CompletionRequest FORCED_3 = CompletionRequest.text("x".repeat(40), 3, true);

    /**
     * Streams the events as UTF-8 bytes (the client's path), each inside a larger array so offsets
     * matter, and checks that the decoded-text path reads them into the very same record.
     */
    private static RequestRecord stream(CompletionRequest request, List<String> events) {
        return streamBytes(request, events.stream().map(e -> e.getBytes(StandardCharsets.UTF_8)).toList());
    }

    private static RequestRecord streamBytes(CompletionRequest request, List<byte[]> events) {
        ResponseInterpreter fromBytes = new ResponseInterpreter(request);
        ResponseInterpreter fromText = new ResponseInterpreter(request);
        long t = 1_000;
        for (byte[] e : events) {
            t += 1_000;
            byte[] padded = new byte[e.length + 10];
            Arrays.fill(padded, (byte) '"');
            System.arraycopy(e, 0, padded, 5, e.length);
            fromBytes.onStreamEvent(padded, 5, e.length, t);
            fromText.onStreamEvent(new String(e, StandardCharsets.UTF_8), t);
        }
        RequestRecord record = fromBytes.complete(0, 500, t + 1, 200);
        assertThat(record).usingRecursiveComparison().isEqualTo(fromText.complete(0, 500, t + 1, 200));
        return record;
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] c = after.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(a, a.length + middle.length + c.length);
        System.arraycopy(middle, 0, out, a.length, middle.length);
        System.arraycopy(c, 0, out, a.length + middle.length, c.length);
        return out;
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
        assertThat(r.outcome()).isEqualTo(RequestOutcome.TRUNCATED);
        assertThat(r.httpOk()).isFalse();
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
        // TTFT counts the thinking; the first answer token came a chunk later.
        assertThat(r.firstAnswerNanos()).isEqualTo(3_000);
        assertThat(r.timeToFirstAnswerNanos()).isEqualTo(2_500);
        assertThat(r.outputChunks()).isEqualTo(2);
    }

    @Test
    void withoutReasoningTheFirstAnswerTokenIsTheFirstToken() {
        RequestRecord r = stream(CompletionRequest.text("p", 8, false), List.of(
                chat("a", null), chat("b", "stop"), "[DONE]"));
        assertThat(r.firstAnswerNanos()).isEqualTo(r.firstTokenNanos());
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

    @Test
    void outputIsCountedInUtf16UnitsLikeJavaStrings() {
        // "é" is 1 unit, "€" 1, "😀" 2 (a surrogate pair): 4 units, 1 estimated token, from 9 bytes.
        RequestRecord r = stream(CompletionRequest.text("p", 8, false), List.of(chat("é€😀", "stop"), "[DONE]"));
        assertThat(r.completionTokens()).isEqualTo(1);
        assertThat(r.tokenSource()).isEqualTo(TokenSource.ESTIMATED);
    }

    @Test
    void illFormedUtf8IsDecodedWithReplacementsNotRejected() {
        // 0xFF cannot occur in UTF-8, and F4 90 80 80 would be above U+10FFFF; Jackson alone would
        // reject the first and accept the second, but an SSE client decodes both to U+FFFD.
        byte[] badContent = concat("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ab", new byte[] {(byte) 0xFF},
                "c\"},\"finish_reason\":null}]}");
        byte[] badFinish = concat("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"d\"},\"finish_reason\":\"",
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, "\"}]}");
        RequestRecord r = streamBytes(CompletionRequest.text("p", 8, false),
                List.of(badContent, badFinish, "[DONE]".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.outcome()).isEqualTo(RequestOutcome.OK);
        assertThat(r.interTokenGapCount()).isEqualTo(1);
        assertThat(r.finishReason()).isEqualTo(new String(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                StandardCharsets.UTF_8));
    }

    @Test
    void chunkThatBreaksOffAfterItsTextIsMalformedWithTheTextCountedOnce() {
        RequestRecord r = stream(FORCED_3, List.of(chat("a", null),
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"bc\"}}],\"usage\":{\"completion_tokens\":", "[DONE]"));
        assertThat(r.outcome()).isEqualTo(RequestOutcome.MALFORMED);
        // Read again as text after the byte parser failed: "bc" still arrives once, not twice.
        assertThat(r.interTokenGapCount()).isEqualTo(1);
        assertThat(r.completionTokens()).isEqualTo(1);
    }

    @Test
    void payloadsNotStartingWithABraceAreReadAsBefore() {
        byte[] bom = concat("", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, chat("a", "stop"));
        assertThat(streamBytes(FORCED_3, List.of(bom)).outcome()).isEqualTo(RequestOutcome.MALFORMED);
        RequestRecord spaced = stream(CompletionRequest.text("p", 1, false), List.of(" " + chat("a", "stop")));
        assertThat(spaced.outcome()).isEqualTo(RequestOutcome.OK);
        assertThat(stream(FORCED_3, List.of("{\u0000}")).outcome()).isEqualTo(RequestOutcome.MALFORMED);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"the secret launch code is 0000",
            "{\"weird\":{\"text\":\"the secret launch code is 0000\"}}",
            "the secret launch code is 0000"})
    void anUnreadableChunkIsDescribedWithoutTheAnswerItCarried(String chunk) {
        RequestRecord r = stream(FORCED_3, List.of(chunk, "[DONE]"));
        assertThat(r.outcome()).isEqualTo(RequestOutcome.MALFORMED);
        assertThat(r.errorDetail()).doesNotContain("secret", "launch", "0000");
        assertThat(r.errorDetail()).containsAnyOf("not JSON", "without choices");
    }

    @Test
    void aUsageBlockWhoseCountsCannotBeReadIsSaidSoNotTakenForNone() {
        RequestRecord r = stream(FORCED_3, List.of(chat("a", null), chat("b", null), chat("c", "length"),
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":\"ten\",\"completion_tokens\":\"3\"}}", "[DONE]"));
        assertThat(r.tokenSource()).isEqualTo(TokenSource.USAGE_UNREADABLE);
        RequestRecord none = stream(FORCED_3, List.of(chat("a", null), chat("b", null), chat("c", "length"), "[DONE]"));
        assertThat(none.tokenSource()).isEqualTo(TokenSource.ESTIMATED);
        RequestRecord nullUsage = stream(FORCED_3, List.of(
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"},\"finish_reason\":\"length\"}],\"usage\":null}",
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":3}}", "[DONE]"));
        assertThat(nullUsage.tokenSource()).as("vLLM's null usage before its last chunk").isEqualTo(TokenSource.USAGE);
    }
}
