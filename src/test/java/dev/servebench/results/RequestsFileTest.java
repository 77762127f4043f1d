package dev.servebench.results;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.servebench.BadInputException;
import dev.servebench.client.RequestRecord;
import dev.servebench.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one reader of requests.jsonl: the inverse of the one writer, for every version's lines. */
class RequestsFileTest {
    private static String json(RequestLine line) throws Exception {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = Json.mapper().createGenerator(text)) {
            new RequestLineJson().write(g, line);
        }
        return text.toString();
    }

    private static List<RequestLine> readAll(Path file) {
        List<RequestLine> out = new ArrayList<>();
        RequestsFile.read(file, out::add);
        return out;
    }

    @Test
    void everyLineTheWriterWritesReadsBackAsWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(RequestsFile.NAME);
        List<RequestRecord> shapes = RequestLogTest.shapes();
        List<String> written = new ArrayList<>();
        try (RequestLog log = new RequestLog(file)) {
            log.origin(500_000);
            for (int i = 0; i < shapes.size(); i++) {
                log.append(RequestLogTest.LEVEL, i, shapes.get(i));
                written.add(json(RequestLine.of(RequestLogTest.LEVEL, i, shapes.get(i), 500_000)));
            }
        }
        List<RequestLine> read = readAll(file);
        assertThat(read).hasSize(shapes.size());
        List<String> again = new ArrayList<>();
        for (RequestLine line : read) {
            again.add(json(line));
        }
        assertThat(again).isEqualTo(written);
        assertThat(Files.readAllLines(file)).isEqualTo(written);
    }

    @Test
    void linesOfEarlierVersionsLackLaterFieldsAndNewerFieldsAreSkipped(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(RequestsFile.NAME);
        // As the first version wrote it (no ttfat_ms, connection, connect_ms, retries, turn, asked_prompt_tokens),
        // then one from a version newer than this one.
        Files.writeString(file, """
                {"phase":"SCALING","level":"c=1","index":0,"scheduled_ms":1.5,"sent_ms":1.5,"first_token_ms":20.25,\
                "end_ms":80.0,"latency_ms":78.5,"ttft_ms":18.75,"tpot_ms":3.5,"itl_ms":[3.0,4.0],"prompt_tokens":32,\
                "completion_tokens":3,"token_source":"usage","http_status":200,"outcome":"ok","finish_reason":"length"}
                {"phase":"SCALING","level":"c=1","index":1,"end_ms":90.0,"latency_ms":10,"future":{"a":[1,{"b":2}]},\
                "outcome":"ok","turn":2,"prompt_tokens":"many","asked_prompt_tokens":30,"itl_ms":[1.0,null,2.0]}
                """);
        List<RequestLine> lines = readAll(file);
        assertThat(lines).hasSize(2);
        RequestLine first = lines.get(0);
        assertThat(first.ttftMs()).isEqualTo(18.75);
        assertThat(first.itlMs()).containsExactly(3.0, 4.0);
        assertThat(first.promptTokens()).isEqualTo(32);
        assertThat(first.ttfatMs()).isNull();
        assertThat(first.connection()).isNull();
        assertThat(first.connectMs()).isNull();
        assertThat(first.retries()).isNull();
        assertThat(first.turn()).isNull();
        assertThat(first.askedPromptTokens()).isNull();
        RequestLine second = lines.get(1);
        assertThat(second.turn()).isEqualTo(2);
        assertThat(second.askedPromptTokens()).isEqualTo(30);
        assertThat(second.promptTokens()).as("a value of the wrong kind is absent").isZero();
        assertThat(second.scheduledMs()).as("an absent time").isNaN();
        assertThat(second.itlMs()).containsExactly(1.0, 2.0);
        assertThat(second.ttftMs()).isNull();
    }

    @Test
    void aTornLastLineIsSkippedAndCountedADamagedMiddleLineRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(RequestsFile.NAME);
        String whole = "{\"phase\":\"SCALING\",\"level\":\"c=1\",\"index\":0,\"end_ms\":5.0,\"outcome\":\"ok\"}\n";
        Files.writeString(file, whole + whole + "{\"phase\":\"SCALING\",\"level\":\"c=1\",\"ind");
        List<RequestLine> lines = new ArrayList<>();
        RequestsFile.Read read = RequestsFile.read(file, lines::add);
        assertThat(read.lines()).isEqualTo(2);
        assertThat(read.tornLines()).isEqualTo(1);
        assertThat(lines).hasSize(2);

        Files.writeString(file, whole + "{\"phase\":\n" + whole, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RequestsFile.read(file, l -> { }))
                .isInstanceOf(BadInputException.class).hasMessageContaining("line 2 is not valid JSON");
    }

    @Test
    void aWorkersLogAppendsToTheLinesItsFileHolds(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(RequestsFile.NAME);
        RequestRecord r = RequestLogTest.shapes().getFirst();
        for (int run = 0; run < 2; run++) {
            try (RequestLog log = RequestLog.appendingTo(file)) {
                log.origin(0);
                log.append(RequestLogTest.LEVEL, run, r);
            }
        }
        assertThat(readAll(file)).extracting(RequestLine::index).containsExactly(0, 1);
    }
}
