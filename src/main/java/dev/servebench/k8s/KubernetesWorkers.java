package dev.servebench.k8s;

import dev.servebench.client.ApiKey;
import dev.servebench.distributed.WorkerFleet;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * {@code bench --workers N --k8s}: the load workers as pods of an Indexed Job, with the API key in a Secret
 * they read it from. {@link #close()} deletes the Job (its pods with it) and the Secret, whether the run
 * succeeded or failed; a shutdown hook does the same when the process ends first (Ctrl-C while waiting for
 * the pods, SIGTERM). A pod that fails is reported with its reason and the end of its log.
 */
public final class KubernetesWorkers implements WorkerFleet {
    private final KubernetesClient client;
    private final WorkerJobSpec spec;
    private final Consumer<String> say;
    private final Thread shutdownHook;
    private final AtomicBoolean deleted = new AtomicBoolean();
    private final List<String> reported = new ArrayList<>();
    private static final long CHECK_INTERVAL_NANOS = 2_000_000_000L;
    private long lastCheckNanos;
    private Optional<String> failure = Optional.empty();

    private KubernetesWorkers(KubernetesClient client, WorkerJobSpec spec, Consumer<String> say) {
        this.client = client;
        this.spec = spec;
        this.say = say;
        this.shutdownHook = new Thread(this::delete, "servebench-k8s-cleanup");
    }

    /**
     * Creates the Secret (with a key) and the Job.
     *
     * @param say gets a line for each failed pod and for what was deleted
     */
    public static KubernetesWorkers start(KubernetesClient client, WorkerJobSpec spec, Optional<ApiKey> key,
                                          Consumer<String> say) {
        if (spec.withApiKey() != key.isPresent()) {
            throw new IllegalArgumentException("the Job spec and the key disagree on whether there is a key");
        }
        KubernetesWorkers workers = new KubernetesWorkers(client, spec, say);
        Runtime.getRuntime().addShutdownHook(workers.shutdownHook);
        try {
            try {
                key.ifPresent(k -> client.secrets().inNamespace(spec.namespace())
                        .resource(WorkerManifests.apiKeySecret(spec, k)).create());
            } catch (KubernetesClientException e) {
                throw ClusterException.of("create Secret " + spec.namespace() + "/" + spec.secretName(), client, e);
            }
            try {
                client.batch().v1().jobs().inNamespace(spec.namespace()).resource(WorkerManifests.job(spec)).create();
            } catch (KubernetesClientException e) {
                throw ClusterException.of("create Job " + spec.namespace() + "/" + spec.name(), client, e);
            }
        } catch (RuntimeException e) {
            workers.close();
            throw e;
        }
        return workers;
    }

    /** The shutdown hook: what Ctrl-C or SIGTERM runs when the process ends before {@link #close()}. */
    Thread shutdownHook() {
        return shutdownHook;
    }

    @Override
    public int size() {
        return spec.workers();
    }

    /**
     * The first pod that failed or cannot start, with its reason and the end of its log. Asked often while the
     * pods start: the API server is asked at most every {@link #CHECK_INTERVAL_NANOS}.
     */
    @Override
    public synchronized Optional<String> failure() {
        long now = System.nanoTime();
        if (failure.isPresent() || (lastCheckNanos != 0 && now - lastCheckNanos < CHECK_INTERVAL_NANOS)) {
            return failure;
        }
        lastCheckNanos = now;
        for (Pod pod : pods()) {
            Optional<String> problem = PodProblems.of(pod);
            if (problem.isPresent()) {
                failure = Optional.of("load worker " + PodProblems.report(client, pod, problem.get()));
                break;
            }
        }
        return failure;
    }

    private List<Pod> pods() {
        try {
            return client.pods().inNamespace(spec.namespace()).withLabel("app.kubernetes.io/instance", spec.name())
                    .list().getItems();
        } catch (KubernetesClientException e) {
            return List.of();
        }
    }

    /** Reports each failed pod (reason, log), then deletes the Job, its pods and the Secret. */
    @Override
    public void close() {
        for (Pod pod : pods()) {
            PodProblems.of(pod).ifPresent(p -> {
                String name = pod.getMetadata().getName();
                if (!reported.contains(name)) {
                    reported.add(name);
                    say.accept("load worker " + PodProblems.report(client, pod, p));
                }
            });
        }
        delete();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook runs (and finds everything deleted).
        }
    }

    private void delete() {
        if (!deleted.compareAndSet(false, true)) {
            return;
        }
        List<String> failures = new ArrayList<>();
        try {
            client.batch().v1().jobs().inNamespace(spec.namespace()).withName(spec.name())
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        } catch (KubernetesClientException e) {
            failures.add("Job " + spec.name() + " (" + e.getMessage() + ")");
        }
        if (spec.withApiKey()) {
            try {
                client.secrets().inNamespace(spec.namespace()).withName(spec.secretName()).delete();
            } catch (KubernetesClientException e) {
                failures.add("Secret " + spec.secretName() + " (" + e.getMessage() + ")");
            }
        }
        if (failures.isEmpty()) {
            say.accept("deleted Job " + spec.namespace() + "/" + spec.name()
                    + (spec.withApiKey() ? " and Secret " + spec.secretName() : ""));
        } else {
            say.accept("could not delete " + String.join(", ", failures) + ": delete with kubectl -n "
                    + spec.namespace() + " delete job,secret -l app.kubernetes.io/instance=" + spec.name());
        }
    }
}
