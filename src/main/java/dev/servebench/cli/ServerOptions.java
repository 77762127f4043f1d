package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.client.ApiKey;
import dev.servebench.client.ApiKind;
import dev.servebench.client.EndpointConfig;
import dev.servebench.distributed.ClientSettings;
import dev.servebench.bench.TokenizerChoice;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The target-server flags of every command that talks to a server: where, which model, how. {@link EndpointOptions}
 * adds what counts prompt tokens, for the commands that build prompts of a length.
 */
class ServerOptions {
    @Option(names = "--url", paramLabel = "URL",
            description = "Base URL of the server, e.g. http://127.0.0.1:8000 (a trailing /v1 is fine). "
                    + "Default: the built-in target, started in this process.")
    URI url;

    @Option(names = "--model", paramLabel = "NAME", description = "The model name to send (required with --url).")
    String model;

    @Option(names = "--api", paramLabel = "chat|completions", defaultValue = "chat",
            description = "Endpoint: /v1/chat/completions (chat, default) or /v1/completions.")
    String api;

    @Option(names = "--no-stream", description = "Ask for whole responses instead of SSE (no TTFT/ITL then).")
    boolean noStream;

    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "Environment variable holding the API key (sent as Authorization: Bearer).")
    String apiKeyEnv;

    @Option(names = "--api-key-file", paramLabel = "FILE", description = "File whose first line is the API key.")
    Path apiKeyFile;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class, description = "TCP/TLS connect limit (default ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "300s", converter = DurationConverter.class,
            description = "Total limit per request, send to last byte (default ${DEFAULT-VALUE}).")
    Duration requestTimeout;

    @Option(names = "--insecure", description = "Accept any TLS certificate (self-signed test servers).")
    boolean insecure;

    @Option(names = "--idle-connection-timeout", paramLabel = "DURATION", defaultValue = "4s",
            converter = DurationConverter.class,
            description = {"Close a pooled keep-alive connection idle this long instead of reusing it (default "
                    + "${DEFAULT-VALUE}: below the 5 s after which llama.cpp and uvicorn close idle connections; "
                    + "a server's Keep-Alive: timeout=N shortens it). 0 opens a new connection per request."})
    Duration idleConnectionTimeout;



    /** Fails with a usage error when --url is given without --model. */
    void requireModelWithUrl() {
        if (url != null && (model == null || model.isBlank())) {
            throw new BadInputException("--model is required with --url (the name the server serves; "
                    + "see GET " + dev.servebench.client.SafeUrl.redact(url.toString()) + "/v1/models)");
        }
    }

    EndpointConfig endpoint(URI base, String modelName) {
        EndpointConfig endpoint = clientSettings().endpoint(base, modelName);
        return apiKey().map(endpoint::withApiKey).orElse(endpoint);
    }

    /** How the client talks to the server, wherever it is. */
    ClientSettings clientSettings() {
        ApiKind kind = switch (api.toLowerCase(Locale.ROOT)) {
            case "chat" -> ApiKind.CHAT;
            case "completions" -> ApiKind.COMPLETIONS;
            default -> throw new BadInputException("--api must be chat or completions, got '" + api + "'");
        };
        return new ClientSettings(kind, !noStream, connectTimeout, requestTimeout, insecure, idleConnectionTimeout,
                tokenizer());
    }

    /** What counts prompt tokens: auto here, where no prompt has a length to meet (eval's questions). */
    TokenizerChoice tokenizer() {
        return TokenizerChoice.AUTO;
    }

    /** How the client reaches any server of an experiment or a check: its settings and key. */
    dev.servebench.run.ClientAccess access() {
        return new dev.servebench.run.ClientAccess(clientSettings(), apiKey());
    }

    /** The key from --api-key-env or --api-key-file, if either is given. */
    Optional<ApiKey> apiKey() {
        if (apiKeyEnv != null && apiKeyFile != null) {
            throw new BadInputException("give either --api-key-env or --api-key-file, not both");
        }
        if (apiKeyEnv != null) {
            return Optional.of(ApiKey.fromEnvironment(apiKeyEnv));
        }
        return apiKeyFile == null ? Optional.empty() : Optional.of(ApiKey.fromFile(apiKeyFile));
    }
}
