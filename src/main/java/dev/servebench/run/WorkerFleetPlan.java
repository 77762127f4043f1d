package dev.servebench.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The load workers a run spreads its levels over: how many, how long they may take to join, and where they run
 * (processes on this machine, or pods of a Kubernetes Job).
 *
 * @param workers      how many
 * @param startTimeout how long all of them may take to join
 * @param localEntry   the main class and arguments of a local worker process in this JVM's class path (the caller's
 *                     command line, to which the coordinator's address, the index and the folder are added)
 * @param kubernetes   where the pods run, when they are pods
 */
public record WorkerFleetPlan(int workers, Duration startTimeout, List<String> localEntry,
                              Optional<Kubernetes> kubernetes) {
    public WorkerFleetPlan {
        localEntry = List.copyOf(localEntry);
    }

    /**
     * The worker pods' settings.
     *
     * @param image              a servebench image the pods can pull
     * @param namespace          the Job's namespace (default: the kubeconfig's, else "default")
     * @param cpu                CPU request and limit per pod
     * @param memory             memory request and limit per pod
     * @param nodeSelector       where the pods may run
     * @param coordinatorAddress where the pods reach this machine (default: detected)
     * @param coordinatorPort    the port the coordinator listens on for them (0: any)
     */
    public record Kubernetes(String image, Optional<String> namespace, Optional<String> cpu, Optional<String> memory,
                             Map<String, String> nodeSelector, Optional<String> coordinatorAddress,
                             int coordinatorPort) {
        public Kubernetes {
            nodeSelector = Map.copyOf(nodeSelector);
        }
    }
}
