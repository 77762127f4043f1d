package dev.servebench.load;

/**
 * How a load run issued its requests, which says what a request costs the load generator besides its
 * socket: a thread of its own or not.
 */
public enum LoadEngine {
    /** A closed loop: one virtual thread per user, each sending its next request once its last one ended. */
    THREAD_PER_USER,
    /**
     * An open loop whose sender can only block (a conversation's turns): one virtual thread per request,
     * started at its arrival and waiting for its end.
     */
    THREAD_PER_REQUEST,
    /**
     * An open loop whose sender starts a request without blocking ({@link AsyncRequestSender}): one thread
     * issues every request and hands on the records, no thread per request ({@link AsyncOpenLoop}).
     */
    ONE_ISSUING_THREAD
}
