package dev.servebench.report;

import dev.servebench.advise.Decision;
import dev.servebench.advise.DeploymentPlan;
import dev.servebench.advise.MemoryEstimate;
import dev.servebench.model.MemoryCalibration;
import dev.servebench.model.OnlineQuantization;
import dev.servebench.model.WeightFootprint;
import dev.servebench.model.WeightMemory;

import java.util.ArrayList;
import java.util.List;

/** The advisor's {@link DeploymentPlan} in the shape a report shows. */
public final class AdvisorPlans {
    private AdvisorPlans() {
    }

    public static AdvisorPlan from(DeploymentPlan plan) {
        List<String> reasons = new ArrayList<>();
        for (Decision d : plan.decisions()) {
            reasons.add(d.setting() + " = " + d.value() + " [" + d.rule() + "] " + d.why());
        }
        reasons.addAll(plan.warnings().stream().map(w -> "warning: " + w).toList());
        String command = "vllm serve " + plan.modelRef() + " " + String.join(" ", plan.servingArgs());
        MemoryEstimate m = plan.memory();
        AdvisorPlan.Memory memory = new AdvisorPlan.Memory(plan.gpu().hbmGb() * 1e9 / WeightFootprint.GIB,
                m.weightGibPerGpu(), m.kvGibPerGpu(), m.kvBytesPerTokenPerGpu(), m.kvCapacityTokens(),
                m.contextTokens(), (int) Math.min(Integer.MAX_VALUE, m.concurrentSequences()));
        return new AdvisorPlan(plan.modelName(), plan.gpu().name(), plan.gpuCount(), command, plan.env(), reasons,
                memory, memoryByPrecision(plan, m));
    }

    /** The checkpoint as stored and, for an unquantized checkpoint, quantized to FP8 at load. */
    private static List<AdvisorPlan.PrecisionMemory> memoryByPrecision(DeploymentPlan plan, MemoryEstimate m) {
        List<AdvisorPlan.PrecisionMemory> out = new ArrayList<>();
        double totalB = plan.parameters().totalBillions();
        List<OnlineQuantization> options = plan.architecture().quantization().quantizedBytesPerParam() >= 2.0
                ? List.of(OnlineQuantization.NONE, OnlineQuantization.FP8) : List.of(OnlineQuantization.NONE);
        for (OnlineQuantization q : options) {
            WeightFootprint f = WeightMemory.perGpu(plan.architecture(), q, plan.tp(), false,
                    MemoryCalibration.defaults());
            double gib = f.residentGibPerGpu();
            String label = q == OnlineQuantization.NONE ? plan.architecture().quantization().label() : "FP8 (online)";
            double bytesPerParam = gib * WeightFootprint.GIB * plan.tp() / (totalB * 1e9);
            out.add(new AdvisorPlan.PrecisionMemory(label, bytesPerParam, totalB, plan.tp(), gib,
                    gib <= m.usableGibPerGpu()));
        }
        return out;
    }
}
