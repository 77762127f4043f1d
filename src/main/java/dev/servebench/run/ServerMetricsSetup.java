package dev.servebench.run;

import dev.servebench.bench.PromptCacheProbe;
import dev.servebench.client.EndpointConfig;
import dev.servebench.metrics.ServerMetricsRecorder;

import java.util.Optional;
import java.util.function.Consumer;

/** Where a run reads the server's own metrics, once the endpoint it talks to is known. */
public interface ServerMetricsSetup {
    /** The recorder of the server's metrics through the run, when asked for. */
    Optional<ServerMetricsRecorder> recorder(EndpointConfig endpoint, Consumer<String> warnings);

    /** The probe of the server's prompt-cache counters as each level starts and ends, asked for or not. */
    PromptCacheProbe promptCacheProbe(EndpointConfig endpoint, Consumer<String> say);
}
