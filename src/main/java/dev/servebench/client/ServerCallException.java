package dev.servebench.client;

/**
 * A call outside the measured path (the server's {@code /tokenize}, {@code /v1/models}) could not be made or
 * was answered with something unusable. A failure of the world, not of the user's input nor of servebench;
 * the message names the URL or the status.
 */
public final class ServerCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServerCallException(String message) {
        super(message);
    }
}
