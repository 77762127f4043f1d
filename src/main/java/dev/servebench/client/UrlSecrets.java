package dev.servebench.client;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * What a user may put in a base URL that must never be shown: {@code user:pass@} (sent as HTTP
 * Basic authorization) and a query such as {@code ?key=…} (sent with every request). Its
 * {@link #toString()} reveals neither.
 *
 * @param rawUserInfo the URL's user information as written, or null
 * @param rawQuery    the URL's query as written, or null
 */
public record UrlSecrets(String rawUserInfo, String rawQuery) {
    public static final UrlSecrets NONE = new UrlSecrets(null, null);

    static UrlSecrets of(URI url) {
        return new UrlSecrets(url.getRawUserInfo(), url.getRawQuery());
    }

    public boolean isEmpty() {
        return rawUserInfo == null && rawQuery == null;
    }

    /** {@code url} without user information, query, fragment or a trailing {@code /v1}. */
    static URI strip(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        if (path.endsWith("/v1/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith("/v1")) {
            path = path.substring(0, path.length() - 3);
        }
        return URI.create(url.getScheme() + "://" + url.getRawAuthority().replaceFirst("^.*@", "") + path);
    }

    /** The URL as the user wrote it (for masking, never for sending). */
    String reattach(URI stripped) {
        String s = stripped.toString();
        if (rawUserInfo != null) {
            s = s.replaceFirst("://", "://" + rawUserInfo + "@");
        }
        return rawQuery == null ? s : s + "?" + rawQuery;
    }

    /** Appends the query to a request path. */
    String onPath(String path) {
        return rawQuery == null ? path : path + (path.contains("?") ? "&" : "?") + rawQuery;
    }

    /** {@code Basic …} for the user information, if any. */
    Optional<String> basicAuthorization() {
        if (rawUserInfo == null) {
            return Optional.empty();
        }
        String decoded = URLDecoder.decode(rawUserInfo, StandardCharsets.UTF_8);
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(decoded.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Every secret text a server might echo back, longest forms first so that a whole form is masked
     * before any part of it: the Basic header value and its base64 (what a server that quotes its
     * Authorization header shows), {@code user:password} decoded and as written, the password at any
     * length (like a Bearer key, it is the secret: an error text with a short word masked is a better
     * loss than a leaked password), the user when it is long enough not to mask ordinary words, and
     * each query value.
     */
    List<String> texts() {
        List<String> out = new ArrayList<>();
        if (rawUserInfo != null) {
            String header = basicAuthorization().orElseThrow();
            out.add(header);
            out.add(header.substring("Basic ".length()));
            String decoded = URLDecoder.decode(rawUserInfo, StandardCharsets.UTF_8);
            out.add(decoded);
            out.add(rawUserInfo);
            String[] parts = decoded.split(":", 2);
            if (parts.length == 2 && !parts[1].isEmpty()) {
                out.add(parts[1]);
            }
            if (parts[0].length() >= 4) {
                out.add(parts[0]);
            }
        }
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String value = URLDecoder.decode(eq < 0 ? pair : pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (value.length() >= 4) {
                    out.add(value);
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return isEmpty() ? "UrlSecrets[none]" : "UrlSecrets[redacted]";
    }
}
