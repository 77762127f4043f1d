package dev.servebench.cli;

import dev.servebench.run.ResultsFolders;
import dev.servebench.report.ReportFiles;
import dev.servebench.report.ReportModel;
import dev.servebench.report.ReportRun;
import dev.servebench.report.RunLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Writes a self-contained HTML report (and the study's tables) from one or more runs.",
        description = {
            "Reads each results folder's summary.json and requests.jsonl and writes ONE HTML file with",
            "everything inlined (charts, data, styles: it opens offline). Several runs of the same model",
            "and target are treated as repetitions (mean and 95 %% CI error bars); runs of different",
            "models or targets become one series each. With --tables, the study's tables are also",
            "written as Markdown (tables.md) and one CSV per table."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  servebench report results/20260301-101500-m                # writes ./report.html",
            "  servebench report results/run-a results/run-b --out compare.html --baseline llama-405b",
            "  servebench report results/r1 results/r2 results/r3 --tables tables/  # repeated runs",
            "  servebench report 20261123-005637-a916            # a run id from 'servebench runs list'",
            "  servebench report x20261123-002810-6099           # every run of an experiment"})
final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RUN",
            description = "Results folders (as written by bench --out), run ids or experiment ids from the "
                    + "results database (servebench runs list); an experiment stands for all its runs.")
    List<String> runs;

    @picocli.CommandLine.Mixin
    DbOptions db;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "report.html",
            description = "HTML file to write (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--tables", paramLabel = "DIR", description = "Also write tables.md and <table>.csv files here.")
    Path tables;

    @Option(names = "--title", paramLabel = "TEXT", description = "Report title (default: from the models).")
    String title;

    @Option(names = "--baseline", paramLabel = "MODEL",
            description = "Series the architecture comparison divides by (default: the first).")
    String baseline;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        List<ReportRun> loaded = resolveFolders().stream().map(f -> RunLoader.fromFolder(f,
                note -> spec.commandLine().getErr().println("servebench: " + note))).toList();
        ReportModel model = ReportModel.of(loaded);
        if (title != null) {
            model = model.withTitle(title);
        }
        if (baseline != null) {
            model = model.withBaseline(baseline);
        }
        ReportFiles.Written written = ReportFiles.write(model, out, tables);
        stdout.println("Report: " + written.html().toAbsolutePath());
        if (!written.tables().isEmpty()) {
            stdout.println("Tables: " + tables.toAbsolutePath().resolve(ReportFiles.MARKDOWN_FILE) + " and "
                    + (written.tables().size() - 1) + " CSV files");
        }
        return 0;
    }

    /** Folders as given; anything else is looked up as a run or experiment id in the results database. */
    private List<Path> resolveFolders() {
        List<Path> folders = new ArrayList<>();
        try (ResultsFolders recorded = new ResultsFolders(db::readingLocation)) {
            for (String run : runs) {
                Path folder = Path.of(run);
                folders.addAll(Files.isDirectory(folder) ? List.of(folder) : recorded.of(run));
            }
        }
        return folders;
    }
}
