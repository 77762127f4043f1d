package dev.servebench.cli;

import dev.servebench.testing.EndToEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/find-jdk.sh's cache (issue #29): ./servebench remembers the JDK it found instead of starting a JVM per
 * candidate on every call, and probes again when the remembered one is gone or is no longer 21 or newer.
 * The candidates are fixed here (the real JDK running this test, and fakes) so that the machine's JDKs do not matter.
 */
@EndToEnd
class FindJdkScriptTest {
    private static final Path SCRIPT = Path.of("scripts/find-jdk.sh").toAbsolutePath();
    private static final String REAL = Path.of(System.getProperty("java.home")).toString();

    record Result(int exitCode, String javaHome, String err) {}

    /** A JDK folder whose java claims {@code probed} when run and whose release file says {@code released}. */
    private static Path fakeJdk(Path dir, int probed, String released) throws IOException {
        Files.createDirectories(dir.resolve("bin"));
        for (String tool : new String[] {"java", "javac"}) {
            Path p = Files.writeString(dir.resolve("bin").resolve(tool),
                    "#!/bin/sh\necho '    java.specification.version = " + probed + "' >&2\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(dir.resolve("release"), "JAVA_VERSION=\"" + released + "\"\n");
        return dir;
    }

    private static Result find(Path cache, String... candidates) throws Exception {
        String script = ". '" + SCRIPT + "'\n"
                + "servebench_jdk_candidates() { servebench_candidates=(" + String.join(" ", candidates) + "); }\n"
                + "if servebench_find_jdk_cached '" + cache + "'; then echo \"$JAVA_HOME\"; else exit 1; fi\n";
        Process p = new ProcessBuilder("bash", "-c", script).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        String err = new String(p.getErrorStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err);
    }

    private static void rememberAs(Path cache, Path jdk) throws IOException {
        java.util.List<String> lines = Files.readAllLines(cache);
        Files.writeString(cache, lines.getFirst() + "\n" + jdk + "\n");
    }

    @Test
    void theJdkFoundIsRememberedAndTrustedWhileItsReleaseSays21OrNewer(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("target/launcher-jdk");
        Path old = fakeJdk(dir.resolve("jdk-17"), 17, "17.0.9");
        Result first = find(cache, old.toString(), REAL);
        assertThat(first.exitCode()).isZero();
        assertThat(first.javaHome()).isEqualTo(REAL);
        assertThat(Files.readAllLines(cache)).last().isEqualTo(REAL);

        // A remembered folder is not run again: a fake whose java would say 17 but whose release says 21 is taken.
        Path trusted = fakeJdk(dir.resolve("jdk-trusted"), 17, "21.0.5");
        rememberAs(cache, trusted);
        assertThat(find(cache, old.toString(), REAL).javaHome()).isEqualTo(trusted.toString());

        // Other candidates than the ones it was chosen from (a new JDK installed, JAVA_HOME changed): probed again.
        assertThat(find(cache, REAL).javaHome()).isEqualTo(REAL);
    }

    @Test
    void aRememberedJdkThatIsGoneOrOlderThan21IsProbedAgain(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("launcher-jdk");
        assertThat(find(cache, REAL).exitCode()).isZero();

        rememberAs(cache, fakeJdk(dir.resolve("downgraded"), 17, "17.0.9"));
        assertThat(find(cache, REAL).javaHome()).isEqualTo(REAL);
        assertThat(Files.readAllLines(cache)).last().isEqualTo(REAL);

        rememberAs(cache, dir.resolve("removed"));
        assertThat(find(cache, REAL).javaHome()).isEqualTo(REAL);

        Path noRelease = fakeJdk(dir.resolve("no-release"), 17, "21");
        Files.delete(noRelease.resolve("release"));
        rememberAs(cache, noRelease);
        assertThat(find(cache, REAL).javaHome()).isEqualTo(REAL);
    }

    @Test
    void withoutAJdk21TheErrorIsTheSameAndAnUnwritableCacheOnlyCostsTime(@TempDir Path dir) throws Exception {
        Path old = fakeJdk(dir.resolve("jdk-17"), 17, "17.0.9");
        Result none = find(dir.resolve("launcher-jdk"), old.toString());
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("no JDK 21 or newer found");
        assertThat(dir.resolve("launcher-jdk")).doesNotExist();

        Result unwritable = find(Path.of("/proc/servebench-no-such-dir/launcher-jdk"), REAL);
        assertThat(unwritable.exitCode()).isZero();
        assertThat(unwritable.javaHome()).isEqualTo(REAL);
        assertThat(unwritable.err()).isEmpty();
    }
}
