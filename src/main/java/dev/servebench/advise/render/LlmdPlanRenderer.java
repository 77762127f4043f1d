package dev.servebench.advise.render;

import dev.servebench.advise.ClusterPlan;
import dev.servebench.advise.DeploymentPlan;
import dev.servebench.advise.DeploymentDefaults;
import dev.servebench.advise.Role;
import dev.servebench.advise.RolePlan;
import dev.servebench.model.AcceleratorCatalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.servebench.advise.render.KubernetesPlanRenderer.map;

/**
 * The prefill and decode pools as llm-d's P/D guide deploys them (or replicas as its inference-scheduling guide does) (llm-d guides/pd-disaggregation, modelserver
 * patch-prefill.yaml / patch-decode.yaml): one Deployment per role, pods labelled {@code llm-d.ai/role}, with the
 * role's vLLM arguments. The pod spec is {@link KubernetesPlanRenderer}'s. The guide has no Service for the model
 * servers (its InferencePool selects the pods), so none is rendered; the resources that need llm-d's CRDs or charts
 * are named in the header instead of rendered, because their schemas are not in the shipped Kubernetes subset.
 */
final class LlmdPlanRenderer {

    private LlmdPlanRenderer() {
    }

    static String render(ClusterPlan c, ManifestOptions options) {
        String base = KubernetesPlanRenderer.appName(c.modelName());
        base = base.length() > 55 ? base.substring(0, 55).replaceAll("-$", "") : base;
        KvNetwork network = options.kvNetwork().orElseGet(() -> KvNetwork.defaultFor(c.roles().getFirst().plan().gpu()));
        StringBuilder sb = new StringBuilder(header(c, network, options.onePerNode()));
        for (RolePlan r : c.roles()) {
            sb.append("---\n").append(KubernetesPlanRenderer.yaml(deployment(r, base, network, options.onePerNode())));
        }
        return sb.toString();
    }

    private static Map<String, Object> deployment(RolePlan r, String base, KvNetwork network, boolean onePerNode) {
        // Replicas serve whole requests: llm-d's inference-scheduling guide runs them as its decode pool, which the
        // InferencePool selects, with no prefill pool and no sidecar.
        String role = r.role() == Role.REPLICA ? Role.DECODE.key() : r.role().key();
        String name = base + "-" + role;
        // llm-d's labels: the role the inference scheduler routes by, and the serving marker its InferencePool selects.
        Map<String, Object> labels = map("app", name, "llm-d.ai/inferenceServing", "true", "llm-d.ai/model", base,
                "llm-d.ai/role", role);
        if (r.role() == Role.REPLICA) {
            Map<String, Object> d = KubernetesPlanRenderer.deployment(r.plan(), name, labels, r.instances(), List.of());
            if (onePerNode) {
                KubernetesPlanRenderer.onePerNode(d, labels);
            }
            return d;
        }
        int nixlPort = DeploymentDefaults.nixlSideChannelPort();
        // NIXL's side channel must advertise an address and a port the other role can reach: the pod IP, as llm-d's
        // patches do, and the handshake port, exposed on the pod.
        List<Object> env = new ArrayList<>(List.of(map("name", "VLLM_NIXL_SIDE_CHANNEL_HOST",
                        "valueFrom", map("fieldRef", map("fieldPath", "status.podIP"))),
                map("name", "VLLM_NIXL_SIDE_CHANNEL_PORT", "value", Integer.toString(nixlPort))));
        // NIXL moves the KV through UCX, whose transports must name the network and the GPU's memory (ROCm or CUDA).
        DeploymentDefaults.ucxEnv(network.key(), r.plan().gpu().isRocm())
                .forEach((k, v) -> env.add(map("name", k, "value", v)));
        List<Object> nixl = List.of(map("name", "nixl", "containerPort", nixlPort));
        Map<String, Object> d;
        if (r.role() == Role.DECODE) {
            // The routing sidecar takes the pod's serving port, sends each prompt to the prefill pod the scheduler
            // picked, then hands the request to vLLM behind it (llm-d's patch-decode.yaml).
            int vllmPort = DeploymentDefaults.llmdDecodeVllmPort();
            Map<String, Object> sidecar = map("name", "routing-proxy",
                    "image", DeploymentDefaults.llmdRoutingSidecarImage(),
                    "args", List.of("--port=" + DeploymentDefaults.port(), "--vllm-port=" + vllmPort,
                            "--connector=nixlv2"),
                    "ports", List.of(map("name", "http", "containerPort", DeploymentDefaults.port())));
            d = KubernetesPlanRenderer.deployment(r.plan(), name, labels, r.instances(), env, vllmPort, nixl,
                    List.of(sidecar));
        } else {
            d = KubernetesPlanRenderer.deployment(r.plan(), name, labels, r.instances(), env,
                    DeploymentDefaults.port(), nixl, List.of());
        }
        Map<String, Object> container = KubernetesPlanRenderer.vllmContainer(d);
        // RDMA transfers pin (register) KV memory, which needs IPC_LOCK, as in llm-d's AMD and NVIDIA patches.
        container.put("securityContext", map("capabilities", map("add", List.of("IPC_LOCK"))));
        if (network == KvNetwork.RDMA) {
            // Each GPU's rank sends its share of the KV through its own NIC: as many RDMA NICs as GPUs in the pod,
            // times the NICs per GPU of the node (interconnects.json).
            int nics = r.plan().gpuCount()
                    * AcceleratorCatalogue.interconnect(r.plan().gpu().id()).scaleOut().nicsPerGpu();
            @SuppressWarnings("unchecked")
            Map<String, Object> limits = (Map<String, Object>) ((Map<?, ?>) container.get("resources")).get("limits");
            limits.put(DeploymentDefaults.rdmaNicResource(), nics);
        }
        return d;
    }

