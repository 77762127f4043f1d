package dev.servebench.k8s;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Why a pod will not do its work: it failed, its image cannot be pulled, its container cannot be created
 * or keeps crashing. Said with the container's reason and message and the last lines of its log.
 */
public final class PodProblems {
    /** Waiting reasons that do not resolve by waiting longer. */
    private static final Set<String> STUCK = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "CreateContainerConfigError", "CreateContainerError", "CrashLoopBackOff", "ErrImageNeverPull");
    static final int LOG_LINES = 20;

    private PodProblems() {
    }

    /** The problem of {@code pod}, without its log; empty for a pod that runs, waits to be scheduled or succeeded. */
    public static Optional<String> of(Pod pod) {
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        List<ContainerStatus> containers = pod.getStatus().getContainerStatuses() == null ? List.of()
                : pod.getStatus().getContainerStatuses();
        for (ContainerStatus c : containers) {
            if (c.getState() != null && c.getState().getWaiting() != null
                    && STUCK.contains(c.getState().getWaiting().getReason())) {
                return Optional.of("container " + c.getName() + " " + c.getState().getWaiting().getReason()
                        + message(c.getState().getWaiting().getMessage()));
            }
        }
        if ("Failed".equals(pod.getStatus().getPhase())) {
            for (ContainerStatus c : containers) {
                if (c.getState() != null && c.getState().getTerminated() != null) {
                    var t = c.getState().getTerminated();
                    return Optional.of("container " + c.getName() + " exited with code " + t.getExitCode()
                            + (t.getReason() == null ? "" : " (" + t.getReason() + ")") + message(t.getMessage()));
                }
            }
            return Optional.of("failed" + (pod.getStatus().getReason() == null ? "" : ": " + pod.getStatus().getReason())
                    + message(pod.getStatus().getMessage()));
        }
        return Optional.empty();
    }

    private static String message(String m) {
        return m == null || m.isBlank() ? "" : ": " + m.strip();
    }

    /** One report for a user: the pod, its problem and the last lines of its log (when the cluster has them). */
    public static String report(KubernetesClient client, Pod pod, String problem) {
        String name = pod.getMetadata().getName();
        return "pod " + name + " " + problem + lastLog(client, pod.getMetadata().getNamespace(), name);
    }

    static String lastLog(KubernetesClient client, String namespace, String pod) {
        try {
            String log = client.pods().inNamespace(namespace).withName(pod).tailingLines(LOG_LINES).getLog();
            return log == null || log.isBlank() ? "" : "; its log ends with:\n" + log.stripTrailing();
        } catch (KubernetesClientException e) {
            return " (its log cannot be read: " + e.getMessage() + ")";
        }
    }
}
