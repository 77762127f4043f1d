package dev.servebench.client;

import java.util.Objects;

/** One earlier message of a conversation, sent again with each later turn (the API is stateless). */
public record ChatMessage(Role role, String content) {
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    /** Who said it; the wire names are the OpenAI chat API's. */
    public enum Role {
        USER("user"), ASSISTANT("assistant");

        private final String wireName;

        Role(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
