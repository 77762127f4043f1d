package dev.servebench.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests docs/kubernetes.md applies (deploy/kubernetes/) read as Kubernetes objects, their servebench
 * arguments are valid command lines, and the Role grants what bench --k8s and the deployment sweeps do.
 */
class DeployManifestsTest {
    private static final Path DIR = Path.of("deploy", "kubernetes");

    private static List<HasMetadata> load(String file) throws Exception {
        try (KubernetesClient client = new KubernetesClientBuilder().build();
             InputStream in = Files.newInputStream(DIR.resolve(file))) {
            return client.load(in).items();
        }
    }

    private static <T> T only(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    @Test
    void theCoordinatorJobRunsAValidBenchK8sCommandAsTheServiceAccountOfTheRole() throws Exception {
        Job job = only(load("coordinator.yaml"), Job.class);
        var pod = job.getSpec().getTemplate().getSpec();
        List<HasMetadata> rbac = load("rbac.yaml");
        assertThat(pod.getServiceAccountName()).isEqualTo(only(rbac, ServiceAccount.class).getMetadata().getName());
        var container = pod.getContainers().getFirst();
        assertThat(container.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("POD_IP");
            assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
        });
        List<String> args = container.getArgs();
        assertThat(args).contains("--k8s", "--workers=4");
        // Parses as the CLI would (a typo in the docs' manifest fails here, not on the user's cluster).
        Main.commandLine().parseArgs(args.toArray(String[]::new));
        Deployment sim = only(load("sim.yaml"), Deployment.class);
        Main.commandLine().parseArgs(sim.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs()
                .toArray(String[]::new));
    }

    @Test
    void theRoleGrantsWhatTheWorkersAndDeploymentSweepsDo() throws Exception {
        List<PolicyRule> rules = only(load("rbac.yaml"), Role.class).getRules();
        assertThat(allows(rules, "batch", "jobs", "create")).isTrue();
        assertThat(allows(rules, "batch", "jobs", "delete")).isTrue();
        assertThat(allows(rules, "", "secrets", "create")).isTrue();
        assertThat(allows(rules, "", "secrets", "delete")).isTrue();
        assertThat(allows(rules, "", "pods", "list")).isTrue();
        assertThat(allows(rules, "", "pods/log", "get")).isTrue();
        assertThat(allows(rules, "apps", "deployments", "watch")).isTrue();
        assertThat(allows(rules, "apps", "deployments", "delete")).isTrue();
        assertThat(allows(rules, "", "services", "create")).isTrue();
    }

    private static boolean allows(List<PolicyRule> rules, String group, String resource, String verb) {
        return rules.stream().anyMatch(r -> r.getApiGroups().contains(group) && r.getResources().contains(resource)
                && r.getVerbs().contains(verb));
    }
}
