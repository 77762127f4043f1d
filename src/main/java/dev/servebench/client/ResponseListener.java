package dev.servebench.client;

/**
 * Receives one HTTP response as it arrives, on the connection's network thread: keep every
 * callback short and non-blocking.
 */
interface ResponseListener {
    void onStatus(int status, long nowNanos);

    /** A piece of the body; {@code bytes} is only valid during the call. */
    void onBody(byte[] bytes, int offset, int length, long nowNanos);
}
