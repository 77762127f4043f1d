package dev.servebench.client;

import dev.servebench.BadInputException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exact bytes each kind of request sends (member order included: some servers log bodies as sent). */
class RequestBodiesTest {
    private static String body(ApiKind api, boolean stream, CompletionRequest request) {
        return new String(RequestBodies.build("m", api, stream, request), StandardCharsets.UTF_8);
    }

    @Test
    void aStreamedChatRequest() {
        assertThat(body(ApiKind.CHAT, true, CompletionRequest.text("hi \"you\" é", 16, true))).isEqualTo(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi \\\"you\\\" é\"}],"
                        + "\"max_completion_tokens\":16,\"max_tokens\":16,\"temperature\":0.0,\"stream\":true,"
                        + "\"stream_options\":{\"include_usage\":true},\"ignore_eos\":true}");
    }

    @Test
    void aConversationTurnWithASeedNotStreamed() {
        CompletionRequest turn = CompletionRequest.text("and then?", 8, false).withSeed(7)
                .after(List.of(new ChatMessage(ChatMessage.Role.USER, "hello"),
                        new ChatMessage(ChatMessage.Role.ASSISTANT, "hi")));
        assertThat(body(ApiKind.CHAT, false, turn)).isEqualTo(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"},"
                        + "{\"role\":\"assistant\",\"content\":\"hi\"},{\"role\":\"user\",\"content\":\"and then?\"}],"
                        + "\"max_completion_tokens\":8,\"max_tokens\":8,\"temperature\":0.0,\"seed\":7,\"stream\":false}");
    }

    @Test
    void imagesGoAfterTheTextAsParts() {
        CompletionRequest request = new CompletionRequest("what is it", List.of("data:image/png;base64,AA=="), 4,
                false, 0.5);
        assertThat(body(ApiKind.CHAT, true, request)).isEqualTo(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is it\"},"
                        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AA==\"}}]}],"
                        + "\"max_completion_tokens\":4,\"max_tokens\":4,\"temperature\":0.5,\"stream\":true,"
                        + "\"stream_options\":{\"include_usage\":true}}");
    }

    @Test
    void theCompletionsApiRunsAConversationTogether() {
        CompletionRequest turn = CompletionRequest.text("next", 2, false)
                .after(List.of(new ChatMessage(ChatMessage.Role.USER, "a"), new ChatMessage(ChatMessage.Role.ASSISTANT, "b")));
        assertThat(body(ApiKind.COMPLETIONS, true, turn)).isEqualTo(
                "{\"model\":\"m\",\"prompt\":\"a\\n\\nb\\n\\nnext\",\"max_tokens\":2,\"temperature\":0.0,\"stream\":true,"
                        + "\"stream_options\":{\"include_usage\":true}}");
        assertThatThrownBy(() -> RequestBodies.build("m", ApiKind.COMPLETIONS, true,
                new CompletionRequest("x", List.of("http://i"), 2, false, 0.0)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("images need the chat API");
    }
}
