package dev.servebench.metrics;

/** Where a run reads the server's own view from: its /metrics endpoint, or a Prometheus server that scrapes it. */
public sealed interface MetricsSource extends AutoCloseable permits ScrapedEndpoint, PrometheusQueries {
    /** Where, fit to show and store: no credentials. */
    String display();

    /**
     * The server's state now.
     *
     * @param elapsedMillis the time to stamp it with, from the run's start
     * @throws MetricsUnavailableException when there is nothing usable: unreachable, an HTTP error, a body that
     *                                     is not what it should be
     */
    ServerReading read(long elapsedMillis) throws MetricsUnavailableException;

    @Override
    void close();
}
