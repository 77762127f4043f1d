package dev.servebench.cli;

import dev.servebench.bench.WorkloadFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The workload's flags and the workload file's keys are one set of settings, consolidated by one rule. */
class WorkloadOptionsTest {

    @Test
    void everyWorkloadFlagIsAKeyOfTheFileAndEveryKeyAFlag() {
        BenchCommand bench = new BenchCommand();
        CommandLine cli = new CommandLine(bench);
        Set<String> flagKeys = cli.getCommandSpec().mixins().get("workload").options().stream()
                .map(o -> o.longestName()).filter(n -> !n.equals("--workload"))
                .map(WorkloadOptions::fileKey).collect(Collectors.toCollection(TreeSet::new));
        Set<String> fileKeys = Arrays.stream(WorkloadFile.class.getRecordComponents())
                .map(c -> c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(flagKeys).isEqualTo(fileKeys);
    }

    @Test
    void flagsWinOverTheFileKeyByKeyAndTheFileFillsTheRest(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("w.yaml");
        Files.writeString(file, "input_tokens: 100\noutput_tokens: 50\nscaling: [2, 4]\nignore_eos: true\n");
        BenchCommand bench = new BenchCommand();
        new CommandLine(bench).parseArgs("--workload", file.toString(), "--output-tokens", "7", "--image-url",
                "http://a/1.png", "--image-url", "http://a/2.png");
        WorkloadFile consolidated = bench.workload.consolidated();
        assertThat(consolidated.inputTokens()).isEqualTo(100);
        assertThat(consolidated.outputTokens()).isEqualTo(7);
        assertThat(consolidated.scaling()).containsExactly(2, 4);
        assertThat(consolidated.ignoreEos()).isTrue();
        assertThat(consolidated.imageUrls()).containsExactly("http://a/1.png", "http://a/2.png");
        assertThat(consolidated.seed()).as("not given anywhere").isNull();
        var config = bench.workload.configBuilder().build();
        assertThat(config.mainWorkload().inputTokens()).isEqualTo(100);
        assertThat(config.mainWorkload().outputTokens()).isEqualTo(7);
    }

    @Test
    void noFlagsAndNoFileIsEveryDefault() {
        BenchCommand bench = new BenchCommand();
        new CommandLine(bench).parseArgs();
        assertThat(bench.workload.consolidated()).isEqualTo(WorkloadFile.none());
        assertThat(WorkloadFile.none().keys()).isEmpty();
        assertThat(WorkloadFile.none().with("seed", 9L).seed()).isEqualTo(9L);
    }
}
