package dev.servebench.cli;

import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.server.FaultPlan;
import dev.servebench.sim.server.SimServer;
import dev.servebench.sim.text.AnswerLengths;
import dev.servebench.sim.text.ImageTokens;
import dev.servebench.testing.MockKubernetesTarget;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code experiment ablation --condition NAME=k8s:FILE} against fabric8's mock API: each run applies its
 * condition's manifests (advise --format k8s output) after deleting the previous condition's, waits for the
 * Deployment to be ready (the test plays its controller), benchmarks the target, and nothing is left at the end.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesExperimentTest {
    private static final String NS = "serving";

    KubernetesMockServer server;
    KubernetesClient client;

    @BeforeEach
    void pointTheCliAtTheMock() {
        MockKubernetesTarget.pointAt(client, NS);
    }

    @AfterEach
    void forgetTheMock() {
        MockKubernetesTarget.forget();
    }

    @Test
    void ablationConditionsAreDeploymentsAppliedInTurnAndDeleted(@TempDir Path dir) throws Exception {
        Path on = dir.resolve("aiter-on.yaml");
        Path off = dir.resolve("aiter-off.yaml");
        Files.writeString(on, CliRunner.run("advise", "--model", "qwen3-235b-a22b", "--gpu", "mi325x", "--gpus", "8",
                "--format", "k8s").out());
        // The same server with AITER off: another name, so the test can tell which condition is deployed.
        Files.writeString(off, Files.readString(on).replace("vllm-qwen3-235b-a22b", "vllm-qwen3-no-aiter")
                .replace("VLLM_ROCM_USE_AITER\n          value: \"1\"", "VLLM_ROCM_USE_AITER\n          value: \"0\""));
        List<String> deployed = new CopyOnWriteArrayList<>();
        SimulatedDeployment d = SimulatedDeployment.of(ModelCatalogue.load("qwen3-235b-a22b"),
                AcceleratorCatalogue.get("mi325x"), ServingOptions.defaults(8));
        try (SimServer sim = SimServer.start(d, "sim-model", "127.0.0.1", 0, ImageTokens.fixed(100),
                AnswerLengths.UNTIL_MAX_TOKENS, FaultPlan.NONE, Integer.MAX_VALUE);
             Watch controller = client.apps().deployments().inNamespace(NS).watch(new Watcher<>() {
                 @Override
                 public void eventReceived(Action action, Deployment dep) {
                     if (action == Action.ADDED) {
                         // With how many servers deployed: one condition at a time, the other deleted first.
                         deployed.add(dep.getMetadata().getName() + " "
                                 + dep.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv().stream()
                                 .filter(e -> e.getName().equals("VLLM_ROCM_USE_AITER")).findFirst().orElseThrow().getValue()
                                 + " of " + client.apps().deployments().inNamespace(NS).list().getItems().size());
                         client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder(dep).withNewStatus()
                                 .withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1).withUpdatedReplicas(1)
                                 .endStatus().build()).updateStatus();
                     }
                 }

                 @Override
                 public void onClose(WatcherException cause) {
                 }
             })) {
            CliRunner run = CliRunner.run("experiment", "ablation", "--url", sim.baseUri().toString(), "--model",
                    "sim-model", "-n", "2", "--condition", "on=k8s:" + on, "--condition", "off=k8s:" + off,
                    "--phases", "scaling", "--scaling", "2", "--requests", "4", "--input-tokens", "16",
                    "--output-tokens", "8", "--ignore-eos", "--cooldown", "0s", "--no-db",
                    "--out", dir.resolve("abl").toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            // A B A B: each run on a fresh deployment of its condition.
            assertThat(deployed).containsExactly("vllm-qwen3-235b-a22b 1 of 1", "vllm-qwen3-no-aiter 0 of 1",
                    "vllm-qwen3-235b-a22b 1 of 1", "vllm-qwen3-no-aiter 0 of 1");
            assertThat(run.err()).contains("k8s: on is ready", "k8s: deleted Deployment vllm-qwen3-no-aiter; Service");
        }
        assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(client.services().inNamespace(NS).list().getItems()).isEmpty();
    }
}
