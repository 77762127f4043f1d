package dev.servebench.client;

import dev.servebench.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A bearer token for the target server. Its {@link #toString()} never reveals the value, so a key
 * that slips into a log line, an exception message or a serialized record stays secret.
 */
public final class ApiKey {
    private final String value;

    private ApiKey(String value) {
        this.value = Objects.requireNonNull(value);
    }

    /** Reads the key from the named environment variable; throws if it is unset or blank. */
    public static ApiKey fromEnvironment(String variable) {
        String v = System.getenv(variable);
        if (v == null || v.isBlank()) {
            throw new BadInputException("environment variable " + variable
                    + " is not set or empty; export it or use --api-key-file");
        }
        return new ApiKey(v.strip());
    }

    /** Reads the key from the first line of a file (trailing newline ignored). */
    public static ApiKey fromFile(Path file) {
        try {
            String v = Files.readString(file).strip();
            if (v.isEmpty()) {
                throw new BadInputException("API key file " + file + " is empty");
            }
            return new ApiKey(v);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadInputException("API key file " + file + " does not exist; give the file holding the "
                    + "key, or --api-key-env VAR");
        } catch (IOException e) {
            throw new BadInputException("cannot read API key file " + file + " (" + e.getClass().getSimpleName()
                    + "); check its permissions");
        }
    }

    public static ApiKey of(String value) {
        return new ApiKey(value);
    }

    /**
     * The key itself, to hand on to a place made for secrets and nothing else: a load worker's environment,
     * a Kubernetes Secret. Never for a command line, a log, a result or a Job spec.
     */
    public String revealForSecretStore() {
        return value;
    }

    /** The key itself, to scrub from what a server echoes back; only the HTTP layer should call this. */
    String secret() {
        return value;
    }

    /** The header value; only the HTTP layer should call this. */
    String authorizationHeader() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "ApiKey[redacted]";
    }
}
