package dev.servebench.client;

/** Where a request's token counts came from. */
public enum TokenSource {
    /** The server's {@code usage} block. */
    USAGE,
    /** Estimated from text length because the server sent no usage. */
    ESTIMATED,
    /**
     * Estimated from text length because the server's usage block could not be read: it came, but its
     * completion_tokens was missing or not a whole number.
     */
    USAGE_UNREADABLE
}
