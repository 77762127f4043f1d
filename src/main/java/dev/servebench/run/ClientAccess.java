package dev.servebench.run;

import dev.servebench.client.ApiKey;
import dev.servebench.client.EndpointConfig;
import dev.servebench.distributed.ClientSettings;

import java.net.URI;
import java.util.Optional;

/**
 * How the client reaches any server of a run: the settings it talks with and the key it sends. An experiment
 * or an accuracy check builds each target's endpoint from it.
 */
public record ClientAccess(ClientSettings settings, Optional<ApiKey> apiKey) {
    /** The endpoint of the server at {@code base} serving {@code model}. */
    public EndpointConfig endpoint(URI base, String model) {
        EndpointConfig endpoint = settings.endpoint(base, model);
        return apiKey.map(endpoint::withApiKey).orElse(endpoint);
    }
}
