package dev.servebench.store;

import dev.servebench.bench.LevelMetrics;

/** One level of a stored run, with the full metrics it was recorded with. */
public record StoredLevel(int position, String phase, String name, int concurrency, String status,
                          LevelMetrics metrics) {
    /** "SCALING c=50": how levels are matched across runs. */
    public String key() {
        return phase + " " + name;
    }
}
