package dev.servebench.k8s;

import dev.servebench.client.ApiKey;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bench --k8s}'s Job and Secret against fabric8's Kubernetes API mock server (CRUD mode). */
@EnableKubernetesMockClient(crud = true)
class KubernetesWorkersTest {
    private static final String NS = "bench";
    private static final String KEY = "sk-test-0123456789";

    KubernetesMockServer server;
    KubernetesClient client;

    private static WorkerJobSpec spec(String name, boolean withKey) {
        return new WorkerJobSpec(NS, name, "registry.example/servebench:0.1.0", 4, "10.1.2.3:7070", Optional.of("2"),
                Optional.of("2Gi"), Map.of("pool", "loadgen"), withKey);
    }

    @Test
    void theJobIsAnIndexedJobOfWorkersAndTheKeyIsOnlyInTheSecret() {
        List<String> said = new CopyOnWriteArrayList<>();
        WorkerJobSpec spec = spec("servebench-workers-a", true);
        try (KubernetesWorkers workers = KubernetesWorkers.start(client, spec, Optional.of(ApiKey.of(KEY)), said::add)) {
            Job job = client.batch().v1().jobs().inNamespace(NS).withName("servebench-workers-a").get();
            assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
            assertThat(job.getSpec().getCompletions()).isEqualTo(4);
            assertThat(job.getSpec().getParallelism()).isEqualTo(4);
            assertThat(job.getSpec().getBackoffLimit()).isZero();
            assertThat(job.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", "servebench-workers-a");
            var pod = job.getSpec().getTemplate().getSpec();
            assertThat(pod.getRestartPolicy()).isEqualTo("Never");
            assertThat(pod.getNodeSelector()).isEqualTo(Map.of("pool", "loadgen"));
            Container c = pod.getContainers().getFirst();
            assertThat(c.getImage()).isEqualTo("registry.example/servebench:0.1.0");
            assertThat(c.getArgs()).containsExactly("worker", "--coordinator", "10.1.2.3:7070");
            assertThat(c.getResources().getRequests()).containsEntry("cpu", new Quantity("2"))
                    .containsEntry("memory", new Quantity("2Gi"));
            assertThat(c.getResources().getLimits()).isEqualTo(c.getResources().getRequests());
            EnvVar key = c.getEnv().getFirst();
            assertThat(key.getName()).isEqualTo("SERVEBENCH_API_KEY");
            assertThat(key.getValue()).isNull();
            assertThat(key.getValueFrom().getSecretKeyRef().getName()).isEqualTo("servebench-workers-a-api-key");
            assertThat(key.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("api-key");
            String jobYaml = Serialization.asYaml(job);
            assertThat(jobYaml).doesNotContain(KEY)
                    .doesNotContain(Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8)));

            Secret secret = client.secrets().inNamespace(NS).withName("servebench-workers-a-api-key").get();
            assertThat(new String(Base64.getDecoder().decode(secret.getData().get("api-key")), StandardCharsets.UTF_8))
                    .isEqualTo(KEY);
            assertThat(workers.failure()).isEmpty();
        }
        // Closed after a run that went well: nothing left behind.
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("servebench-workers-a").get()).isNull();
        assertThat(client.secrets().inNamespace(NS).withName("servebench-workers-a-api-key").get()).isNull();
        assertThat(said).anySatisfy(l -> assertThat(l).startsWith("deleted Job bench/servebench-workers-a and Secret"));
        assertThat(String.join("\n", said)).doesNotContain(KEY);
    }

    @Test
    void withoutAKeyThereIsNoSecretAndNoKeyVariable() {
        try (KubernetesWorkers workers = KubernetesWorkers.start(client, spec("servebench-workers-b", false),
                Optional.empty(), l -> { })) {
            Job job = client.batch().v1().jobs().inNamespace(NS).withName("servebench-workers-b").get();
            assertThat(job.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv()).isEmpty();
            assertThat(client.secrets().inNamespace(NS).list().getItems()).isEmpty();
        }
    }

    @Test
    void aFailedPodIsReportedWithItsReasonAndLogAndEverythingIsDeleted() {
        List<String> said = new CopyOnWriteArrayList<>();
        WorkerJobSpec spec = spec("servebench-workers-c", true);
        KubernetesWorkers workers = KubernetesWorkers.start(client, spec, Optional.of(ApiKey.of(KEY)), said::add);
        client.pods().inNamespace(NS).resource(new PodBuilder()
                .withNewMetadata().withName("servebench-workers-c-2-x7k").withNamespace(NS)
                .withLabels(WorkerManifests.labels("servebench-workers-c")).endMetadata()
                .withNewStatus().withPhase("Failed").addNewContainerStatus().withName("worker")
                .withNewState().withNewTerminated().withExitCode(1).withReason("Error").endTerminated().endState()
                .endContainerStatus().endStatus()
                .build()).create();
        server.expect().get().withPath("/api/v1/namespaces/bench/pods/servebench-workers-c-2-x7k/log?pretty=false&tailLines=20")
                .andReturn(200, "servebench worker 2: connecting\nservebench: failed: cannot reach the coordinator at 10.1.2.3:7070\n")
                .always();
        Optional<String> failure = workers.failure();
        assertThat(failure).hasValueSatisfying(f -> assertThat(f)
                .contains("pod servebench-workers-c-2-x7k container worker exited with code 1 (Error)")
                .contains("cannot reach the coordinator at 10.1.2.3:7070"));
        workers.close();
        assertThat(said).anySatisfy(l -> assertThat(l).startsWith("load worker pod servebench-workers-c-2-x7k")
                .contains("exited with code 1"));
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("servebench-workers-c").get()).isNull();
        assertThat(client.secrets().inNamespace(NS).withName("servebench-workers-c-api-key").get()).isNull();
    }

    @Test
    void anImageThatCannotBePulledIsAFailureBeforeAnyWorkerJoins() {
        try (KubernetesWorkers workers = KubernetesWorkers.start(client, spec("servebench-workers-d", false),
                Optional.empty(), l -> { })) {
            Pod pod = new PodBuilder().withNewMetadata().withName("servebench-workers-d-0-abc").withNamespace(NS)
                    .withLabels(WorkerManifests.labels("servebench-workers-d")).endMetadata()
                    .withNewStatus().withPhase("Pending").addNewContainerStatus().withName("worker")
                    .withNewState().withNewWaiting().withReason("ImagePullBackOff")
                    .withMessage("Back-off pulling image \"registry.example/servebench:0.1.0\"").endWaiting().endState()
                    .endContainerStatus().endStatus().build();
            client.pods().inNamespace(NS).resource(pod).create();
            assertThat(workers.failure()).hasValueSatisfying(f -> assertThat(f)
                    .contains("container worker ImagePullBackOff: Back-off pulling image"));
        }
    }

    @Test
    void whenTheProcessEndsFirstTheShutdownHookDeletesTheJobAndSecret() {
        // Ctrl-C while the pods start (before the run's own cleanup is reached) ends the JVM: its hook runs.
        KubernetesWorkers workers = KubernetesWorkers.start(client, spec("servebench-workers-e", true),
                Optional.of(ApiKey.of(KEY)), l -> { });
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("servebench-workers-e").get()).isNotNull();
        workers.shutdownHook().run();
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("servebench-workers-e").get()).isNull();
        assertThat(client.secrets().inNamespace(NS).withName("servebench-workers-e-api-key").get()).isNull();
        workers.close();
    }
}
