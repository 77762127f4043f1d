package dev.servebench.client;

import dev.servebench.BadInputException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestHeadTest {
    private static String encode(RequestHead head, String body) {
        ByteBuf buf = head.encode(UnpooledByteBufAllocator.DEFAULT, body.getBytes(StandardCharsets.UTF_8));
        try {
            return buf.toString(StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
    }

    @Test
    void aPostCarriesItsHeadersAndTheLengthOfEachBody() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Authorization", "Bearer k\tx");
        RequestHead head = RequestHead.of("POST", "/v1/chat/completions", "127.0.0.1:8000", headers, true);
        assertThat(encode(head, "{\"a\":\"é\"}")).isEqualTo("POST /v1/chat/completions HTTP/1.1\r\n"
                + "host: 127.0.0.1:8000\r\nconnection: keep-alive\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer k\tx\r\ncontent-length: 10\r\n\r\n{\"a\":\"é\"}");
        assertThat(encode(head, "x".repeat(12345))).contains("content-length: 12345\r\n\r\nxxx");
        assertThat(encode(head, "")).endsWith("content-length: 0\r\n\r\n");
    }

    @Test
    void aGetHasNoLength() {
        RequestHead head = RequestHead.of("GET", "/v1/models", "h", Map.of(), false);
        assertThat(encode(head, "")).isEqualTo("GET /v1/models HTTP/1.1\r\nhost: h\r\nconnection: keep-alive\r\n\r\n");
    }

    @Test
    void aValueOrNameThatWouldSplitTheRequestIsRefusedWithoutShowingTheValue() {
        assertThatThrownBy(() -> RequestHead.of("POST", "/p", "h", Map.of("Authorization", "Bearer sk-1\r\nX: y"), true))
                .isInstanceOf(BadInputException.class).hasMessageContaining("Authorization")
                .hasMessageNotContaining("sk-1");
        assertThatThrownBy(() -> RequestHead.of("POST", "/p", "h", Map.of("Bad Name", "v"), true))
                .isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> RequestHead.of("POST", "/p q", "h", Map.of(), true))
                .isInstanceOf(BadInputException.class).hasMessageContaining("percent-encode");
    }
}
