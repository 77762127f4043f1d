package dev.servebench.client;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A URL as it may be shown or stored: user information ({@code user:pass@}) and query values
 * ({@code ?key=…}) replaced by {@code ***}, because people put API keys in both and the results
 * folder, the database and the report are shared. Query names stay, so the display still says
 * which parameter carried a secret.
 */
public final class SafeUrl {
    public static final String MASK = "***";

    private SafeUrl() {
    }

    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // Not a URL we can take apart: keep only what precedes any '@' or '?' could hide.
            return url.replaceAll("//[^/@]*@", "//" + MASK + "@").replaceAll("\\?.*$", "?" + MASK);
        }
        if (uri.getRawUserInfo() == null && uri.getRawQuery() == null) {
            return url;
        }
        StringBuilder sb = new StringBuilder();
        if (uri.getScheme() != null) {
            sb.append(uri.getScheme()).append("://");
        }
        if (uri.getRawUserInfo() != null) {
            sb.append(MASK).append('@');
        }
        if (uri.getHost() != null) {
            sb.append(uri.getHost());
        }
        if (uri.getPort() > 0) {
            sb.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            sb.append(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            sb.append('?').append(redactQuery(uri.getRawQuery()));
        }
        return sb.toString();
    }

    static String redactQuery(String rawQuery) {
        StringBuilder sb = new StringBuilder();
        for (String pair : rawQuery.split("&")) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            int eq = pair.indexOf('=');
            sb.append(eq < 0 ? MASK : pair.substring(0, eq + 1) + MASK);
        }
        return sb.toString();
    }
}
