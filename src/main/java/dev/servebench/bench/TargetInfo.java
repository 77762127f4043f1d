package dev.servebench.bench;

import dev.servebench.client.SafeUrl;

/**
 * What was benchmarked, for reports: a display name (e.g. "simulator" or the URL's host), the
 * base URL, and the model name sent. Never holds credentials: the URL's user information and query
 * values are masked here, once, so nothing that stores or shows a target can leak them.
 */
public record TargetInfo(String name, String url, String model) {
    public TargetInfo {
        url = SafeUrl.redact(url);
        name = name == null ? null : SafeUrl.redact(name);
    }
}
