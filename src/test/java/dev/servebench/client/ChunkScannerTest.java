package dev.servebench.client;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast chunk scanner must read every chunk it accepts exactly as the Jackson path does, and
 * must accept the shapes real servers send (or the fast path silently stops paying).
 */
class ChunkScannerTest {
    private static final CompletionRequest REQUEST = CompletionRequest.text("x".repeat(40), 16, true);

    /** Chunks as vLLM, SGLang, llama.cpp and TGI stream them, plus reasoning and multi-choice shapes. */
    private static final List<String> REAL = List.of(
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":"
                    + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,"
                    + "\"finish_reason\":null}]}",
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":"
                    + "[{\"index\":0,\"delta\":{\"content\":\" tok\"},\"logprobs\":null,\"finish_reason\":null}]}",
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":"
                    + "[{\"index\":0,\"delta\":{\"content\":\" tok\"},\"logprobs\":null,\"finish_reason\":\"length\","
                    + "\"stop_reason\":null}]}",
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[],"
                    + "\"usage\":{\"prompt_tokens\":16,\"total_tokens\":32,\"completion_tokens\":16}}",
            // llama.cpp: usage and timings in the chunk with finish_reason
            "{\"choices\":[{\"finish_reason\":\"length\",\"index\":0,\"delta\":{}}],\"created\":1,\"id\":\"c\","
                    + "\"model\":\"m\",\"system_fingerprint\":\"b1\",\"object\":\"chat.completion.chunk\","
                    + "\"usage\":{\"completion_tokens\":3,\"prompt_tokens\":11,\"total_tokens\":14},"
                    + "\"timings\":{\"prompt_n\":11,\"prompt_ms\":1.5,\"predicted_per_second\":1.2e3}}",
            // text completions
            "{\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\"héllo 😀\","
                    + "\"logprobs\":null,\"finish_reason\":null}]}",
            // reasoning models (DeepSeek-R1 on vLLM, gpt-oss)
            "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"Let me think\"},\"finish_reason\":null}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"hmm\",\"content\":null},\"finish_reason\":null}]}",
            // escapes counted as Jackson counts them
            "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\\nb\\u00e9\\\"\\ud83d\\ude00\"},"
                    + "\"finish_reason\":\"stop\"}]}",
            // two choices (n=2)
            "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ab\"}},{\"index\":1,\"delta\":{\"content\":\"c\"},"
                    + "\"finish_reason\":\"tool_calls\"}]}",
            // whitespace everywhere, nested tool calls, an unusual finish reason
            " {\"choices\" : [ { \"index\" : 0 , \"delta\" : { \"tool_calls\" : [ { \"id\" : \"t\" , \"function\" :"
                    + " { \"arguments\" : \"{}\" } } ] } , \"finish_reason\" : \"my_reason\" } ] } ",
            "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"usage\":null}");

    /** Shapes the scanner must leave to Jackson, each for its own reason. */
    private static final List<String> UNDECIDED = List.of(
            "{\"error\":{\"message\":\"overloaded\",\"code\":503}}",
            "{\"object\":\"error\",\"message\":\"bad\",\"code\":400}",
            "{\"object\":\"\\u0065rror\",\"message\":\"bad\"}",
            "{\"cho\\u0069ces\":[{\"delta\":{\"content\":\"x\"}}]}",
            "{\"choices\":[1]}",
            "{\"choices\":[],\"usage\":{\"completion_tokens\":-3}}",
            "{\"choices\":[],\"usage\":{\"completion_tokens\":99999999999}}",
            "{\"choices\":[]} trailing",
            "{\"choices\":[{\"delta\":{\"content\":\"x\"}}]",
            "{\"choices\":[{\"delta\":{\"content\":\"x\tb\"}}]}",
            "{\"choices\":[],\"n\":01}",
            "{\"object\":{\"choices\":[]}}");

    @Test
    void readsTheShapesRealServersStream() {
        ChunkScanner scanner = new ChunkScanner();
        for (String chunk : REAL) {
            byte[] bytes = chunk.trim().getBytes(StandardCharsets.UTF_8);
            assertThat(scanner.scan(bytes, 0, bytes.length)).as(chunk).isTrue();
        }
        byte[] emoji = REAL.get(5).getBytes(StandardCharsets.UTF_8);
        assertThat(scanner.scan(emoji, 0, emoji.length)).isTrue();
        // "héllo 😀": 6 chars, the emoji a surrogate pair
        assertThat(scanner.contentChars(0)).isEqualTo("héllo 😀".length());
        byte[] escapes = REAL.get(8).getBytes(StandardCharsets.UTF_8);
        assertThat(scanner.scan(escapes, 0, escapes.length)).isTrue();
        assertThat(scanner.contentChars(0)).isEqualTo("a\nbé\"😀".length());
        assertThat(scanner.finishReason(0)).isEqualTo("stop");
    }

