package dev.servebench.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.json.Json;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a report in Debian's headless Chromium: {@code --dump-dom} of {@code report.html#selfcheck}
 * (the page writes its own check results into {@code <pre id="selfcheck">}) and {@code --screenshot}.
 * Absent Chromium skips the calling test outside CI and fails it in CI, where .ci/run installs it.
 */
public final class HeadlessChromium {
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Pattern SELFCHECK = Pattern.compile("<pre id=\"selfcheck\"[^>]*>(.*?)</pre>", Pattern.DOTALL);
    private static final long LIMIT_SECONDS = 120;

    private HeadlessChromium() {
    }

    /** Call first in a browser test. */
    public static void require() {
        boolean present = Files.isExecutable(BINARY);
        if (!present && System.getenv("CI") != null) {
            throw new AssertionError("CI is set but " + BINARY + " is missing; .ci/run installs Debian's chromium");
        }
        Assumptions.assumeTrue(present, "SKIPPED: " + BINARY + " not installed (apt-get install chromium); "
                + "the report browser tests need it");
    }

    /** What the browser made of a report: the serialized DOM after load and the page's self-check. */
    public record PageCheck(String dom, JsonNode selfCheck, long wallMillis) {
    }

    public static PageCheck open(Path html, Path scratch) throws IOException, InterruptedException {
        return open(html, scratch, 0, 0);
    }

    /** As {@link #open(Path, Path)} in a window of this size (0: Chromium's default), for the page's layout check. */
    public static PageCheck open(Path html, Path scratch, int width, int height) throws IOException, InterruptedException {
        long started = System.nanoTime();
        List<String> args = new ArrayList<>();
        if (width > 0) {
            args.add("--window-size=" + width + "," + height);
        }
        args.addAll(List.of("--dump-dom", html.toUri() + "#selfcheck"));
        String dom = run(scratch, "dom", args.toArray(String[]::new));
        long wall = (System.nanoTime() - started) / 1_000_000;
        Matcher m = SELFCHECK.matcher(dom);
        if (!m.find() || m.group(1).isBlank()) {
            throw new AssertionError("the page wrote no self-check (its script did not finish):\n"
                    + dom.substring(0, Math.min(dom.length(), 2000)));
        }
        String json = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&nbsp;", "\u00a0").replace("&amp;", "&");
        return new PageCheck(dom, Json.mapper().readTree(json), wall);
    }

    public static Path screenshot(Path html, Path png, int width, int height, Path scratch)
            throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        run(scratch, "shot", "--hide-scrollbars", "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath(), html.toUri().toString());
        if (!Files.isRegularFile(png) || Files.size(png) == 0) {
            throw new AssertionError("chromium wrote no screenshot to " + png);
        }
        return png;
    }

    private static String run(Path scratch, String name, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(scratch, "chromium-profile-");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--virtual-time-budget=10000"));
        command.addAll(List.of(args));
        Path stdout = scratch.resolve(name + ".out");
        Path stderr = scratch.resolve(name + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in " + LIMIT_SECONDS + " s: " + Files.readString(stderr));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("chromium exited " + p.exitValue() + ": " + Files.readString(stderr));
        }
        return Files.readString(stdout);
    }
}
