package dev.servebench.experiment;

import dev.servebench.BadInputException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Waits until a restarted server answers {@code GET url} with 200 (vLLM's and llama.cpp's
 * {@code /health}, or {@code /v1/models}), polling until a deadline.
 */
public record ReadinessProbe(URI url, Duration timeout, Duration pollInterval) {

    public ReadinessProbe {
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new BadInputException("--ready-url must be an http(s) URL, got '" + url + "'");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new BadInputException("--ready-timeout must be positive");
        }
    }

    public static ReadinessProbe of(URI url, Duration timeout) {
        return new ReadinessProbe(url, timeout, Duration.ofMillis(200));
    }

    /** Returns once the server answered 200; throws with the last thing seen if the deadline passes. */
    public void await() {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            while (true) {
                try {
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                            .GET().build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return;
                    }
                    last = "HTTP " + response.statusCode();
                } catch (IOException e) {
                    last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                }
                if (System.nanoTime() >= deadline) {
                    throw new ExperimentException("server not ready: GET " + url + " did not answer 200 within "
                            + ShellCommand.seconds(timeout) + " (last: " + last + ")");
                }
                // Polling a server that is still starting: the pause is the poll rate, not synchronisation.
                Thread.sleep(pollInterval);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExperimentException("interrupted while waiting for " + url, e);
        }
    }
}
