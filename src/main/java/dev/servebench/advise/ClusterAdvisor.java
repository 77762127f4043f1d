package dev.servebench.advise;

import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.Interconnect;
import dev.servebench.model.KvCacheDtype;
import dev.servebench.model.ModelArchitecture;
import dev.servebench.sim.cluster.ClusterShape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans a cluster: aggregated replicas or disaggregated prefill/decode pools (SPEC.md section 7). Each instance is
 * planned by {@link Advisor} on its own GPUs (memory, quantization, AITER, KV format per role), then the role rules
 * (P3-P7) adjust it, and the placement rules (P1, P2) put every instance inside one node.
 */
public final class ClusterAdvisor {

    private ClusterAdvisor() {
    }

    /** The TP a role gets when the user does not give one: what the single-node advisor picks for one node. */
    public static int defaultTp(AdviseRequest base, int gpusPerNode) {
        AdviseRequest node = new AdviseRequest(base.model(), base.gpu(), gpusPerNode, base.version(), base.goal(),
                base.contextTokens(), base.quantization(), java.util.OptionalInt.empty());
        return Advisor.plan(node).tp();
    }

    /** @throws AdviceRefusedException naming the rule when the shape is impossible */
    public static ClusterPlan plan(ClusterRequest req) {
        ModelArchitecture m = req.base().model().architecture();
        List<PlacementRule.Demand> demands = new ArrayList<>();
        boolean heterogeneousTp = false;
        switch (req.shape()) {
            case ClusterShape.Aggregated a -> {
                PlacementRule.checkTp(m, Role.REPLICA, a.tp(), req.gpusPerNode(), "--tp");
                demands.add(new PlacementRule.Demand(Role.REPLICA, a.replicas(), a.tp()));
            }
            case ClusterShape.Disaggregated d -> {
                PlacementRule.checkTp(m, Role.PREFILL, d.prefillTp(), req.gpusPerNode(), "--prefill-tp");
                PlacementRule.checkTp(m, Role.DECODE, d.decodeTp(), req.gpusPerNode(), "--decode-tp");
                demands.add(new PlacementRule.Demand(Role.PREFILL, d.prefillInstances(), d.prefillTp()));
                demands.add(new PlacementRule.Demand(Role.DECODE, d.decodeInstances(), d.decodeTp()));
                heterogeneousTp = d.prefillTp() != d.decodeTp();
            }
        }
        List<Placement> placements = PlacementRule.place(demands, req.nodes(), req.gpusPerNode());
        boolean crossesNodes = demands.size() > 1 && placements.stream().map(Placement::node).distinct().count() > 1;
        String path = kvPath(req, crossesNodes);

        List<RolePlan> roles = new ArrayList<>();
        for (PlacementRule.Demand d : demands) {
            List<Placement> mine = placements.stream().filter(p -> p.role() == d.role()).toList();
            roles.add(new RolePlan(d.role(), d.instances(), role(req, d, heterogeneousTp, path), mine));
        }
        if (roles.size() == 2) {
            checkCompatible(roles.get(0).plan(), roles.get(1).plan());
        }

        List<Decision> decisions = new ArrayList<>();
        decisions.add(new Decision("shape", req.shape().label(), shapeWhy(req.shape()), RuleId.P1));
        decisions.add(PlacementRule.explain(placements, req.nodes(), req.gpusPerNode()));
        return new ClusterPlan(req.base().model().name(), req.shape(), req.nodes(), req.gpusPerNode(), roles, decisions,
                warnings(req, m, crossesNodes));
    }

    /**
     * One instance of {@code role} at TP {@code tp}, as a cluster plan launches it before the role's launch flags
     * (attention backend, connector): memory, quantization, AITER, KV format and the role's scheduling budgets.
     * {@code plan} simulates exactly this.
     *
     * @throws AdviceRefusedException naming the rule when no such instance can run
     */
    public static DeploymentPlan instance(AdviseRequest base, Role role, int tp) {
        AdviseRequest one = new AdviseRequest(base.model(), base.gpu(), tp, base.version(), base.goal(),
                base.contextTokens(), base.quantization(), java.util.OptionalInt.of(tp));
        try {
            return Advisor.plan(one, RoleRules.scheduling(role, one.model().architecture(), one.goal(), one.version()));
        } catch (AdviceRefusedException e) {
            throw new AdviceRefusedException(e.rule(), role.key() + " instance of TP " + tp + ": "
                    + e.getMessage().replaceFirst("^refused by rule \\w+: ", "") + " (or give the "
                    + role.key() + " role a larger TP)");
        }
    }

