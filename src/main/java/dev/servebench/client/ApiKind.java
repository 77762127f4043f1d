package dev.servebench.client;

/** Which OpenAI-compatible endpoint a request goes to. */
public enum ApiKind {
    CHAT("/v1/chat/completions"),
    COMPLETIONS("/v1/completions");

    private final String path;

    ApiKind(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}
