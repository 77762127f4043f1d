package dev.servebench.cli;

import dev.servebench.export.ExportFormat;
import dev.servebench.run.RunsExport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        header = "One run as JSON, CSV (per level or per request), vLLM's result JSON or Parquet.",
        description = {
            "Formats:",
            "  json       the whole run: target, environment, config, every level's metrics (default).",
            "  csv        one row per level; with --requests one row per request from the run's",
            "             requests.jsonl (times in seconds since the benchmark started, TTFT/TPOT in ms,",
            "             itl_ms as space-separated gaps), in the order requests ended.",
            "  vllm-json  the result JSON of vLLM's benchmark_serving.py --save-result, one document per",
            "             level: its keys and units (ttfts and itls in seconds, *_ms statistics in ms),",
            "             computed from requests.jsonl with its definitions (failed requests out of the",
            "             figures, TPOT without the first token). generated_texts are empty strings:",
            "             servebench keeps no text. With --out DIR one file per level",
            "             (NN-phase-level.json); without it JSON lines on stdout, one level per line.",
            "             Without requests.jsonl the lists are empty and the figures are the stored ones.",
            "  parquet    the requests as a Parquet file (typed columns, as csv --requests; itl_ms a",
            "             list of doubles); needs --out FILE.",
            "Output goes to stdout unless --out is given; --out prints the files written."},
        footerHeading = "%nExamples:%n",
        footer = {"  servebench runs export 20261123-011452-6415 --format csv > run.csv",
            "  servebench runs export 20261123-011452-6415 --format json | jq '.levels[0]'",
            "  servebench runs export 20261123-011452-6415 --format csv --requests > requests.csv",
            "  servebench runs export 20261123-011452-6415 --format vllm-json --out vllm-results/",
            "  servebench runs export 20261123-011452-6415 --format vllm-json | jq -c '{servebench_level, mean_ttft_ms}'",
            "  servebench runs export 20261123-011452-6415 --format parquet --out requests.parquet",
            "  duckdb -c \"SELECT level, avg(ttft_ms) FROM 'requests.parquet' WHERE outcome = 'ok' GROUP BY level\""})
final class RunsExportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "Run id or unique prefix.")
    String id;

    @Option(names = "--format", paramLabel = "json|csv|vllm-json|parquet", defaultValue = "json",
            description = "Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--requests", description = "With --format csv: one row per request instead of per level.")
    boolean requests;

    @Option(names = "--out", paramLabel = "PATH",
            description = "Write here instead of stdout: a file (json, csv, parquet: required there) or, for "
                    + "vllm-json, a folder (created if needed).")
    Path outPath;

    @Mixin
    DbOptions db;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ExportFormat f = ExportFormat.parse(format);
        PrintWriter stdout = spec.commandLine().getOut();
        RunsExport.Result exported = RunsExport.export(new RunsExport.Options(db.readingLocation(), id, f, requests,
                Optional.ofNullable(outPath)), stdout, spec.commandLine().getErr()::println);
        exported.written().forEach(stdout::println);
        return 0;
    }
}
