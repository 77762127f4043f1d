package dev.servebench.distributed;

import dev.servebench.bench.WorkloadFile;

/**
 * What every worker is told at join, typed: the run's workload as the coordinator consolidated it (defaults, its
 * workload file, its flags, and the seed it drew, so every worker builds the coordinator's prompts), how its client
 * talks to the server, and the target the coordinator resolved. The API key never travels here: a worker reads it
 * from {@code apiKeyEnv} of its own environment (a child process's environment, a pod's Secret), or sends none.
 *
 * @param workload  every workload setting the coordinator's run has, as workload-file keys
 * @param client    the coordinator's client settings (API, streaming, limits, tokenizer)
 * @param url       the target's base URL as the workers reach it
 * @param model     the model name to send
 * @param apiKeyEnv the environment variable holding the key in each worker, or null for no key
 */
public record WorkerSetup(WorkloadFile workload, ClientSettings client, String url, String model, String apiKeyEnv) {
    /** The variable local workers and pods get the key in. */
    public static final String API_KEY_ENV = "SERVEBENCH_API_KEY";

    @Override
    public String toString() {
        // The URL may carry user information or query values: never print it whole.
        return "WorkerSetup[model=" + model + "]";
    }
}
