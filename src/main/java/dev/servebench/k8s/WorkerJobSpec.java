package dev.servebench.k8s;

import java.util.Map;
import java.util.Optional;

/**
 * What the load workers' Job looks like.
 *
 * @param name         the Job's name (a DNS label); the Secret is named after it
 * @param image        a servebench image (see the Dockerfile); its entrypoint runs servebench
 * @param workers      pods, one per worker: parallelism = completions = workers, each with its index
 * @param coordinator  HOST:PORT where the pods reach the coordinator
 * @param cpu          CPU request and limit per pod (e.g. "4"), or empty
 * @param memory       memory request and limit per pod (e.g. "4Gi"), or empty
 * @param nodeSelector node labels the pods must run on (e.g. a load-generator node pool)
 * @param withApiKey   whether the pods read the API key from the Job's Secret
 */
public record WorkerJobSpec(String namespace, String name, String image, int workers, String coordinator,
                            Optional<String> cpu, Optional<String> memory, Map<String, String> nodeSelector,
                            boolean withApiKey) {
    public WorkerJobSpec {
        nodeSelector = Map.copyOf(nodeSelector);
    }

    /** The Secret holding the API key for this Job's pods. */
    public String secretName() {
        return name + "-api-key";
    }
}
