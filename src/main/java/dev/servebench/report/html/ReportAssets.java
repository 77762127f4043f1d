package dev.servebench.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The files a report inlines: Apache ECharts from its WebJar, and the report's own page, style
 * and script from this package's resources.
 */
final class ReportAssets {
    /** Must equal {@code echarts.version} in pom.xml. */
    static final String ECHARTS_VERSION = "5.5.0";
    private static final String ECHARTS = "META-INF/resources/webjars/echarts/" + ECHARTS_VERSION + "/echarts.min.js";

    private ReportAssets() {
    }

    static String echarts() {
        String js = read(ECHARTS);
        // Inlined scripts end at the first "</script"; a library build containing one would break the page.
        if (js.toLowerCase(java.util.Locale.ROOT).contains("</script")) {
            throw new IllegalStateException(ECHARTS + " contains </script and cannot be inlined");
        }
        return js;
    }

    static String template() {
        return read("dev/servebench/report/html/report.html");
    }

    /** Every page shares the DOM helpers and layout self-check of page.js, read first. */
    static String evalScript() {
        return read("dev/servebench/report/html/page.js") + read("dev/servebench/report/html/eval.js");
    }

    static String planScript() {
        return read("dev/servebench/report/html/page.js") + read("dev/servebench/report/html/plan.js");
    }

    static String style() {
        return read("dev/servebench/report/html/report.css");
    }

    static String script() {
        return read("dev/servebench/report/html/page.js") + read("dev/servebench/report/html/report.js");
    }

    private static String read(String resource) {
        ClassLoader loader = ReportAssets.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " (is the echarts WebJar on the "
                        + "classpath?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }
}
