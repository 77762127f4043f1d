package dev.servebench.experiment;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.RunSeeds;
import dev.servebench.bench.SeedOrigin;

/**
 * One benchmark run inside an experiment.
 *
 * @param group  the condition, target or workload the run belongs to
 * @param index  the run's number within its group, from 0
 * @param config the run's benchmark, with the trial's own seed
 */
public record Trial(TargetSpec target, String group, int index, BenchmarkConfig config) {
    /**
     * A trial with prompts of its own: its seed derived from the experiment's, {@code seedStream} and the index,
     * so no trial resends what an earlier one sent (a server's prefix cache would answer it) while the experiment
     * as a whole replays with the same {@code --seed}. Trials that share a stream and an index share prompts.
     */
    public static Trial seeded(TargetSpec target, String group, int index, BenchmarkConfig experiment,
                               String seedStream) {
        return new Trial(target, group, index, experiment.withSeed(
                RunSeeds.forTrial(experiment.seed(), seedStream, index), SeedOrigin.TRIAL));
    }

    public long seed() {
        return config.seed();
    }
}
