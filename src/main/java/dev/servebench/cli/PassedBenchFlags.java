package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.store.DatabaseLocation;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code bench} flags {@code predict} passes through, parsed by {@code bench} itself so that the two commands can
 * never drift apart; only what a prediction reads of them is exposed.
 */
final class PassedBenchFlags {
    /** The bench flags that still mean something with --study, which sets the workload of every row. */
    private static final Set<String> STUDY_BENCH_FLAGS = Set.of("--phases", "--out", "--db", "--no-db", "--no-report",
            "--quiet");

    private final BenchCommand bench;
    private final CommandLine.ParseResult parse;

    private PassedBenchFlags(BenchCommand bench, CommandLine.ParseResult parse) {
        this.bench = bench;
        this.parse = parse;
    }

    /** Parses {@code flags}; a URL is refused, as predict has no server to measure. */
    static PassedBenchFlags parse(List<String> flags) {
        BenchCommand bench = new BenchCommand();
        PassedBenchFlags passed = new PassedBenchFlags(bench,
                new CommandLine(bench).parseArgs(flags.toArray(String[]::new)));
        if (bench.target.url != null) {
            throw new BadInputException("predict simulates the deployment; to measure a server use 'bench --url'");
        }
        return passed;
    }

    /** The workload the flags (and a workload file) describe. */
    BenchmarkConfig workload() {
        return bench.workload.configBuilder().build();
    }

    /** With --study, the study sets the workload of each row: a workload flag would silently do nothing. */
    void requireOnlyStudyFlags() {
        List<String> workloadFlags = parse.matchedOptions().stream().map(o -> o.longestName())
                .filter(n -> !STUDY_BENCH_FLAGS.contains(n)).distinct().toList();
        if (!workloadFlags.isEmpty()) {
            throw new BadInputException("--study sets the workload of each study row; drop "
                    + String.join(", ", workloadFlags) + " (or drop --study to predict a workload of your own)");
        }
    }

    Duration requestTimeout() {
        return bench.target.requestTimeout;
    }

    Optional<Path> out() {
        return Optional.ofNullable(bench.out);
    }

    Optional<DatabaseLocation> database() {
        return bench.db.location();
    }

    boolean writeReport() {
        return !bench.report.noReport;
    }
}
