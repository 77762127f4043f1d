package dev.servebench.testing;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Map;

/**
 * Points the CLI's own Kubernetes client (built from system properties, as from a kubeconfig) at fabric8's
 * mock API server for one test, and forgets it after.
 */
public final class MockKubernetesTarget {
    private MockKubernetesTarget() {
    }

    /** The client settings besides the master URL, e.g. to hand to a child JVM as -D flags. */
    public static Map<String, String> settings(String namespace) {
        return Map.of("kubernetes.auth.tryKubeConfig", "false", "kubernetes.auth.tryServiceAccount", "false",
                "kubernetes.trust.certificates", "true", "kubernetes.namespace", namespace);
    }

    public static void pointAt(KubernetesClient mock, String namespace) {
        System.setProperty("kubernetes.master", mock.getMasterUrl().toString());
        settings(namespace).forEach(System::setProperty);
    }

    public static void forget() {
        System.clearProperty("kubernetes.master");
        settings("").keySet().forEach(System::clearProperty);
    }
}
