package dev.servebench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test layers (issue #29): a test class that leaves the JVM is tagged {@code @EndToEnd}, so it runs in the
 * end-to-end execution and a developer's quick {@code -DexcludedGroups=e2e} run stays fast. Read from the sources:
 * a class that starts a process, the browser, a database server, the real llama-server or local load workers must
 * carry the tag; one that carries it must do one of these.
 */
class TestLayersTest {
    /** What leaves the JVM, as the test sources spell it. */
    private static final Pattern LEAVES_THE_JVM = Pattern.compile("ProcessBuilder|SimProcess|SignalledChild"
            + "|InterruptedChild|HeadlessChromium|LlamaServer[.\\s]|TestDatabases|\"--workers\", \"\\d"
            + "|\"bash\"|java\\.home");

    @Test
    void everyTestThatLeavesTheJvmIsTaggedEndToEndAndNoOtherIs() throws IOException {
        List<String> untagged = new ArrayList<>();
        List<String> needlesslyTagged = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("Test.java")).toList()) {
                String source = Files.readString(file);
                boolean leaves = LEAVES_THE_JVM.matcher(source).find();
                boolean tagged = source.contains("@EndToEnd");
                if (leaves && !tagged) {
                    untagged.add(file.getFileName().toString());
                } else if (tagged && !leaves) {
                    needlesslyTagged.add(file.getFileName().toString());
                }
            }
        }
        assertThat(untagged).as("test classes that leave the JVM without @EndToEnd").isEmpty();
        assertThat(needlesslyTagged).as("@EndToEnd test classes that stay in the JVM").isEmpty();
    }
}
