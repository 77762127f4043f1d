package dev.servebench.client;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseEventParserTest {

    /**
     * Feeds {@code body} in pieces cut at {@code splits}, each from its own array that is scribbled
     * over once {@code feed} returns, as a network buffer would be reused: an event that kept
     * pointing into a caller's array shows up as garbage.
     */
    private static List<String> parse(String body, int... splits) {
        return parse(body.getBytes(StandardCharsets.UTF_8), splits);
    }

    private static List<String> parse(byte[] bytes, int... splits) {
        List<String> events = new ArrayList<>();
        SseEventParser parser = new SseEventParser(
                (data, offset, length) -> events.add(new String(data, offset, length, StandardCharsets.UTF_8)));
        int start = 0;
        for (int i = 0; i <= splits.length; i++) {
            int end = i < splits.length ? splits[i] : bytes.length;
            // Three bytes of padding either side, so offsets are never 0 and ranges never reach the end.
            byte[] piece = new byte[end - start + 6];
            System.arraycopy(bytes, start, piece, 3, end - start);
            parser.feed(piece, 3, end - start);
            Arrays.fill(piece, (byte) '#');
            start = end;
        }
        parser.finish();
        return events;
    }

    @Test
    void severalEventsInOneRead() {
        assertThat(parse("data: a\n\ndata: b\n\ndata: [DONE]\n\n")).containsExactly("a", "b", "[DONE]");
    }

    @Test
    void eventSplitAcrossReadsAtEveryPosition() {
        String body = "data: {\"x\":\"héllo\"}\r\n\r\ndata: [DONE]\r\n\r\n";
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        for (int split = 1; split < length; split++) {
            assertThat(parse(body, split)).as("split at byte %d", split)
                    .containsExactly("{\"x\":\"héllo\"}", "[DONE]");
        }
    }

    @Test
    void oneByteAtATime() {
        String body = "data: one\n\n: ping\n\ndata: two\r\n\r\n";
        int length = body.length();
        int[] splits = new int[length - 1];
        for (int i = 0; i < splits.length; i++) {
            splits[i] = i + 1;
        }
        assertThat(parse(body, splits)).containsExactly("one", "two");
    }

    @Test
    void commentsAndKeepAliveLinesAreIgnored() {
        assertThat(parse(": keep-alive\n\n:\n\ndata: a\n: inline comment\n\n")).containsExactly("a");
    }

    @Test
    void crlfAndBareCrLineEndings() {
        assertThat(parse("data: a\r\n\r\ndata: b\r\rdata: c\n\n")).containsExactly("a", "b", "c");
    }

    @Test
    void crAtEndOfOneReadAndLfAtStartOfNext() {
        String body = "data: a\r\n\r\ndata: b\r\n\r\n";
        assertThat(parse(body, 8)).containsExactly("a", "b");
        assertThat(parse(body, 9)).containsExactly("a", "b");
    }

    @Test
    void multiLineDataIsJoinedWithNewlines() {
        assertThat(parse("data: first\ndata: second\n\n")).containsExactly("first\nsecond");
    }

    @Test
    void otherFieldsAreIgnoredAndSpaceAfterColonIsOptional() {
        assertThat(parse("event: message\nid: 7\nretry: 100\ndata:x\n\n")).containsExactly("x");
    }

    @Test
    void missingFinalBlankLineStillDeliversTheLastEvent() {
        assertThat(parse("data: a\n\ndata: b")).containsExactly("a", "b");
    }

    @Test
    void blankLinesWithoutDataDispatchNothing() {
        assertThat(parse("\n\n\r\n\n")).isEmpty();
    }

    @Test
    void dataFieldWithoutColonIsAnEmptyEventAndLookalikeFieldsAreIgnored() {
        assertThat(parse("data\n\ndat: a\ndatas: b\ndata : c\n\ndata:\n\n")).containsExactly("", "");
    }

    @Test
    void multiByteUtf8AndMultiLineDataSplitAtEveryPairOfPositions() {
        // 2-, 3- and 4-byte characters, a comment between data lines, all three line endings.
        String body = "data: é€😀\r\n: c\r\ndata:ü\r\rdata: 😀x\n\ndata: [DONE]\n\n";
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        for (int a = 1; a < length; a++) {
            for (int b = a; b < length; b++) {
                assertThat(parse(body, a, b)).as("splits at bytes %d and %d", a, b)
                        .containsExactly("é€😀\nü", "😀x", "[DONE]");
            }
        }
    }

    @Test
    void eventStillOpenWhenTheCallersBufferIsReusedKeepsItsOwnCopy() {
        List<String> events = new ArrayList<>();
        SseEventParser parser = new SseEventParser(
                (data, offset, length) -> events.add(new String(data, offset, length, StandardCharsets.UTF_8)));
        byte[] buffer = "data: {\"a\":1}\n".getBytes(StandardCharsets.UTF_8);
        parser.feed(buffer, 0, buffer.length);
        assertThat(events).isEmpty(); // the blank line that ends the event has not arrived
        Arrays.fill(buffer, (byte) 'x');
        parser.feed(new byte[] {'\n'}, 0, 1);
        assertThat(events).containsExactly("{\"a\":1}");
    }

    @Test
    void eventWhollyInsideOneFeedIsHandedOverWithoutACopy() {
        List<byte[]> arrays = new ArrayList<>();
        SseEventParser parser = new SseEventParser((data, offset, length) -> arrays.add(data));
        byte[] buffer = "data: a\n\ndata: b\n\n".getBytes(StandardCharsets.UTF_8);
        parser.feed(buffer, 0, buffer.length);
        assertThat(arrays).hasSize(2).allSatisfy(a -> assertThat(a).isSameAs(buffer));
    }

    @Test
    void veryLongLinesGrowTheBuffersInAnySplit() {
        String big = "{\"content\":\"" + "ab€".repeat(40_000) + "\"}"; // 200 kB, past any initial size
        String body = "data: " + big + "\ndata: " + big + "\n\ndata: " + big + "\r\n\r\n";
        String twoLines = big + "\n" + big;
        assertThat(parse(body)).containsExactly(twoLines, big);
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        int[] everySevenBytes = new int[(length - 1) / 7];
        for (int i = 0; i < everySevenBytes.length; i++) {
            everySevenBytes[i] = (i + 1) * 7;
        }
        assertThat(parse(body, everySevenBytes)).containsExactly(twoLines, big);
    }
}
