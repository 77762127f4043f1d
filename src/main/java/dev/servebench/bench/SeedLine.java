package dev.servebench.bench;

/** The line that tells the user which seed a run's prompts came from and how to send them again. */
public final class SeedLine {
    private SeedLine() {
    }

    /** "seed 123 (drawn for this run; --seed 123 replays them)". */
    public static String of(BenchmarkConfig config) {
        return "seed " + config.seed() + " (" + config.seedOrigin().describe() + "; --seed "
                + config.seed() + " replays them"
                + (config.seedOrigin() == SeedOrigin.GIVEN ? ", and a server that ran them before has them cached)"
                : ")");
    }
}
