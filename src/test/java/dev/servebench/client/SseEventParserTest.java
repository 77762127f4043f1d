package dev.servebench.client;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseEventParserTest {

    private static List<String> parse(String body, int... splits) {
        List<String> events = new ArrayList<>();
        SseEventParser parser = new SseEventParser(events::add);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int start = 0;
        for (int split : splits) {
            parser.feed(bytes, start, split - start);
            start = split;
        }
        parser.feed(bytes, start, bytes.length - start);
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
}
