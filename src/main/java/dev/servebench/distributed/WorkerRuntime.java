package dev.servebench.distributed;

import dev.servebench.bench.Conversation;
import dev.servebench.bench.PromptPlan;
import dev.servebench.client.OpenAiClient;
import dev.servebench.prompt.ImageSource;

import java.util.function.Supplier;

/**
 * What a worker prepared from the {@link WorkerSetup} to build and send its requests the way the
 * coordinator's plan says: the same prompt plan, images, ignore_eos and conversations as a one-process run.
 *
 * @param images made on first use (a level that sends none never pays for them)
 */
public record WorkerRuntime(OpenAiClient client, PromptPlan prompts, Supplier<ImageSource> images, boolean ignoreEos,
                            Conversation conversation) {
}