    private static String header(ClusterPlan c, KvNetwork network, boolean onePerNode) {
        DeploymentPlan p = c.roles().get(0).plan();
        List<String> lines = new ArrayList<>();
        lines.add(c.modelName() + " as " + c.shape().label() + " on " + c.nodes() + " node(s) x " + c.gpusPerNode()
                + " " + p.gpu().name() + ", vLLM " + p.version() + ", goal " + p.goal().key()
                + " (servebench advise --format llm-d)");
        if (c.disaggregated()) {
            lines.add("Rendered: one Deployment per role (llm-d.ai/role prefill / decode), KV over NixlConnector (its");
            lines.add("side channel on port " + DeploymentDefaults.nixlSideChannelPort() + "); decode pods run llm-d's"
                    + " routing sidecar on " + DeploymentDefaults.port() + " and vLLM on "
                    + DeploymentDefaults.llmdDecodeVllmPort() + ".");
            lines.add("Not rendered, apply from llm-d's guide (guides/pd-disaggregation, helmfile): the InferencePool and its");
            lines.add("endpoint picker (gateway-api-inference-extension inferencepool chart, P/D scheduler config), the");
            lines.add("Gateway (llm-d-infra chart) and HTTPRoute (httproute.yaml).");
            if (network == KvNetwork.RDMA) {
                lines.add("KV over RDMA: each pod asks for one " + DeploymentDefaults.rdmaNicResource() + " NIC per GPU"
                        + " (the RDMA device plugin's resource name: check");
                lines.add("yours) and sets UCX_TLS " + DeploymentDefaults.ucxEnv(network.key(), p.gpu().isRocm())
                        .get("UCX_TLS") + ". On RoCE also set UCX_IB_GID_INDEX to your fabric's RoCE v2");
                lines.add("GID (often 3), and UCX_NET_DEVICES if UCX picks the wrong NICs. No RDMA device plugin:"
                        + " --kv-network tcp.");
            } else {
                lines.add("KV over TCP (--kv-network tcp): UCX_TLS " + DeploymentDefaults.ucxEnv(network.key(),
                        p.gpu().isRocm()).get("UCX_TLS") + ", no RDMA NICs requested; KV hand-overs are");
                lines.add("slower than the plan's link (servebench plan --inter-node-gbps models a slower one).");
            }
        } else {
            lines.add("Rendered: the replicas as llm-d's decode pool (llm-d.ai/role decode, as the inference-scheduling");
            lines.add("guide runs whole-request replicas), no prefill pool" + (onePerNode ? ", one replica per node"
                    : "") + ". Not rendered, apply from llm-d's guide");
            lines.add("(guides/inference-scheduling, helmfile): the InferencePool and its endpoint picker, the Gateway");
            lines.add("and HTTPRoute.");
        }
        lines.add("The Hugging Face token comes from Secret hf-token, key token (llm-d's charts use llm-d-hf-token).");
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append("# ").append(l).append('\n'));
        return sb.toString();
    }
}
