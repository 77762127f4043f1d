package dev.servebench.sim.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * vLLM V1's continuous-batching policy (FCFS): each step first gives every running sequence the
 * tokens it needs (one for a decode, a chunk for an unfinished prefill) out of the token budget,
 * preempting the most recently admitted sequences when the KV cache is full; then, if nothing was
 * preempted, admits waiting sequences while the budget, {@code max_num_seqs} and free blocks allow,
 * chunking the last prefill to fit the budget.
 */
final class Scheduler {
    private final EngineConfig config;
    private final KvCacheManager kv;
    final List<Sequence> running = new ArrayList<>();
    final Deque<Sequence> waiting = new ArrayDeque<>();

    Scheduler(EngineConfig config, KvCacheManager kv) {
        this.config = config;
        this.kv = kv;
    }

    ScheduledStep schedule() {
        int budget = config.maxNumBatchedTokens();
        List<Sequence> chosen = new ArrayList<>();
        List<Integer> tokens = new ArrayList<>();
        int preempted = 0;
        for (int i = 0; i < running.size() && budget > 0; i++) {
            Sequence s = running.get(i);
            int n = Math.min(s.pendingTokens(), budget);
            boolean selfPreempted = false;
            while (!kv.allocate(s, s.computedTokens + n)) {
                Sequence victim = running.removeLast();
                preempt(victim);
                preempted++;
                if (victim == s) {
                    selfPreempted = true;
                    break;
                }
            }
            if (selfPreempted) {
                break;
            }
            chosen.add(s);
            tokens.add(n);
            budget -= n;
        }
        if (preempted == 0 || chosen.isEmpty()) {
            while (!waiting.isEmpty() && budget > 0 && running.size() < config.maxNumSeqs()) {
                Sequence s = waiting.peekFirst();
                int cachedTokens = kv.admit(s, budget);
                if (cachedTokens < 0) {
                    break;
                }
                waiting.pollFirst();
                running.add(s);
                int n = Math.min(s.pendingTokens(), budget);
                chosen.add(s);
                tokens.add(n);
                budget -= n;
            }
        }
        return build(chosen, tokens, preempted);
    }

    private void preempt(Sequence victim) {
        kv.free(victim);
        victim.resetForRecompute();
        waiting.addFirst(victim);
    }

    private static ScheduledStep build(List<Sequence> chosen, List<Integer> tokens, int preempted) {
        int n = chosen.size();
        int[] newTokens = new int[n];
        int[] context = new int[n];
        boolean[] samples = new boolean[n];
        int images = 0;
        int imageTokens = 0;
        for (int i = 0; i < n; i++) {
            Sequence s = chosen.get(i);
            newTokens[i] = tokens.get(i);
            context[i] = s.computedTokens;
            samples[i] = s.computedTokens + newTokens[i] >= s.totalTokens();
            if (s.request.images() > 0 && !s.imagesEncoded && s.inPrefill()) {
                images += s.request.images();
                imageTokens += s.request.imageTokens();
                s.imagesEncoded = true;
            }
        }
        StepShape shape = new StepShape(newTokens, context, n, samples, images, imageTokens);
        return new ScheduledStep(List.copyOf(chosen), newTokens, shape, preempted);
    }
}
