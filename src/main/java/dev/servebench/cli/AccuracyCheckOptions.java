package dev.servebench.cli;

import dev.servebench.BadInputException;
import dev.servebench.eval.EvalSettings;
import dev.servebench.eval.EvalTask;
import dev.servebench.eval.TaskColumns;
import dev.servebench.eval.TaskFile;
import dev.servebench.experiment.AccuracyPlan;
import dev.servebench.run.AblationOptions;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code experiment ablation --eval}: the accuracy check run once per condition beside the speed runs. */
final class AccuracyCheckOptions {
    @Option(names = "--eval", paramLabel = "[KIND:]FILE",
            description = {"Also check accuracy on this task file (as servebench eval; repeatable) once per condition, "
                    + "and compare each condition's with the first's (McNemar's exact test on the paired items)."})
    List<String> files = new ArrayList<>();

    @Option(names = "--eval-columns", paramLabel = "MAP",
            description = "Field names of the --eval files when they differ from the format's (keys: "
                    + TaskColumns.KEYS + ").")
    String columns;

    @Option(names = "--eval-limit", paramLabel = "N", description = "Only the first N items of each --eval file.")
    Integer limit;

    @Option(names = "--eval-max-tokens", paramLabel = "N",
            description = "Answer limit of the check (default per format: gsm8k 256, mmlu 32, regex 128).")
    Integer maxTokens;

    @Option(names = "--eval-concurrency", paramLabel = "N", defaultValue = "16",
            description = "Questions in flight during the check (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--eval-seed", paramLabel = "N", defaultValue = "1234",
            description = "Sampling seed sent with the check's requests (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--eval-when", paramLabel = "before|after", defaultValue = "after",
            description = "Check each condition before or after all the speed runs (default ${DEFAULT-VALUE}).")
    String when;

    /** The check these flags ask for, its task files read; empty without --eval (the other flags still checked). */
    Optional<AblationOptions.Accuracy> check() {
        List<EvalTask> tasks = enabled() ? tasks() : List.of();
        EvalSettings settings = settings();
        AccuracyPlan.When when = timing();
        return enabled() ? Optional.of(new AblationOptions.Accuracy(files, tasks, settings, when)) : Optional.empty();
    }

    boolean enabled() {
        return !files.isEmpty();
    }

    List<EvalTask> tasks() {
        if (limit != null && limit < 1) {
            throw new BadInputException("--eval-limit must be at least 1, got " + limit);
        }
        return TaskFile.readAll(files, Optional.ofNullable(columns),
                limit == null ? OptionalInt.empty() : OptionalInt.of(limit));
    }

    EvalSettings settings() {
        return new EvalSettings(maxTokens == null ? OptionalInt.empty() : OptionalInt.of(maxTokens), concurrency, seed);
    }

    AccuracyPlan.When timing() {
        return switch (when.strip().toLowerCase(Locale.ROOT)) {
            case "before" -> AccuracyPlan.When.BEFORE;
            case "after" -> AccuracyPlan.When.AFTER;
            default -> throw new BadInputException("--eval-when must be before or after, got '" + when + "'");
        };
    }
}
