package dev.servebench.bench;

/**
 * What was benchmarked, for reports: a display name (e.g. "simulator" or the URL's host), the
 * base URL, and the model name sent. Never holds credentials.
 */
public record TargetInfo(String name, String url, String model) {
}
