package dev.servebench.cli;

import dev.servebench.testing.EndToEnd;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A results disk that stops taking writes mid-run (issue #28): a real limit, not a stub. The run goes in a child
 * process under {@code ulimit -f} (the kernel refuses every write past the file size with EFBIG, the JVM ignores
 * SIGXFSZ), so requests.jsonl fills up while summary.json still fits. It must end with exit 5 naming what was not
 * written, leave only whole lines and no .tmp file, mark the database record partial, and leave a folder that
 * report and runs import read.
 */
@EndToEnd
@EnabledOnOs(OS.LINUX)
class DiskFullTest {

    @Test
    void aFileThatCannotGrowEndsWithExit5AndAFolderThatReportAndImportRead(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        Path db = dir.resolve("runs.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // SQLite's driver unpacks its native library on start, which the limit would refuse: give it one unpacked
        // beforehand.
        Path lib = dir.resolve("libsqlitejdbc.so");
        try (var in = org.sqlite.SQLiteJDBCLoader.class.getResourceAsStream(
                "/org/sqlite/native/Linux/" + nativeArch() + "/libsqlitejdbc.so")) {
            Files.copy(in, lib);
        }
        // 256 KiB per file: the level's 2,000 lines need several times that; summary.json and the database fit.
        String command = "ulimit -f 256; exec '" + java + "' -Dorg.sqlite.lib.path='" + dir + "'"
                + " -Dorg.sqlite.lib.name=libsqlitejdbc.so -cp '" + System.getProperty("java.class.path")
                + "' dev.servebench.cli.Main predict --model llama-3.3-70b-instruct --gpu h100 --gpus 8 --phases scaling"
                + " --scaling 8 --requests 2000 --input-tokens 64 --output-tokens 32 --no-report --db '" + db
                + "' --out '" + out + "'";
        Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(output).isEqualTo(Main.EXIT_RESULTS_INCOMPLETE);
        assertThat(output).containsPattern("results folder incomplete: \\d+ request line\\(s\\) not written to .*"
                + "requests.jsonl: File too large; exit code 5");
        List<String> lines = Files.readAllLines(out.resolve("requests.jsonl"));
        assertThat(lines).isNotEmpty().hasSizeLessThan(2000);
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            assertThat(json.readTree(line).path("index").isInt()).as("a whole line").isTrue();
        }
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }

        CliRunner runs = CliRunner.run("runs", "list", "--db", db.toString());
        assertThat(runs.out()).as("the database does not call the run complete").contains("partial")
                .doesNotContain("complete");
        CliRunner report = CliRunner.run("report", out.toString(), "--out", dir.resolve("report.html").toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        CliRunner imported = CliRunner.run("runs", "import", out.toString(), "--db", dir.resolve("other.db").toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
    }

    @Test
    void aFolderThatRefusesWritesFromTheStartStopsTheRunBeforeAnythingIsMeasured(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // 8 KiB per file: too little for the folder's first write.
        String command = "ulimit -f 8; exec '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' dev.servebench.cli.Main predict --model llama-3.3-70b-instruct --gpu h100 --gpus 8 --phases"
                + " scaling --scaling 8 --requests 200 --no-report --no-db --out '" + out + "'";
        Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(output).isEqualTo(Main.EXIT_RESULTS_INCOMPLETE);
        assertThat(output).contains("cannot write to the results folder", "File too large", "give --out another folder",
                "nothing was measured").doesNotContain("SCALING c=8");
    }

    private static String nativeArch() {
        String arch = System.getProperty("os.arch");
        return arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch;
    }
}
