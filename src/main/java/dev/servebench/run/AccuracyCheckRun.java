package dev.servebench.run;

import dev.servebench.bench.Preflight;
import dev.servebench.bench.PromptCacheCheck;
import dev.servebench.bench.PromptCacheProbe;
import dev.servebench.client.EndpointConfig;
import dev.servebench.client.OpenAiClient;
import dev.servebench.eval.EvalFiles;
import dev.servebench.eval.EvalRunner;
import dev.servebench.eval.EvalSettings;
import dev.servebench.eval.EvalTask;
import dev.servebench.eval.TaskAccuracy;
import dev.servebench.eval.TaskResult;
import dev.servebench.metrics.PromptCacheCounts;
import dev.servebench.metrics.ServerReading;
import dev.servebench.store.RunStore;
import dev.servebench.store.StoredEval;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * One accuracy check against one endpoint, as {@code eval} and {@code experiment ablation --eval} run it: the
 * tasks asked, the results folder written (eval.json, failed-*.jsonl), and the check recorded in the database.
 */
public final class AccuracyCheckRun {
    private AccuracyCheckRun() {
    }

    /**
     * A finished check.
     *
     * @param evalId      its id in the database, when recorded
     * @param promptCache how much of the questions' prompt tokens the server served from its cache, by its counters
     *                    read before the first question and after the last; empty when they do not tell
     */
    public record Checked(List<TaskResult> results, Optional<String> evalId, Optional<PromptCacheCounts> promptCache) {
        /** Eval asks the same questions every run, and they share instructions: a prefix cache serves part of them. */
        public Optional<String> cacheNote() {
            return promptCache.filter(c -> c.cachedFraction() > PromptCacheCheck.NOTE_FRACTION)
                    .map(c -> String.format(Locale.ROOT, "Prompt cache: the server served %.1f %% of the questions' "
                            + "prompt tokens from its cache (%,d of %,d by %s): a task's questions share their "
                            + "instructions, and are the same every run, so a server that was asked them before has "
                            + "them cached. Accuracy is unaffected; the timings are the cache's, not prefill's.", 100 * c.cachedFraction(), c.cachedTokens(),
                            c.promptTokens(), c.countedBy()));
        }
    }

    /**
     * @param store        the results database, when recording
     * @param experimentId the ablation the check belongs to, with its condition
     */
    public static Checked run(EndpointConfig endpoint, List<EvalTask> tasks, EvalSettings settings, Path folder,
                              Optional<RunStore> store, Optional<String> experimentId, Optional<String> condition) {
        long started = System.currentTimeMillis();
        List<TaskResult> results;
        Optional<PromptCacheCounts> cache;
        // A server without readable counters leaves the cache unchecked; the accuracy check does not depend on it.
        try (OpenAiClient client = new OpenAiClient(endpoint);
             PromptCacheProbe probe = PromptCacheProbe.onTarget(endpoint, line -> { })) {
            // A server that cannot answer at all ends the check with its cause, not with 0 % of failed requests.
            Preflight.check(client);
            Optional<ServerReading> before = probe.read();
            results = new EvalRunner(client, settings).runAll(tasks);
            cache = before.flatMap(b -> probe.read().flatMap(a -> PromptCacheCounts.between(b, a,
                    OptionalLong.empty())));
        }
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("url", endpoint.displayUrl());
        about.put("model", endpoint.model());
        condition.ifPresent(c -> about.put("condition", c));
        about.put("temperature", 0.0);
        about.put("seed", settings.seed());
        about.put("concurrency", settings.concurrency());
        cache.ifPresent(c -> about.put("prompt_cache", c));
        about.put("max_tokens", tasks.stream().collect(Collectors.toMap(EvalTask::name,
                t -> settings.maxTokensFor(t.format()), (a, b) -> a, LinkedHashMap::new)));
        EvalFiles.write(folder, about, results);
        if (store.isEmpty()) {
            return new Checked(results, Optional.empty(), cache);
        }
        String id = RunStore.newEvalId(started);
        store.get().recordEval(results.stream().map(r -> {
            TaskAccuracy a = r.accuracy();
            return new StoredEval(id, a.task(), started, experimentId, condition, endpoint.displayUrl(),
                    endpoint.model(), a.format(), r.task().file().toAbsolutePath().toString(), a.items(), a.correct(),
                    a.failedRequests(), a.accuracy(), a.ciLow(), a.ciHigh(), folder.toAbsolutePath().toString());
        }).toList());
        return new Checked(results, Optional.of(id), cache);
    }
}
