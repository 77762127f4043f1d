package dev.servebench.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The cluster refused or could not be reached for something servebench had to do there, said in one line:
 * what it was doing, the API server's answer (status and message) or the network error underneath.
 */
public final class ClusterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private ClusterException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param doing what servebench was doing, e.g. "create Job bench/servebench-workers-x" */
    public static ClusterException of(String doing, KubernetesClient client, KubernetesClientException e) {
        StringBuilder why = new StringBuilder();
        if (e.getCode() > 0) {
            why.append("HTTP ").append(e.getCode());
            if (e.getStatus() != null && e.getStatus().getMessage() != null) {
                why.append(": ").append(e.getStatus().getMessage());
            }
        } else {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            why.append(root.getClass().getSimpleName());
            if (root.getMessage() != null) {
                why.append(": ").append(root.getMessage());
            }
        }
        return new ClusterException("cannot " + doing + " on " + client.getMasterUrl() + " (" + why + "); check the cluster with kubectl "
                + "(current context, namespace, and what this account may do: deploy/kubernetes/rbac.yaml)", e);
    }
}
