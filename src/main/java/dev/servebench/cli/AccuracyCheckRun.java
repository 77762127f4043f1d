package dev.servebench.cli;

import dev.servebench.bench.Preflight;
import dev.servebench.client.EndpointConfig;
import dev.servebench.client.OpenAiClient;
import dev.servebench.eval.EvalFiles;
import dev.servebench.eval.EvalRunner;
import dev.servebench.eval.EvalSettings;
import dev.servebench.eval.EvalTask;
import dev.servebench.eval.TaskAccuracy;
import dev.servebench.eval.TaskResult;
import dev.servebench.store.RunStore;
import dev.servebench.store.StoredEval;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One accuracy check against one endpoint, as {@code eval} and {@code experiment ablation --eval} run it: the
 * tasks asked, the results folder written (eval.json, failed-*.jsonl), and the check recorded in the database.
 */
final class AccuracyCheckRun {
    private AccuracyCheckRun() {
    }

    /**
     * @param store        null with --no-db
     * @param experimentId the ablation the check belongs to, with its condition
     */
    record Checked(List<TaskResult> results, Optional<String> evalId) {
    }

    static Checked run(EndpointConfig endpoint, List<EvalTask> tasks, EvalSettings settings, Path folder,
                       RunStore store, Optional<String> experimentId, Optional<String> condition) {
        long started = System.currentTimeMillis();
        List<TaskResult> results;
        try (OpenAiClient client = new OpenAiClient(endpoint)) {
            // A server that cannot answer at all ends the check with its cause, not with 0 % of failed requests.
            Preflight.check(client);
            results = new EvalRunner(client, settings).runAll(tasks);
        }
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("url", endpoint.displayUrl());
        about.put("model", endpoint.model());
        condition.ifPresent(c -> about.put("condition", c));
        about.put("temperature", 0.0);
        about.put("seed", settings.seed());
        about.put("concurrency", settings.concurrency());
        about.put("max_tokens", tasks.stream().collect(java.util.stream.Collectors.toMap(EvalTask::name,
                t -> settings.maxTokensFor(t.format()), (a, b) -> a, LinkedHashMap::new)));
        EvalFiles.write(folder, about, results);
        if (store == null) {
            return new Checked(results, Optional.empty());
        }
        String id = RunStore.newEvalId(started);
        store.recordEval(results.stream().map(r -> {
            TaskAccuracy a = r.accuracy();
            return new StoredEval(id, a.task(), started, experimentId, condition, endpoint.displayUrl(),
                    endpoint.model(), a.format(), r.task().file().toAbsolutePath().toString(), a.items(), a.correct(),
                    a.failedRequests(), a.accuracy(), a.ciLow(), a.ciHigh(), folder.toAbsolutePath().toString());
        }).toList());
        return new Checked(results, Optional.of(id));
    }
}
