package dev.servebench.advise.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.servebench.advise.DeploymentDefaults;
import dev.servebench.advise.DeploymentPlan;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A Kubernetes Deployment and Service running the plan. */
public final class KubernetesPlanRenderer implements PlanRenderer {

    // Minimal quotes for readability, but a string that looks like a number ("8", "0.90") keeps its
    // quotes: args, command and env values are strings in the Kubernetes API, and the API server
    // rejects a YAML number there. Words YAML reads as booleans or null (on, yes, null) are quoted
    // by MINIMIZE_QUOTES itself.
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    @Override
    public String render(DeploymentPlan p) {
        String name = appName(p.modelName());
        int port = DeploymentDefaults.port();
        try {
            return LaunchCommand.header(p) + "\n---\n" + YAML.writeValueAsString(deployment(p, name, map("app", name), 1, List.of()))
                    + "---\n" + YAML.writeValueAsString(service(name, port));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String appName(String modelName) {
        String s = ("vllm-" + modelName).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-+", "-");
        s = s.length() > 63 ? s.substring(0, 63) : s;
        return s.replaceAll("-$", "");
    }

    /**
     * The Deployment of {@code replicas} identical pods running the plan; the llm-d renderer reuses it with its own
     * labels and extra environment entries (Kubernetes EnvVar objects).
     */
    static Map<String, Object> deployment(DeploymentPlan p, String name, Map<String, Object> labels, int replicas,
                                          List<Object> extraEnv) {
        return deployment(p, name, labels, replicas, extraEnv, DeploymentDefaults.port(), List.of(), List.of());
    }

    /**
     * The same on vLLM port {@code port} (added to its arguments when it is not vLLM's default), with more ports on
     * the vLLM container and more containers in the pod (llm-d's routing sidecar).
     */
    static Map<String, Object> deployment(DeploymentPlan p, String name, Map<String, Object> labels, int replicas,
                                          List<Object> extraEnv, int port, List<Object> extraPorts,
                                          List<Object> extraContainers) {
        boolean rocm = p.gpu().isRocm();
        // The device plugins' resource names: AMD's ROCm k8s-device-plugin and NVIDIA's (vLLM docs/deployment/k8s.md).
        String gpuResource = rocm ? "amd.com/gpu" : "nvidia.com/gpu";
        List<Object> env = new ArrayList<>();
        // The token never appears in the manifest: it comes from a Secret (vLLM docs/deployment/k8s.md). Optional,
        // because the same docs say the Secret is only needed for gated models.
        env.add(map("name", "HF_TOKEN", "valueFrom", map("secretKeyRef",
                map("name", "hf-token", "key", "token", "optional", true))));
        p.env().forEach((k, v) -> env.add(map("name", k, "value", v)));
        env.addAll(extraEnv);

        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "vllm");
        container.put("image", DeploymentDefaults.image(rocm, p.version()));
        container.put("command", List.of("vllm"));
        List<String> args = new ArrayList<>(LaunchCommand.serveArgs(p));
        if (port != DeploymentDefaults.port()) {
            args.add("--port");
            args.add(Integer.toString(port));
        }
        container.put("args", args);
        container.put("env", env);
        List<Object> ports = new ArrayList<>();
        ports.add(map("name", port == DeploymentDefaults.port() ? "http" : "vllm", "containerPort", port));
        ports.addAll(extraPorts);
        container.put("ports", ports);
        container.put("resources", map("limits", map(gpuResource, p.gpuCount())));
        container.put("volumeMounts", List.of(map("name", "dshm", "mountPath", "/dev/shm"),
                map("name", "hf-cache", "mountPath", "/root/.cache/huggingface")));
        // Large checkpoints load for many minutes. The startup probe gets a long window, and Kubernetes runs the
        // liveness and readiness probes only once it has passed, so they can stay short.
        container.put("startupProbe", probe(port, DeploymentDefaults.startupProbe()));
        container.put("readinessProbe", probe(port, DeploymentDefaults.readinessProbe()));
        container.put("livenessProbe", probe(port, DeploymentDefaults.livenessProbe()));

        Map<String, Object> podSpec = new LinkedHashMap<>();
        List<Object> containers = new ArrayList<>();
        containers.add(container);
        containers.addAll(extraContainers);
        podSpec.put("containers", containers);
        // PyTorch shares tensors between the tensor-parallel workers through /dev/shm, of which a container gets
        // only 64 MB by default (Docker, containerd): a memory-backed emptyDir with a size limit, as in vLLM's k8s
        // examples; the limit keeps it from growing into the memory the node needs.
        podSpec.put("volumes", List.of(
                map("name", "dshm", "emptyDir", map("medium", "Memory",
                        "sizeLimit", DeploymentDefaults.shmSizeLimit(rocm))),
                map("name", "hf-cache", "emptyDir", map())));

        return map("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", map("name", name, "labels", labels),
                "spec", map("replicas", replicas, "selector", map("matchLabels", labels),
                        "template", map("metadata", map("labels", labels), "spec", podSpec)));
    }

    /** vLLM's OpenAI server answers {@code GET /health} with 200 once the engine is up. */
    private static Map<String, Object> probe(int port, DeploymentDefaults.ProbeTiming timing) {
        return map("httpGet", map("path", "/health", "port", port),
                "periodSeconds", timing.periodSeconds(), "failureThreshold", timing.failureThreshold());
    }

    /**
     * A Deployment of {@code replicas} pods of the plan and its Service: a cluster plan's replicas, spread one per
     * node when {@code onePerNode}.
     */
    static String replicas(DeploymentPlan p, int replicas, boolean onePerNode, String header) {
        String name = appName(p.modelName());
        Map<String, Object> labels = map("app", name);
        Map<String, Object> d = deployment(p, name, labels, replicas, List.of());
        if (onePerNode) {
            onePerNode(d, labels);
        }
        return header + "---\n" + yaml(d) + "---\n" + yaml(service(name, DeploymentDefaults.port()));
    }

    /**
     * No two of the Deployment's pods on one node: a required anti-affinity to pods with its own labels, keyed by the
     * node's hostname label (Kubernetes' well-known {@code kubernetes.io/hostname}).
     */
    static void onePerNode(Map<String, Object> deployment, Map<String, Object> labels) {
        podSpec(deployment).put("affinity", map("podAntiAffinity", map("requiredDuringSchedulingIgnoredDuringExecution",
                List.of(map("labelSelector", map("matchLabels", labels), "topologyKey", "kubernetes.io/hostname")))));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> podSpec(Map<String, Object> deployment) {
        return (Map<String, Object>) ((Map<?, ?>) ((Map<?, ?>) deployment.get("spec")).get("template")).get("spec");
    }

    /** The vLLM container, the pod's first. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> vllmContainer(Map<String, Object> deployment) {
        return (Map<String, Object>) ((List<?>) podSpec(deployment).get("containers")).get(0);
    }

    private static Map<String, Object> service(String name, int port) {
        return map("apiVersion", "v1", "kind", "Service",
                "metadata", map("name", name),
                "spec", map("selector", map("app", name),
                        "ports", List.of(map("name", "http", "port", port, "targetPort", port))));
    }

    static String yaml(Object document) {
        try {
            return YAML.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
