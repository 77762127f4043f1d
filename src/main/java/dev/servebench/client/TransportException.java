package dev.servebench.client;

/** Why an exchange ended without a complete response, and what connection it had. */
final class TransportException extends Exception {
    private final RequestOutcome outcome;
    private transient ConnectionUse connection = ConnectionUse.NOT_APPLICABLE;

    TransportException(RequestOutcome outcome, String message, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
    }

    RequestOutcome outcome() {
        return outcome;
    }

    ConnectionUse connection() {
        return connection;
    }

    TransportException withConnection(ConnectionUse use) {
        this.connection = use;
        return this;
    }
}
