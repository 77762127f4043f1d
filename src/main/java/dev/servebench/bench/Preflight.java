package dev.servebench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servebench.client.CompletionRequest;
import dev.servebench.client.OpenAiClient;
import dev.servebench.client.RequestOutcome;
import dev.servebench.client.RequestRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * One short request before the benchmark: if the target cannot answer it (connection refused, TLS
 * mismatch, HTTP 401, an unknown model), nothing after it could be measured, so the run stops here
 * with the cause. A 404 also asks {@code /v1/models}, to name the models the server does serve.
 */
public final class Preflight {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Preflight() {
    }

    /** A one-off 503 or reset (a server warming up, a proxy) should not end a run: try this often. */
    static final int ATTEMPTS = 3;

    /** Throws {@link TargetUnavailableException} with the cause in one line when the target cannot answer. */
    public static void check(OpenAiClient client) {
        RequestRecord r = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            r = client.send(CompletionRequest.text("Say hello.", 1, false), System.nanoTime());
            if (r.outcome() == RequestOutcome.OK || r.outcome() == RequestOutcome.SHORT) {
                return; // a whole answer (even a short one) shows the endpoint, model and key work
            }
            if (!worthRetrying(r.outcome())) {
                break;
            }
        }
        String where = client.endpoint().displayUrl();
        String model = client.endpoint().model();
        String detail = r.errorDetail() == null ? r.outcome().label() : r.errorDetail();
        throw new TargetUnavailableException(switch (r.outcome()) {
            case CONNECT -> "cannot connect to " + where + ": " + detail;
            case TIMEOUT -> where + (r.httpStatus() == 200 ? " started an answer (HTTP 200) but did not finish a "
                    + "one-token request within " : " did not answer a one-token request within ")
                    + client.endpoint().requestTimeout().toSeconds() + " s (raise --timeout if it is loading)";
            case OVERLONG -> where + " ignores max_tokens: " + detail + "; servebench cannot control answer lengths "
                    + "there (check --api and the server's options)";
            case BAD_USAGE -> where + " reports token counts no answer can have (" + detail + "): its usage block "
                    + "cannot be trusted";
            case RESET -> where + " closed the connection without answering: " + detail
                    + " (is it an HTTP server? for TLS use https://)";
            case MALFORMED -> where + " answered, but " + (detail.startsWith("not an OpenAI") ? detail
                    : "not as an OpenAI-compatible server: " + detail) + " (check --url and --api)";
            case HTTP_4XX -> refusal(client, r.httpStatus(), detail, where, model);
            default -> "the first request to " + where + " failed: " + detail;
        });
    }

    /** Failures a healthy server can produce once; refused connections, timeouts and 4xx are not. */
    private static boolean worthRetrying(RequestOutcome outcome) {
        return outcome == RequestOutcome.HTTP_5XX || outcome == RequestOutcome.RESET
                || outcome == RequestOutcome.TRUNCATED || outcome == RequestOutcome.MALFORMED;
    }

    private static String refusal(OpenAiClient client, int status, String detail, String where, String model) {
        if (status == 401 || status == 403) {
            return where + " refused the request (" + detail + "): check the key given with --api-key-env or "
                    + "--api-key-file";
        }
        if (status == 404) {
            List<String> served = servedModels(client);
            return where + " answered " + detail + (served.isEmpty()
                    ? "; check --url (without /v1/chat/completions) and --model"
                    : "; model '" + model + "' is not among those served (" + String.join(", ", served)
                    + "): give one with --model");
        }
        return where + " refused the first request (" + detail + ")";
    }

    private static List<String> servedModels(OpenAiClient client) {
        List<String> ids = new ArrayList<>();
        try {
            OpenAiClient.JsonAnswer answer = client.getJson("/v1/models");
            if (answer.status() == 200) {
                for (JsonNode m : JSON.readTree(answer.body()).path("data")) {
                    if (m.path("id").isTextual()) {
                        ids.add(m.path("id").asText());
                    }
                }
            }
        } catch (RuntimeException | java.io.IOException e) {
            // Only a hint: without the list the message still names the status.
        }
        return ids;
    }
}
