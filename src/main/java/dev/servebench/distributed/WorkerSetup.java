package dev.servebench.distributed;

import java.util.List;

/**
 * What every worker is told at join: the benchmark's own options (the workload and endpoint flags as the
 * user gave them, to be read by the same code as the coordinator's), and the target the coordinator
 * resolved. The API key never travels here: a worker reads it from {@code apiKeyEnv} of its own
 * environment (a child process's environment, a pod's Secret), or sends none.
 *
 * @param benchArgs the bench flags workers apply (workload and endpoint options; no key, URL or model)
 * @param url       the target's base URL as the workers reach it
 * @param model     the model name to send
 * @param apiKeyEnv the environment variable holding the key in each worker, or null for no key
 */
public record WorkerSetup(List<String> benchArgs, String url, String model, String apiKeyEnv) {
    /** The variable local workers and pods get the key in. */
    public static final String API_KEY_ENV = "SERVEBENCH_API_KEY";

    public WorkerSetup {
        benchArgs = List.copyOf(benchArgs);
    }

    @Override
    public String toString() {
        // The URL may carry user information or query values: never print it whole.
        return "WorkerSetup[" + benchArgs.size() + " args, model=" + model + "]";
    }
}
