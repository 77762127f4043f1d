package dev.servebench.cli;

import dev.servebench.testing.EndToEnd;
import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.sim.perf.ServingOptions;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.server.FaultPlan;
import dev.servebench.sim.server.SimServer;
import dev.servebench.sim.text.AnswerLengths;
import dev.servebench.sim.text.ImageTokens;
import dev.servebench.json.Json;
import dev.servebench.testing.MockKubernetesTarget;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bench --workers 2 --k8s} against fabric8's Kubernetes API mock server: the CLI creates the Job, its
 * "pods" (workers started in this JVM with the Job's own arguments, as a kubelet would) run the levels, and
 * the Job is deleted at the end; a failed pod ends the run with its reason and log, and the Job is deleted too.
 */
@EndToEnd
@EnableKubernetesMockClient(crud = true)
class KubernetesBenchTest {
    private static final String NS = "bench";

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

    private static SimServer sim() throws Exception {
        SimulatedDeployment d = SimulatedDeployment.of(ModelCatalogue.load("qwen3-235b-a22b"),
                AcceleratorCatalogue.get("mi325x"), ServingOptions.defaults(8));
        return SimServer.start(d, "sim-model", "127.0.0.1", 0, ImageTokens.fixed(100), AnswerLengths.UNTIL_MAX_TOKENS,
                FaultPlan.NONE, Integer.MAX_VALUE);
    }

    /** Calls {@code onJob} with the first Job created in the namespace, on the watch's thread. */
    private AutoCloseable whenJobCreated(Consumer<Job> onJob) {
        return client.batch().v1().jobs().inNamespace(NS).watch(new Watcher<>() {
            private boolean seen;

            @Override
            public void eventReceived(Action action, Job job) {
                if (action == Action.ADDED && !seen) {
                    seen = true;
                    onJob.accept(job);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    @Test
    void theRunCreatesTheJobRunsOnItsPodsAndDeletesIt(@TempDir Path dir) throws Exception {
        CompletableFuture<Job> created = new CompletableFuture<>();
        List<Thread> pods = new ArrayList<>();
        try (SimServer sim = sim();
             AutoCloseable watch = whenJobCreated(job -> {
                 created.complete(job);
                 List<String> args = job.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs();
                 for (int i = 0; i < job.getSpec().getCompletions(); i++) {
                     List<String> withIndex = new ArrayList<>(args);
                     withIndex.addAll(List.of("--index", Integer.toString(i)));
                     pods.add(Thread.ofVirtual().start(() -> Main.execute(withIndex.toArray(String[]::new),
                             new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))));
                 }
             })) {
            Path out = dir.resolve("run");
            CliRunner run = CliRunner.run("bench", "--url", sim.baseUri().toString(), "--model", "sim-model",
                    "--workers", "2", "--k8s", "--image", "registry.example/servebench:0.1.0",
                    "--coordinator-address", "127.0.0.1", "--worker-cpu", "1", "--node-selector", "pool=loadgen",
                    "--phases", "scaling", "--scaling", "1,4", "--requests", "8", "--input-tokens", "32",
                    "--output-tokens", "8", "--ignore-eos", "--cooldown", "0s", "--no-db", "--no-report", "--quiet",
                    "--out", out.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            Job job = created.get(1, TimeUnit.SECONDS);
            assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
            assertThat(job.getSpec().getTemplate().getSpec().getNodeSelector()).containsEntry("pool", "loadgen");
            List<String> args = job.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs();
            assertThat(args).hasSize(3).startsWith("worker", "--coordinator");
            assertThat(args.get(2)).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(run.err()).contains("2 load workers joined", "deleted Job bench/" + job.getMetadata().getName());
            JsonNode levels = Json.mapper().readTree(out.resolve("summary.json").toFile()).path("levels");
            assertThat(levels.get(1).path("workers").path("planned").asInt()).isEqualTo(2);
            assertThat(levels.get(1).path("workers").path("finished").asInt()).isEqualTo(2);
            assertThat(levels.get(1).path("metrics").path("valid_requests").asInt()).isEqualTo(8);
            assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
        }
        for (Thread pod : pods) {
            pod.join(30_000);
            assertThat(pod.isAlive()).as("a worker pod still running after the run").isFalse();
        }
    }

    @Test
    void aFailedPodEndsTheRunWithItsReasonAndLogAndTheJobIsDeleted(@TempDir Path dir) throws Exception {
        try (SimServer sim = sim();
             AutoCloseable watch = whenJobCreated(job -> {
                 String pod = job.getMetadata().getName() + "-0-abcde";
                 server.expect().get().withPath("/api/v1/namespaces/bench/pods/" + pod + "/log?pretty=false&tailLines=20")
                         .andReturn(200, "servebench: error: cannot reach the coordinator\n").always();
                 client.pods().inNamespace(NS).resource(new PodBuilder()
                         .withNewMetadata().withName(pod).withNamespace(NS)
                         .withLabels(job.getSpec().getTemplate().getMetadata().getLabels()).endMetadata()
                         .withNewStatus().withPhase("Failed").addNewContainerStatus().withName("worker")
                         .withNewState().withNewTerminated().withExitCode(1).withReason("Error").endTerminated()
                         .endState().endContainerStatus().endStatus().build()).create();
             })) {
            CliRunner run = CliRunner.run("bench", "--url", sim.baseUri().toString(), "--model", "sim-model",
                    "--workers", "2", "--k8s", "--image", "registry.example/servebench:0.1.0",
                    "--coordinator-address", "127.0.0.1", "--phases", "scaling", "--scaling", "2", "--requests", "4",
                    "--cooldown", "0s", "--no-db", "--no-report", "--quiet", "--out", dir.resolve("run").toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_FAILURE);
            assertThat(run.err()).contains("exited with code 1 (Error)", "cannot reach the coordinator", "deleted Job bench/");
            assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
        }
    }

    @Test
    void ctrlCWhileThePodsStartDeletesTheJobAndSecret(@TempDir Path dir) throws Exception {
        CompletableFuture<Job> created = new CompletableFuture<>();
        try (SimServer sim = sim(); AutoCloseable watch = whenJobCreated(created::complete)) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dkubernetes.master=" + client.getMasterUrl()));
            MockKubernetesTarget.settings(NS).forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.servebench.cli.Main", "bench",
                    "--url", sim.baseUri().toString(), "--model", "sim-model",
                    // Any variable that is set: with a key, a Secret is created too, and must go as well.
                    "--api-key-env", "PATH",
                    "--workers", "3", "--k8s", "--image", "registry.example/servebench:0.1.0",
                    "--coordinator-address", "127.0.0.1", "--phases", "scaling", "--scaling", "2", "--requests", "4",
                    "--no-db", "--quiet", "--out", dir.resolve("run").toString()));
            Path err = dir.resolve("stderr.txt");
            Process child = new ProcessBuilder(dev.servebench.testing.SignalledChild.command(command))
                    .redirectErrorStream(true).redirectOutput(err.toFile()).start();
            try {
                Job job = created.get(120, TimeUnit.SECONDS);
                String secret = job.getMetadata().getName() + "-api-key";
                assertThat(client.secrets().inNamespace(NS).withName(secret).get()).isNotNull();
                // No pod ever joins: the coordinator is still waiting for them when the user presses Ctrl-C.
                dev.servebench.testing.SignalledChild.interrupt(child);
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child ended after SIGINT (%s)",
                        dev.servebench.testing.SignalledChild.state(child)).isTrue();
                assertThat(java.nio.file.Files.readString(err)).contains("deleted Job bench/" + job.getMetadata().getName()
                        + " and Secret " + secret);
                assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
                assertThat(client.secrets().inNamespace(NS).withName(secret).get()).isNull();
            } finally {
                child.destroyForcibly();
            }
        }
    }
}
