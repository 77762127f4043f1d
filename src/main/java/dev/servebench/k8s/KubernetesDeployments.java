package dev.servebench.k8s;

import dev.servebench.BadInputException;
import dev.servebench.experiment.ExperimentException;
import dev.servebench.experiment.ServerPreparation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.readiness.Readiness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Experiment conditions that are Kubernetes deployments: before each run of a condition, whatever the previous
 * run deployed is deleted (so every run starts a fresh server, and conditions never compete for GPUs), the
 * condition's manifests are applied (multi-document YAML such as {@code advise --format k8s} or
 * {@code --format llm-d} writes), and the run waits until its Deployments, StatefulSets and pods are ready. A
 * pod that fails or cannot start ends the experiment with its reason, and every pod's log is saved in the
 * results folder. {@link #close()} deletes what is deployed; a shutdown hook does the same when the process
 * ends first.
 */
public final class KubernetesDeployments implements ServerPreparation, AutoCloseable {
    private static final long POLL_MILLIS = 2_000;

    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, Path> manifests;
    private final Duration readyTimeout;
    private final Path logFolder;
    private final Consumer<String> say;
    private final Thread shutdownHook;
    private String currentGroup;
    private final AtomicReference<List<HasMetadata>> current = new AtomicReference<>(List.of());

    private KubernetesDeployments(KubernetesClient client, String namespace, Map<String, Path> manifests,
                                  Duration readyTimeout, Path logFolder, Consumer<String> say) {
        this.client = client;
        this.namespace = namespace;
        this.manifests = Map.copyOf(manifests);
        this.readyTimeout = readyTimeout;
        this.logFolder = logFolder;
        this.say = say;
        this.shutdownHook = new Thread(this::deleteCurrent, "servebench-k8s-deployments-cleanup");
    }

    /**
     * Checks that every manifest file reads as Kubernetes objects, before anything is deployed.
     *
     * @param manifests  per group (condition, target): the file applied before each of its runs
     * @param logFolder  where server pods' logs go on failure
     * @param say        gets a line per apply, ready and delete
     */
    public static KubernetesDeployments open(KubernetesClient client, String namespace, Map<String, Path> manifests,
                                             Duration readyTimeout, Path logFolder, Consumer<String> say) {
        KubernetesDeployments d = new KubernetesDeployments(client, namespace, manifests, readyTimeout, logFolder, say);
        manifests.forEach((group, file) -> d.load(group, file));
        Runtime.getRuntime().addShutdownHook(d.shutdownHook);
        return d;
    }

    /** The shutdown hook: what Ctrl-C or SIGTERM runs when the process ends before {@link #close()}. */
    Thread shutdownHook() {
        return shutdownHook;
    }

    private List<HasMetadata> load(String group, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<HasMetadata> objects = client.load(in).items();
            if (objects.isEmpty()) {
                throw new BadInputException("manifest " + file + " for " + group + " holds no Kubernetes object");
            }
            return objects;
        } catch (IOException e) {
            throw new BadInputException("cannot read manifest " + file + " for " + group + " (" + e.getMessage()
                    + "); give a YAML file such as advise --format k8s writes");
        } catch (KubernetesClientException | IllegalArgumentException e) {
            throw new BadInputException("manifest " + file + " for " + group + " is not Kubernetes YAML: "
                    + e.getMessage());
        }
    }

    private String namespaceOf(HasMetadata o) {
        String own = o.getMetadata().getNamespace();
        return own == null || own.isBlank() ? namespace : own;
    }

    /** A group with manifests gets its server deployed anew before every run (the previous one deleted). */
    @Override
    public boolean startsFreshServer(String group) {
        return manifests.containsKey(group);
    }

    /** Deletes the previous run's objects, applies {@code group}'s manifests and waits until they are ready. */
    @Override
    public synchronized void prepare(String group) {
        deleteCurrent();
        Path file = manifests.get(group);
        if (file == null) {
            return;
        }
        List<HasMetadata> objects = load(group, file);
        say.accept("k8s: applying " + describe(objects) + " from " + file + " for " + group);
        List<HasMetadata> applied = new ArrayList<>();
        try {
            for (HasMetadata o : objects) {
                try {
                    applied.add(client.resource(o).inNamespace(namespaceOf(o)).createOr(NonDeletingOperation::update));
                } catch (KubernetesClientException e) {
                    throw ClusterException.of("apply " + o.getKind() + " " + namespaceOf(o) + "/"
                            + o.getMetadata().getName() + " for " + group, client, e);
                }
            }
        } finally {
            currentGroup = group;
            current.set(applied);
        }
        awaitReady(group);
    }

    private void awaitReady(String group) {
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        while (true) {
            for (Pod pod : pods()) {
                Optional<String> problem = PodProblems.of(pod);
                if (problem.isPresent()) {
                    String logs = saveLogs().map(f -> "; server pod logs in " + f).orElse("");
                    throw new ExperimentException(group + ": server pod " + pod.getMetadata().getName() + " "
                            + problem.get() + logs);
                }
            }
            List<String> waiting = notReady();
            if (waiting.isEmpty()) {
                say.accept("k8s: " + group + " is ready");
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                String logs = saveLogs().map(f -> "; server pod logs in " + f).orElse("; no server pod was created");
                throw new ExperimentException(group + " not ready within " + readyTimeout.toSeconds() + " s (still "
                        + "waiting for " + String.join(", ", waiting) + ")" + logs);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
        }
    }

    private List<String> notReady() {
        List<String> waiting = new ArrayList<>();
        Readiness readiness = Readiness.getInstance();
        for (HasMetadata o : current.get()) {
            if (!readiness.isReadinessApplicable(o)) {
                continue;
            }
            HasMetadata now;
            try {
                now = client.resource(o).inNamespace(namespaceOf(o)).get();
            } catch (KubernetesClientException e) {
                throw ClusterException.of("read " + o.getKind() + " " + o.getMetadata().getName(), client, e);
            }
            if (now == null || !readiness.isReady(now)) {
                waiting.add(o.getKind() + " " + o.getMetadata().getName());
            }
        }
        return waiting;
    }

    /** The pods of what is deployed: those its workloads select, and pods applied as such. */
    private List<Pod> pods() {
        List<Pod> pods = new ArrayList<>();
        for (HasMetadata o : current.get()) {
            LabelSelector selector = switch (o) {
                case Deployment d -> d.getSpec().getSelector();
                case StatefulSet s -> s.getSpec().getSelector();
                case ReplicaSet r -> r.getSpec().getSelector();
                case DaemonSet d -> d.getSpec().getSelector();
                default -> null;
            };
            try {
                if (o instanceof Pod p) {
                    Optional.ofNullable(client.pods().inNamespace(namespaceOf(o)).withName(p.getMetadata().getName())
                            .get()).ifPresent(pods::add);
                } else if (selector != null && selector.getMatchLabels() != null) {
                    pods.addAll(client.pods().inNamespace(namespaceOf(o)).withLabels(selector.getMatchLabels())
                            .list().getItems());
                }
            } catch (KubernetesClientException e) {
                say.accept("k8s: cannot list the pods of " + o.getKind() + " " + o.getMetadata().getName() + ": "
                        + e.getMessage());
            }
        }
        return pods;
    }

    /**
     * Saves every server pod's log as {@code LOGS/GROUP/POD.log} (a run failed: the server's side of it) and
     * returns the folder, or empty when no server pod was there to save.
     */
    public synchronized Optional<Path> saveLogs() {
        Path folder = logFolder.resolve(currentGroup == null ? "none" : currentGroup);
        List<Pod> pods = pods();
        if (pods.isEmpty()) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(folder);
            for (Pod pod : pods) {
                String name = pod.getMetadata().getName();
                String log;
                try {
                    log = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(name).getLog();
                } catch (KubernetesClientException e) {
                    log = "(the log cannot be read: " + e.getMessage() + ")";
                }
                Files.writeString(folder.resolve(name + ".log"), Objects.requireNonNullElse(log, ""),
                        StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            say.accept("k8s: cannot save the server pods' logs in " + folder + ": " + e.getMessage());
        }
        return Optional.of(folder);
    }

    /** Not synchronized: the shutdown hook must not wait for a run that waits for readiness. */
    private void deleteCurrent() {
        List<HasMetadata> objects = current.getAndSet(List.of());
        if (objects.isEmpty()) {
            return;
        }
        List<String> failed = new ArrayList<>();
        for (HasMetadata o : objects) {
            try {
                client.resource(o).inNamespace(namespaceOf(o)).delete();
            } catch (KubernetesClientException e) {
                failed.add(o.getKind() + " " + o.getMetadata().getName() + " (" + e.getMessage() + ")");
            }
        }
        // The next condition's pods need the GPUs these hold: wait until they are gone.
        for (HasMetadata o : objects) {
            try {
                client.resource(o).inNamespace(namespaceOf(o)).waitUntilCondition(Objects::isNull,
                        readyTimeout.toSeconds(), TimeUnit.SECONDS);
            } catch (KubernetesClientException e) {
                failed.add(o.getKind() + " " + o.getMetadata().getName() + " (still there: " + e.getMessage() + ")");
            }
        }
        if (failed.isEmpty()) {
            say.accept("k8s: deleted " + describe(objects) + " of " + currentGroup);
        } else {
            say.accept("k8s: could not delete " + String.join(", ", failed) + "; delete them with kubectl delete -f "
                    + manifests.get(currentGroup));
        }
    }

    private static String describe(List<HasMetadata> objects) {
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        objects.forEach(o -> byKind.computeIfAbsent(o.getKind(), k -> new ArrayList<>()).add(o.getMetadata().getName()));
        List<String> parts = new ArrayList<>();
        byKind.forEach((kind, names) -> parts.add(kind + " " + String.join(", ", names)));
        return String.join("; ", parts);
    }

    /** Deletes what is deployed. */
    @Override
    public void close() {
        deleteCurrent();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Shutting down: the hook runs and finds nothing left.
        }
    }
}
