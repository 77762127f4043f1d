package dev.servebench.distributed;

import dev.servebench.bench.TokenizerChoice;
import dev.servebench.client.ApiKind;
import dev.servebench.client.EndpointConfig;

import java.net.URI;
import java.time.Duration;

/**
 * How the coordinator's client talks to the server, for its workers to talk to it the same way: the API, streaming,
 * the limits and what counts prompt tokens. Not where (a worker is told the URL as it reaches the server) and never
 * the key (a worker reads it from its own environment).
 */
public record ClientSettings(ApiKind api, boolean stream, Duration connectTimeout, Duration requestTimeout,
                             boolean insecureTls, Duration idleConnectionTimeout, TokenizerChoice tokenizer) {

    /** The settings of {@code endpoint}, with {@code tokenizer}. */
    public static ClientSettings of(EndpointConfig endpoint, TokenizerChoice tokenizer) {
        return new ClientSettings(endpoint.api(), endpoint.stream(), endpoint.connectTimeout(),
                endpoint.requestTimeout(), endpoint.insecureTls(), endpoint.idleConnectionTimeout(), tokenizer);
    }

    /** A plain endpoint's settings: chat, streamed, the default limits, tokens counted as auto decides. */
    public static ClientSettings defaults() {
        return of(EndpointConfig.of(URI.create("http://127.0.0.1:1"), "m"), TokenizerChoice.AUTO);
    }

    /** The endpoint at {@code url} serving {@code model}, talked to as these settings say (without a key). */
    public EndpointConfig endpoint(URI url, String model) {
        return EndpointConfig.of(url, model).withApi(api).withStream(stream)
                .withTimeouts(connectTimeout, requestTimeout).withInsecureTls(insecureTls)
                .withIdleConnectionTimeout(idleConnectionTimeout);
    }
}
