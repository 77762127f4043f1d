package dev.servebench.eval;

import dev.servebench.client.CompletionRequest;
import dev.servebench.client.OpenAiClient;
import dev.servebench.client.RequestRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Asks every item of a task, a virtual thread per question and at most {@link EvalSettings#concurrency()} in
 * flight, and grades each answer by the task's rule. A failed request is a wrong answer, with its reason kept.
 */
public final class EvalRunner {
    private final OpenAiClient client;
    private final EvalSettings settings;

    public EvalRunner(OpenAiClient client, EvalSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** Every task, one after the other. */
    public List<TaskResult> runAll(List<EvalTask> tasks) {
        return tasks.stream().map(this::run).toList();
    }

    public TaskResult run(EvalTask task) {
        Semaphore slots = new Semaphore(settings.concurrency());
        int maxTokens = settings.maxTokensFor(task.format());
        List<Future<ItemResult>> pending = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (EvalItem item : task.items()) {
                pending.add(threads.submit(() -> {
                    slots.acquire();
                    try {
                        return ask(task.format(), item, maxTokens);
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<ItemResult> results = new ArrayList<>(pending.size());
            for (Future<ItemResult> f : pending) {
                results.add(f.get());
            }
            return new TaskResult(task, results);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("accuracy check of " + task.name() + " interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("accuracy check of " + task.name() + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private ItemResult ask(TaskFormat format, EvalItem item, int maxTokens) {
        CompletionRequest request = CompletionRequest.text(item.prompt(), maxTokens, false).withSeed(settings.seed());
        OpenAiClient.Answered answered = client.sendKeepingAnswer(request, System.nanoTime());
        RequestRecord record = answered.record();
        if (record.outcome().isFailure()) {
            String detail = record.errorDetail() == null ? "" : ": " + record.errorDetail();
            return new ItemResult(item, answered.answerText(), new Grade(false, ""),
                    Optional.of(record.outcome().name() + detail));
        }
        return new ItemResult(item, answered.answerText(), format.grader().grade(answered.answerText(),
                item.expected()), Optional.empty());
    }
}
