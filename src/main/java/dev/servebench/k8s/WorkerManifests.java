package dev.servebench.k8s;

import dev.servebench.client.ApiKey;
import dev.servebench.distributed.WorkerSetup;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects {@code bench --k8s} creates: an Indexed Job of load workers and, with a key, the Secret they
 * read it from. The key is only ever in the Secret; the Job refers to it by name.
 */
public final class WorkerManifests {
    /** The Secret's key holding the API key. */
    public static final String SECRET_KEY = "api-key";
    /** The workers' pods are cleaned up by Kubernetes after this long even if servebench could not. */
    static final int TTL_AFTER_FINISHED_SECONDS = 600;

    private WorkerManifests() {
    }

    /** The labels on the Job, its pods and the Secret. */
    public static Map<String, String> labels(String name) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "servebench");
        labels.put("app.kubernetes.io/component", "load-worker");
        labels.put("app.kubernetes.io/instance", name);
        return labels;
    }

    public static Job job(WorkerJobSpec spec) {
        List<EnvVar> env = new ArrayList<>();
        if (spec.withApiKey()) {
            env.add(new EnvVarBuilder().withName(WorkerSetup.API_KEY_ENV).withNewValueFrom().withNewSecretKeyRef()
                    .withName(spec.secretName()).withKey(SECRET_KEY).endSecretKeyRef().endValueFrom().build());
        }
        Map<String, Quantity> resources = new LinkedHashMap<>();
        spec.cpu().ifPresent(c -> resources.put("cpu", new Quantity(c)));
        spec.memory().ifPresent(m -> resources.put("memory", new Quantity(m)));
        return new JobBuilder()
                .withNewMetadata().withName(spec.name()).withNamespace(spec.namespace()).withLabels(labels(spec.name()))
                .endMetadata()
                .withNewSpec()
                .withCompletionMode("Indexed").withCompletions(spec.workers()).withParallelism(spec.workers())
                // A worker that fails is reported and the level goes on without it: a retried pod would join late.
                .withBackoffLimit(0)
                .withTtlSecondsAfterFinished(TTL_AFTER_FINISHED_SECONDS)
                .withNewTemplate()
                .withNewMetadata().withLabels(labels(spec.name())).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withNodeSelector(spec.nodeSelector().isEmpty() ? null : spec.nodeSelector())
                .addNewContainer()
                .withName("worker").withImage(spec.image())
                // The index comes from JOB_COMPLETION_INDEX, which Kubernetes sets in each pod of an Indexed Job.
                .withArgs("worker", "--coordinator", spec.coordinator())
                .withEnv(env)
                .withResources(resources.isEmpty() ? null
                        : new ResourceRequirementsBuilder().withRequests(resources).withLimits(resources).build())
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    public static Secret apiKeySecret(WorkerJobSpec spec, ApiKey key) {
        String encoded = Base64.getEncoder().encodeToString(key.revealForSecretStore().getBytes(StandardCharsets.UTF_8));
        return new SecretBuilder()
                .withNewMetadata().withName(spec.secretName()).withNamespace(spec.namespace())
                .withLabels(labels(spec.name())).endMetadata()
                .withType("Opaque")
                .withData(Map.of(SECRET_KEY, encoded))
                .build();
    }
}
