package dev.servebench.sim.server;

import dev.servebench.eval.EvalItem;
import dev.servebench.eval.EvalTask;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The simulator's oracle mode, for testing accuracy checks: a prompt that is exactly one of the task files'
 * rendered questions is answered with its right answer, or, for a seeded random share of the items (each
 * wrong with probability {@code errorRate}, drawn from the seed and the prompt), with a deterministic wrong one.
 * Any other prompt gets the usual filler text. The same seed and rate give the same wrong items in every
 * process; another seed gives independent ones, as two models' mistakes would be.
 */
public final class Oracle {
    private final Map<String, String> answers;
    private final int wrong;

    private Oracle(Map<String, String> answers, int wrong) {
        this.answers = answers;
        this.wrong = wrong;
    }

    public static Oracle of(List<EvalTask> tasks, double errorRate, long seed) {
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new dev.servebench.BadInputException("--oracle-error-rate must lie in 0..1, got " + errorRate);
        }
        Map<String, String> answers = new HashMap<>();
        int wrong = 0;
        for (EvalTask task : tasks) {
            for (EvalItem item : task.items()) {
                boolean miss = answersWrong(item.prompt(), errorRate, seed);
                wrong += miss ? 1 : 0;
                answers.put(item.prompt(), miss ? task.format().wrongAnswer(item) : task.format().rightAnswer(item));
            }
        }
        return new Oracle(Map.copyOf(answers), wrong);
    }

    /** Whether the oracle with this seed and error rate answers this prompt wrong (public for tests' simulations). */
    public static boolean answersWrong(String prompt, double errorRate, long seed) {
        return new SplittableRandom(seed ^ fnv1a(prompt)).nextDouble() < errorRate;
    }

    /** The scripted answer to exactly this prompt, or null when the prompt is none of the items. */
    String answer(String prompt) {
        return answers.get(prompt);
    }

    public int items() {
        return answers.size();
    }

    /** Items answered wrong. */
    public int wrong() {
        return wrong;
    }

    private static long fnv1a(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
