package dev.servebench.client;

/** Why an exchange ended without a complete response. */
final class TransportException extends Exception {
    private final RequestOutcome outcome;

    TransportException(RequestOutcome outcome, String message, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
    }

    RequestOutcome outcome() {
        return outcome;
    }
}
