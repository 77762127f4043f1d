package dev.servebench.client;

/** How one request ended: {@link #OK} or the class of its failure. */
public enum RequestOutcome {
    /** HTTP 200, well-formed response, and the expected length when it was forced. */
    OK,
    /** The total per-request timeout expired. */
    TIMEOUT,
    /** No connection could be made. */
    CONNECT,
    /**
     * The client itself ran out of a resource (open files: "Too many open files"): the request
     * never reached the server, and the level measured the client, not the server.
     */
    CLIENT_LIMIT,
    /** The connection closed or reset before the response was complete. */
    RESET,
    /**
     * The stream ended cleanly at the HTTP level but without {@code finish_reason} or {@code [DONE]}:
     * the server cut the answer short (a crash behind a proxy, a worker killed), not the network.
     */
    TRUNCATED,
    /** The server answered 4xx (or reported a 4xx error inside the stream). */
    HTTP_4XX,
    /** The server answered 5xx (or reported an error inside the stream). */
    HTTP_5XX,
    /** The body was not the JSON or SSE an OpenAI-compatible server sends. */
    MALFORMED,
    /** Well-formed, but fewer completion tokens than were forced, or none at all. */
    SHORT,
    /**
     * The server kept answering past the {@code max_tokens} asked for (with a margin), or sent more bytes than such
     * an answer can take: the client stopped reading and closed the connection, so one request cannot grow without
     * bound. Its counts enter no figure.
     */
    OVERLONG,
    /**
     * The usage block claims impossible token counts (more completion tokens than {@code max_tokens} allowed, or a
     * negative count): the record keeps the client's own estimate, and the claim only in its detail.
     */
    BAD_USAGE,
    /**
     * Still in flight when the run was interrupted and its grace period ended: not the server's
     * failure, so it is left out of the success rate (but listed, and in requests.jsonl).
     */
    CANCELLED;

    public boolean isFailure() {
        return this != OK;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