    @Test
    void leavesErrorsOddShapesAndBadJsonToJackson() {
        ChunkScanner scanner = new ChunkScanner();
        for (String chunk : UNDECIDED) {
            byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
            assertThat(scanner.scan(bytes, 0, bytes.length)).as(chunk).isFalse();
        }
        for (String chunk : UNDECIDED) {
            assertSameReading(List.of(chunk));
        }
    }

    @Test
    void aWholeStreamReadsTheSameEitherWay() {
        List<String> stream = new ArrayList<>(REAL);
        stream.add("[DONE]");
        RequestRecord r = assertSameReading(stream);
        assertThat(r.completionTokens()).isEqualTo(3);
        assertThat(r.promptTokens()).isEqualTo(11);
        assertThat(r.finishReason()).isEqualTo("my_reason");
    }

    /**
     * Seeded mutations of real chunks (bytes changed, dropped, doubled, special bytes put in): every
     * one is read into the same record by the scanner path and by the Jackson path, whether the
     * scanner decided it or not.
     */
    @Test
    void mutatedChunksReadTheSameEitherWay() {
        SplittableRandom random = new SplittableRandom(20261130);
        byte[] specials = "{}[]\":,\\-0123456789eE.ntfu \n".getBytes(StandardCharsets.US_ASCII);
        int decided = 0;
        int trials = 20_000;
        ChunkScanner scanner = new ChunkScanner();
        for (int t = 0; t < trials; t++) {
            byte[] chunk = REAL.get(random.nextInt(REAL.size())).trim().getBytes(StandardCharsets.UTF_8);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                chunk = mutate(chunk, random, specials);
            }
            if (chunk.length > 0 && chunk[0] == '{' && scanner.scan(chunk, 0, chunk.length)) {
                decided++;
            }
            assertSameReading(List.of(new String(chunk, StandardCharsets.ISO_8859_1)), chunk);
        }
        // Both kinds were exercised: mutations the scanner read, and ones it left to Jackson.
        assertThat(decided).isBetween(trials / 20, trials - trials / 20);
    }

    private static byte[] mutate(byte[] chunk, SplittableRandom random, byte[] specials) {
        if (chunk.length == 0) {
            return chunk;
        }
        int at = random.nextInt(chunk.length);
        byte b = specials[random.nextInt(specials.length)];
        return switch (random.nextInt(4)) {
            case 0 -> {
                byte[] out = chunk.clone();
                out[at] = b;
                yield out;
            }
            case 1 -> {
                byte[] out = new byte[chunk.length - 1];
                System.arraycopy(chunk, 0, out, 0, at);
                System.arraycopy(chunk, at + 1, out, at, chunk.length - at - 1);
                yield out;
            }
            case 2 -> {
                byte[] out = new byte[chunk.length + 1];
                System.arraycopy(chunk, 0, out, 0, at);
                out[at] = b;
                System.arraycopy(chunk, at, out, at + 1, chunk.length - at);
                yield out;
            }
            default -> {
                byte[] out = new byte[chunk.length + 1];
                System.arraycopy(chunk, 0, out, 0, at + 1);
                System.arraycopy(chunk, at, out, at + 1, chunk.length - at);
                yield out;
            }
        };
    }

    private static RequestRecord assertSameReading(List<String> events) {
        ResponseInterpreter fast = new ResponseInterpreter(REQUEST, false, true);
        ResponseInterpreter jackson = new ResponseInterpreter(REQUEST, false, false);
        long t = 1_000;
        for (String e : events) {
            t += 1_000;
            byte[] bytes = e.getBytes(StandardCharsets.UTF_8);
            fast.onStreamEvent(bytes, 0, bytes.length, t);
            jackson.onStreamEvent(bytes, 0, bytes.length, t);
        }
        RequestRecord last = fast.complete(0, 500, t + 1, 200);
        assertThat(last).as("%s", events).usingRecursiveComparison().isEqualTo(jackson.complete(0, 500, t + 1, 200));
        return last;
    }

    private static void assertSameReading(List<String> label, byte[] chunk) {
        ResponseInterpreter fast = new ResponseInterpreter(REQUEST, false, true);
        ResponseInterpreter jackson = new ResponseInterpreter(REQUEST, false, false);
        byte[] padded = new byte[chunk.length + 8];
        System.arraycopy(chunk, 0, padded, 4, chunk.length);
        fast.onStreamEvent(padded, 4, chunk.length, 2_000);
        jackson.onStreamEvent(padded, 4, chunk.length, 2_000);
        assertThat(fast.complete(0, 500, 3_000, 200)).as("%s", label).usingRecursiveComparison()
                .isEqualTo(jackson.complete(0, 500, 3_000, 200));
    }
}
