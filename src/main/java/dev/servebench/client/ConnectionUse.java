package dev.servebench.client;

/**
 * How one request got its connection: a new one (and how long connecting took, TLS included) or
 * one reused from the keep-alive pool, and how many times it was retried on a fresh connection
 * because a reused one had been closed by the server before any response byte arrived.
 *
 * @param reused       the final attempt ran on a pooled connection
 * @param connectNanos TCP connect plus TLS handshake of the final attempt's connection; 0 when reused
 * @param retries      0, or 1 when the first attempt met a connection the server had already closed
 */
public record ConnectionUse(boolean reused, long connectNanos, int retries) {
    /** For records that did not come over HTTP (the virtual-time simulator) or before any connection. */
    public static final ConnectionUse NOT_APPLICABLE = new ConnectionUse(false, 0, 0);
    /** The usual case under load: a pooled connection, first try (one instance for all of them). */
    public static final ConnectionUse REUSED = new ConnectionUse(true, 0, 0);

    public ConnectionUse {
        if (connectNanos < 0 || retries < 0) {
            throw new IllegalArgumentException("connectNanos and retries must be >= 0");
        }
    }
}
