package dev.servebench.client;

/**
 * Receives one HTTP response as it arrives, on the connection's network thread: keep every
 * callback short and non-blocking.
 */
interface ResponseListener {
    void onStatus(int status, long nowNanos);

    /** The final response's Content-Type and Content-Encoding (null when absent), before its body. */
    default void onHeaders(String contentType, String contentEncoding) {
    }

    /**
     * Asked after each piece of the body: why the answer has already grown past anything the request could need, so
     * that the transport stops reading and closes the connection ({@link RequestOutcome#OVERLONG}); null to go on.
     */
    default String overlong() {
        return null;
    }

    /** A piece of the body; {@code bytes} is only valid during the call. */
    void onBody(byte[] bytes, int offset, int length, long nowNanos);
}
