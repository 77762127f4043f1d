package dev.servebench.k8s;

import dev.servebench.cli.Main;
import dev.servebench.experiment.ExperimentException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Experiment conditions as Kubernetes deployments, against fabric8's mock API server (CRUD mode): the manifests
 * {@code advise --format k8s} writes are applied as they are, the previous condition is deleted before the next
 * is applied, a failing server pod ends the run with its reason and its log in the results folder, and
 * everything is deleted at the end.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesDeploymentsTest {
    private static final String NS = "serving";

    KubernetesMockServer server;
    KubernetesClient client;

    private static Path advise(Path dir, String name, String... flags) throws Exception {
        StringWriter out = new StringWriter();
        String[] args = new String[flags.length + 3];
        args[0] = "advise";
        System.arraycopy(flags, 0, args, 1, flags.length);
        args[flags.length + 1] = "--format";
        args[flags.length + 2] = "k8s";
        assertThat(Main.execute(args, new PrintWriter(out), new PrintWriter(new StringWriter()))).isZero();
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, out.toString());
        return file;
    }

    /** Plays the Deployment controller: every Deployment created becomes ready at once. */
    private Watch readyOnCreation() {
        return client.apps().deployments().inNamespace(NS).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment d) {
                if (action == Action.ADDED) {
                    int n = d.getSpec().getReplicas();
                    client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder(d).withNewStatus()
                            .withReplicas(n).withReadyReplicas(n).withAvailableReplicas(n).withUpdatedReplicas(n)
                            .withObservedGeneration(d.getMetadata().getGeneration()).endStatus().build()).updateStatus();
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    private List<HasMetadata> objectsOf(Path manifest) throws Exception {
        try (InputStream in = Files.newInputStream(manifest)) {
            return client.load(in).items();
        }
    }

    @Test
    void eachConditionIsAppliedAsWrittenReplacesThePreviousAndIsDeletedAtTheEnd(@TempDir Path dir) throws Exception {
        Path qwen = advise(dir, "qwen", "--model", "qwen3-235b-a22b", "--gpu", "mi325x", "--gpus", "8");
        Path deepseek = advise(dir, "deepseek", "--model", "deepseek-v3.2", "--gpu", "mi325x", "--gpus", "8");
        Deployment qwenWritten = (Deployment) objectsOf(qwen).stream().filter(o -> o instanceof Deployment).findFirst()
                .orElseThrow();
        List<String> said = new CopyOnWriteArrayList<>();
        try (Watch controller = readyOnCreation();
             KubernetesDeployments deployments = KubernetesDeployments.open(client, NS,
                     Map.of("qwen", qwen, "deepseek", deepseek), Duration.ofSeconds(60), dir.resolve("logs"), said::add)) {
            deployments.prepare("qwen");
            Deployment sent = client.apps().deployments().inNamespace(NS).withName(qwenWritten.getMetadata().getName()).get();
            // What advise wrote is what the cluster got: image, command, arguments, GPUs, probes.
            assertThat(sent.getSpec().getTemplate().getSpec().getContainers())
                    .isEqualTo(qwenWritten.getSpec().getTemplate().getSpec().getContainers());
            assertThat(sent.getSpec().getTemplate().getSpec().getContainers().getFirst().getResources().getLimits())
                    .containsKey("amd.com/gpu");
            assertThat(client.services().inNamespace(NS).list().getItems()).hasSize(1);
            assertThat(said).contains("k8s: qwen is ready");

            deployments.prepare("deepseek");
            // The first condition is gone before the second runs: they would compete for the same GPUs.
            assertThat(client.apps().deployments().inNamespace(NS).withName(qwenWritten.getMetadata().getName()).get())
                    .isNull();
            assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).hasSize(1)
                    .allSatisfy(d -> assertThat(d.getMetadata().getName()).contains("deepseek"));
        }
        assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(client.services().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(said).anySatisfy(l -> assertThat(l).startsWith("k8s: deleted Deployment vllm-deepseek"));
    }

    @Test
    void aServerPodThatCrashesEndsTheRunWithItsReasonAndLogInTheResults(@TempDir Path dir) throws Exception {
        Path qwen = advise(dir, "qwen", "--model", "qwen3-235b-a22b", "--gpu", "mi325x", "--gpus", "8");
        Deployment written = (Deployment) objectsOf(qwen).stream().filter(o -> o instanceof Deployment).findFirst()
                .orElseThrow();
        String pod = written.getMetadata().getName() + "-7d9f8-x2x5q";
        client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(pod).withNamespace(NS)
                .withLabels(written.getSpec().getSelector().getMatchLabels()).endMetadata()
                .withNewStatus().withPhase("Running").addNewContainerStatus().withName("vllm")
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff").withMessage("back-off 40s restarting")
                .endWaiting().endState().endContainerStatus().endStatus().build()).create();
        server.expect().get().withPath("/api/v1/namespaces/serving/pods/" + pod + "/log?pretty=false")
                .andReturn(200, "INFO starting vLLM\nValueError: not enough GPU memory for the KV cache\n").always();
        List<String> said = new CopyOnWriteArrayList<>();
        try (KubernetesDeployments deployments = KubernetesDeployments.open(client, NS, Map.of("qwen", qwen),
                Duration.ofSeconds(60), dir.resolve("k8s-logs"), said::add)) {
            assertThatThrownBy(() -> deployments.prepare("qwen")).isInstanceOf(ExperimentException.class)
                    .hasMessageContaining("server pod " + pod + " container vllm CrashLoopBackOff")
                    .hasMessageContaining("server pod logs in " + dir.resolve("k8s-logs/qwen"));
            assertThat(Files.readString(dir.resolve("k8s-logs/qwen/" + pod + ".log")))
                    .contains("not enough GPU memory for the KV cache");
        }
        assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).isEmpty();
    }

    @Test
    void aConditionThatNeverGetsReadyIsGivenUpWithWhatItWaitedFor(@TempDir Path dir) throws Exception {
        Path qwen = advise(dir, "qwen", "--model", "qwen3-235b-a22b", "--gpu", "mi325x", "--gpus", "8");
        try (KubernetesDeployments deployments = KubernetesDeployments.open(client, NS, Map.of("qwen", qwen),
                Duration.ofSeconds(1), dir.resolve("k8s-logs"), l -> { })) {
            assertThatThrownBy(() -> deployments.prepare("qwen")).isInstanceOf(ExperimentException.class)
                    .hasMessageContaining("qwen not ready within 1 s (still waiting for Deployment vllm-qwen3-235b-a22b)");
        }
        assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).isEmpty();
    }

    @Test
    void whenTheProcessEndsFirstTheShutdownHookDeletesTheServer(@TempDir Path dir) throws Exception {
        Path qwen = advise(dir, "qwen", "--model", "qwen3-235b-a22b", "--gpu", "mi325x", "--gpus", "8");
        try (Watch controller = readyOnCreation()) {
            KubernetesDeployments deployments = KubernetesDeployments.open(client, NS, Map.of("qwen", qwen),
                    Duration.ofSeconds(60), dir.resolve("k8s-logs"), l -> { });
            deployments.prepare("qwen");
            assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).hasSize(1);
            deployments.shutdownHook().run();
            assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).isEmpty();
            assertThat(client.services().inNamespace(NS).list().getItems()).isEmpty();
            deployments.close();
        }
    }
}