    private static DeploymentPlan role(ClusterRequest req, PlacementRule.Demand d, boolean heterogeneousTp, String path) {
        DeploymentPlan base = instance(req.base(), d.role(), d.tp());
        List<Decision> decisions = new ArrayList<>(base.decisions());
        int heads = base.architecture().attention().heads();
        decisions.replaceAll(x -> !x.setting().equals("tensor-parallel-size") ? x : new Decision(x.setting(), x.value(),
                "the shape's " + d.role().key() + " TP, inside one node; " + heads + " heads / " + d.tp() + " = "
                        + heads / d.tp() + " per GPU", RuleId.P2));
        Map<String, String> env = new LinkedHashMap<>(base.env());
        List<String> args = new ArrayList<>(base.servingArgs());

        Optional<RoleRules.Backend> backend = RoleRules.attention(base.architecture(), base.gpu(), base.aiter(),
                base.version(), heterogeneousTp);
        backend.ifPresent(b -> {
            decisions.add(b.decision());
            if (b.viaFlag()) {
                args.add("--attention-backend");
                args.add(b.name());
            } else if (b.name().equals(RoleRules.UNIFIED_BACKEND)) {
                env.put(RoleRules.UNIFIED_ENV, "1");
                env.put(RoleRules.AITER_MHA_ENV, "0");
            } else {
                env.put(AttentionBackendRule.ENV, b.name());
            }
        });
        RoleRules.quickReduce(d.role(), base.gpu(), d.tp(), base.version()).ifPresent(q -> {
            decisions.replaceAll(x -> x.setting().equals("all-reduce") ? q : x);
            env.put(AllReduceRule.ENV, q.value());
        });
        if (d.role() != Role.REPLICA) {
            decisions.add(RoleRules.connector(d.role(), path));
            args.add("--kv-transfer-config");
            args.add(RoleRules.KV_TRANSFER_CONFIG);
        }
        return base.withLaunch(decisions, env, args, base.warnings());
    }

    /** P5: NIXL's handshake refuses a pair whose attention backend or KV cache dtype differ. */
    private static void checkCompatible(DeploymentPlan prefill, DeploymentPlan decode) {
        if (prefill.kvCacheDtype() != decode.kvCacheDtype()) {
            KvCacheDtype fp8 = prefill.kvCacheDtype() == KvCacheDtype.AUTO ? decode.kvCacheDtype() : prefill.kvCacheDtype();
            String needs = prefill.kvCacheDtype() == KvCacheDtype.AUTO ? "decode" : "prefill";
            throw new AdviceRefusedException(RuleId.P5, "the " + needs + " role needs a " + fp8.vllmName()
                    + " KV cache to fit one context, the other role does not, and NIXL refuses KV caches of different "
                    + "dtypes; give the " + needs + " role a larger TP or lower --context");
        }
        if (prefill.architecture().attention().kind().isMla() && prefill.aiter().mla() != decode.aiter().mla()) {
            int heads = prefill.architecture().attention().heads();
            throw new AdviceRefusedException(RuleId.P5, "AITER MLA serves " + heads / (prefill.aiter().mla()
                    ? prefill.tp() : decode.tp()) + " heads per GPU but not " + heads / (prefill.aiter().mla()
                    ? decode.tp() : prefill.tp()) + " (C3), so prefill and decode would run different attention "
                    + "backends, which NIXL refuses; give both roles TP sizes AITER MLA supports, e.g. the same TP");
        }
    }

    private static String kvPath(ClusterRequest req, boolean crossesNodes) {
        Interconnect link = AcceleratorCatalogue.interconnect(req.base().gpu().id());
        if (req.shape() instanceof ClusterShape.Aggregated) {
            return "nowhere (replicas serve whole requests)";
        }
        return crossesNodes
                ? String.format("between nodes over %s (%.0f GB/s per GPU per direction, interconnects.json)",
                link.scaleOut().nic(), link.scaleOut().nicsPerGpu() * link.scaleOut().gbPerS())
                : String.format("inside the node over %s (%.0f GB/s per GPU pair per direction, interconnects.json)",
                link.scaleUp().link(), link.scaleUp().peerGbPerS());
    }

    private static String shapeWhy(ClusterShape shape) {
        return switch (shape) {
            case ClusterShape.Aggregated a -> a.replicas() + " replica(s) of TP " + a.tp() + " behind a router, each "
                    + "serving whole requests";
            case ClusterShape.Disaggregated d -> d.prefillInstances() + " prefill instance(s) of TP " + d.prefillTp()
                    + " hand their KV to " + d.decodeInstances() + " decode instance(s) of TP " + d.decodeTp()
                    + "; `servebench plan` predicts which shape wins at which concurrency and SLO";
        };
    }

    private static List<String> warnings(ClusterRequest req, ModelArchitecture m, boolean crossesNodes) {
        List<String> out = new ArrayList<>();
        if (!(req.shape() instanceof ClusterShape.Disaggregated)) {
            return out;
        }
        if (m.hasVision()) {
            out.add("NixlConnector's compatibility matrix lists multimodal models as not yet validated for P/D "
                    + "(vLLM docs/features/nixl_connector_compatibility.md)");
        }
        if (crossesNodes) {
            out.add("prefill and decode run on different nodes: each instance must advertise its own address in "
                    + "VLLM_NIXL_SIDE_CHANNEL_HOST (the llm-d manifests take it from the pod IP), and UCX needs the "
                    + "RDMA NICs (the llm-d manifests ask for one rdma/ib per GPU; --kv-network tcp where there is no RDMA)");
        }
        return out;
    }
}
