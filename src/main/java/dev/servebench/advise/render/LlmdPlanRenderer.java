package dev.servebench.advise.render;

import dev.servebench.BadInputException;
import dev.servebench.advise.ClusterPlan;
import dev.servebench.advise.DeploymentPlan;
import dev.servebench.advise.RolePlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.servebench.advise.render.KubernetesPlanRenderer.map;

/**
 * The prefill and decode pools as llm-d's P/D guide deploys them (llm-d guides/pd-disaggregation, modelserver
 * patch-prefill.yaml / patch-decode.yaml): one Deployment per role, pods labelled {@code llm-d.ai/role}, with the
 * role's vLLM arguments. The pod spec is {@link KubernetesPlanRenderer}'s. The guide has no Service for the model
 * servers (its InferencePool selects the pods), so none is rendered; the resources that need llm-d's CRDs or charts
 * are named in the header instead of rendered, because their schemas are not in the shipped Kubernetes subset.
 */
final class LlmdPlanRenderer {

    private LlmdPlanRenderer() {
    }

    static String render(ClusterPlan c) {
        if (!c.disaggregated()) {
            throw new BadInputException("--format llm-d renders prefill and decode pools: give --disaggregate xPyD "
                    + "(for replicas use --format text or shell)");
        }
        String base = KubernetesPlanRenderer.appName(c.modelName());
        base = base.length() > 55 ? base.substring(0, 55).replaceAll("-$", "") : base;
        StringBuilder sb = new StringBuilder(header(c));
        for (RolePlan r : c.roles()) {
            sb.append("---\n").append(KubernetesPlanRenderer.yaml(deployment(r, base)));
        }
        return sb.toString();
    }

    private static Map<String, Object> deployment(RolePlan r, String base) {
        String name = base + "-" + r.role().key();
        // llm-d's labels: the role the inference scheduler routes by, and the serving marker its InferencePool selects.
        Map<String, Object> labels = map("app", name, "llm-d.ai/inferenceServing", "true", "llm-d.ai/model", base,
                "llm-d.ai/role", r.role().key());
        // NIXL's side channel must advertise an address the other role can reach: the pod IP, as llm-d's patches do.
        List<Object> env = List.of(map("name", "VLLM_NIXL_SIDE_CHANNEL_HOST",
                "valueFrom", map("fieldRef", map("fieldPath", "status.podIP"))));
        Map<String, Object> d = KubernetesPlanRenderer.deployment(r.plan(), name, labels, r.instances(), env);
        @SuppressWarnings("unchecked")
        Map<String, Object> container = (Map<String, Object>) ((List<?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>)
                d.get("spec")).get("template")).get("spec")).get("containers")).get(0);
        // RDMA transfers pin (register) KV memory, which needs IPC_LOCK, as in llm-d's AMD and NVIDIA patches.
        container.put("securityContext", map("capabilities", map("add", List.of("IPC_LOCK"))));
        return d;
    }

    private static String header(ClusterPlan c) {
        DeploymentPlan p = c.roles().get(0).plan();
        List<String> lines = new ArrayList<>();
        lines.add(c.modelName() + " as " + c.shape().label() + " on " + c.nodes() + " node(s) x " + c.gpusPerNode()
                + " " + p.gpu().name() + ", vLLM " + p.version() + ", goal " + p.goal().key()
                + " (servebench advise --format llm-d)");
        lines.add("Rendered: one Deployment per role (llm-d.ai/role prefill / decode), KV over NixlConnector.");
        lines.add("Not rendered, apply from llm-d's guide (guides/pd-disaggregation, helmfile): the InferencePool and its");
        lines.add("endpoint picker (gateway-api-inference-extension inferencepool chart, P/D scheduler config), the");
        lines.add("Gateway (llm-d-infra chart) and HTTPRoute (httproute.yaml), and the routing sidecar on decode pods");
        lines.add("(llm-d-modelservice chart); with the sidecar on port 8000, move decode vLLM to another port");
        lines.add("(llm-d's patch-decode.yaml uses --port=8200). RDMA NIC resources are cluster-specific: add them.");
        lines.add("The Hugging Face token comes from Secret hf-token, key token (llm-d's charts use llm-d-hf-token).");
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append("# ").append(l).append('\n'));
        return sb.toString();
    }
}
