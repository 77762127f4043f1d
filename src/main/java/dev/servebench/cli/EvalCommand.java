package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.eval.EvalFiles;
import dev.servebench.eval.EvalSettings;
import dev.servebench.eval.EvalTables;
import dev.servebench.eval.EvalTask;
import dev.servebench.eval.TaskFile;
import dev.servebench.eval.TaskResult;
import dev.servebench.run.EvalRun;
import dev.servebench.run.RunFolders;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/** {@code eval}: a small, fast accuracy check of a server's answers. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Accuracy of a server's answers on local task files (GSM8K, MMLU, regex), with 95 %% Wilson intervals.",
        description = {
            "Asks every question of each task file at temperature 0 with a fixed seed and grades the answer by the",
            "task's rule: the final number (GSM8K), the option letter (MMLU) or a regular expression. Task files are",
            "local JSON Lines in the layout their dataset publishes ([KIND:]FILE, KIND = gsm8k, mmlu or regex; a bare",
            "FILE is told by its fields); nothing is downloaded. The items answered wrong are kept in",
            "<out>/failed-<task>.jsonl (prompt, answer, expected), the accuracies in <out>/eval.json and the",
            "results database, and both in <out>/report.html (each task's accuracy with its interval, the first",
            "wrong items)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  servebench eval --url http://127.0.0.1:8000 --model m --tasks gsm8k:gsm8k/test.jsonl --limit 200",
            "  servebench eval --url http://127.0.0.1:8000 --model m --tasks mmlu:mmlu/test.jsonl gsm8k:test.jsonl",
            "  servebench eval --url … --model m --tasks mmlu:lukaemon.jsonl --task-columns prompt=input,choices=A+B+C+D,answer=target"})
final class EvalCommand implements Callable<Integer> {
    @Mixin
    ServerOptions endpoint;

    @Option(names = "--tasks", arity = "1..*", required = true, paramLabel = "[KIND:]FILE",
            description = "Task files (JSON Lines), one or more.")
    List<String> tasks;

    @Option(names = "--task-columns", paramLabel = "MAP",
            description = "Field names when they differ from the format's, e.g. prompt=input,answer=target, "
                    + "choices=A+B+C+D (keys: " + dev.servebench.eval.TaskColumns.KEYS + ").")
    String taskColumns;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N items of each task file.")
    Integer limit;

    @Option(names = "--max-tokens", paramLabel = "N",
            description = "Answer limit (default per format: gsm8k 256, mmlu 32, regex 128).")
    Integer maxTokens;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "16",
            description = "Questions in flight at once (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1234",
            description = "Sampling seed sent with every request, for servers that take one (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Results folder (default results/<date>-<time>-eval).")
    Path out;

    @Mixin
    DbOptions db;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        if (endpoint.url == null) {
            throw new BadInputException("eval needs --url and --model of the server to check (the built-in target "
                    + "answers filler text; start 'servebench sim --oracle FILE' for a simulated one)");
        }
        endpoint.requireModelWithUrl();
        if (limit != null && limit < 1) {
            throw new BadInputException("--limit must be at least 1, got " + limit);
        }
        EvalSettings settings = new EvalSettings(maxTokens == null ? OptionalInt.empty() : OptionalInt.of(maxTokens),
                concurrency, seed);
        List<EvalTask> read = TaskFile.readAll(tasks, Optional.ofNullable(taskColumns),
                limit == null ? OptionalInt.empty() : OptionalInt.of(limit));
        Path folder = out != null ? out : RunFolders.defaultFolder("eval");
        OutFolder.check(folder);
        EvalRun.Result run = EvalRun.run(new EvalRun.Options(endpoint.url, endpoint.model, endpoint.access(), read,
                settings, folder, db.location()), spec.commandLine().getErr());
        PrintWriter printed = spec.commandLine().getOut();
        printed.print(EvalTables.accuracy(run.results().stream().map(TaskResult::accuracy).toList()));
        for (TaskResult r : run.results()) {
            printed.printf(Locale.ROOT, "Answered wrong: %d of %d in %s%n", r.wrong().size(), r.items().size(),
                    EvalFiles.failedFile(folder, r.task().name()));
        }
        run.checked().cacheNote().ifPresent(printed::println);
        printed.println("Report: " + run.report());
        printed.println("Results: " + folder + run.evalId().map(id -> "; recorded as eval " + id + " in "
                + run.database().orElseThrow() + " (servebench runs show " + id + ")").orElse(""));
        return 0;
    }
}
