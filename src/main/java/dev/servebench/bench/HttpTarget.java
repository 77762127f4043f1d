package dev.servebench.bench;

import dev.servebench.client.OpenAiClient;

import java.util.function.Consumer;

/**
 * A real server made ready to be benchmarked, the same way for {@code bench --url} and every experiment trial:
 * the preflight (a target that cannot answer fails in seconds with its cause, before a results folder exists),
 * then the prompt plan settled against it (tokenizer, single-token words, template overhead). What it
 * prepares goes to the benchmark: {@code session.benchmark(info, config, t.executor()).prompts(t.prompts())}.
 *
 * @param executor runs each level over HTTP with the client
 * @param prompts  how this run's prompts are made and counted
 */
public record HttpTarget(LevelExecutor executor, PromptPlan prompts) {

    /**
     * Checks the server and prepares the prompts; {@code say} gets one line per decision (which tokenizer,
     * what the prompts are).
     *
     * @throws TargetUnavailableException when the server cannot be benchmarked at all
     */
    public static HttpTarget prepare(OpenAiClient client, BenchmarkConfig config, TokenizerChoice tokenizer,
                                     Consumer<String> say) {
        Preflight.check(client);
        PromptPlan prompts = PromptPlans.prepare(config, client, tokenizer, say);
        say.accept(PromptPlans.describe(prompts, config.promptMode()));
        return new HttpTarget(new HttpLevelExecutor(client), prompts);
    }
}
