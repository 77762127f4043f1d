package dev.servebench.results;

/** Which client produced a result: for telling results apart and for reproducing them. */
public record ToolInfo(String name, String version, String javaVersion, String os, String host, int cpus) {
    public static ToolInfo current() {
        String version = ToolInfo.class.getPackage().getImplementationVersion();
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown";
        }
        return new ToolInfo("servebench", version == null ? "dev" : version,
                System.getProperty("java.vendor") + " " + Runtime.version(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), host,
                Runtime.getRuntime().availableProcessors());
    }
}
