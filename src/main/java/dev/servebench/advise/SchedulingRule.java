package dev.servebench.advise;

import dev.servebench.model.ModelArchitecture;

import java.util.List;

/** Rules S1, S2 and C11: scheduler profile, memory utilization and (version-dependent) multi-step flags. */
final class SchedulingRule {

    record Choice(SchedulingProfile profile, double gpuMemoryUtilization, List<String> extraArgs,
                  List<Decision> decisions) {
    }

    private SchedulingRule() {
    }

    static Choice choose(ModelArchitecture m, Goal goal, VllmVersion version) {
        SchedulingProfile p = SchedulingProfile.forGoal(goal);
        double util = p.gpuMemoryUtilization() - (m.hasVision() ? SchedulingProfile.visionHeadroom() : 0);
        util = Math.round(util * 100) / 100.0;
        Decision profile = new Decision("max-num-seqs / max-num-batched-tokens", p.maxNumSeqs() + " / "
                + p.maxNumBatchedTokens(), "the " + p.name() + " profile for the " + goal.key() + " goal", RuleId.S1);
        Decision memory = new Decision("gpu-memory-utilization", String.format("%.2f", util),
                m.hasVision() ? "vision model: headroom for the encoder's profiling peak and variable image-token counts"
                        : goal.favoursThroughput() ? "throughput goal: give the KV cache all but 5 %"
                        : "10 % headroom for the " + goal.key() + " goal", RuleId.S2);
        Decision steps;
        List<String> args;
        if (VersionGates.reached(VersionGates.C11_V0_REMOVED, version)) {
            steps = new Decision("scheduler", "--async-scheduling", "multi-step scheduling (--num-scheduler-steps) was "
                    + "removed with the V0 engine in " + VersionGates.since(VersionGates.C11_V0_REMOVED)
                    + "; async scheduling overlaps CPU scheduling with GPU steps instead", RuleId.C11);
            args = List.of("--async-scheduling");
        } else if (p.schedulerSteps() > 1) {
            steps = new Decision("scheduler", "--num-scheduler-steps " + p.schedulerSteps(), "vLLM " + version
                    + " still has V0 multi-step scheduling; the " + p.name() + " profile uses " + p.schedulerSteps(), RuleId.C11);
            args = List.of("--num-scheduler-steps", Integer.toString(p.schedulerSteps()));
        } else {
            steps = new Decision("scheduler", "single-step", "the " + p.name() + " profile schedules every step", RuleId.C11);
            args = List.of();
        }
        return new Choice(p, util, args, List.of(profile, memory, steps));
    }
}
