package dev.servebench.experiment;

import java.util.function.ToDoubleFunction;

/** The latency a Pareto frontier trades throughput against. */
public enum LatencyAxis {
    TTFT_P99_MS("TTFT p99 ms", ParetoPoint::ttftP99Millis),
    TPOT_P99_MS("TPOT p99 ms", ParetoPoint::tpotP99Millis),
    /** Every inter-token gap's p99: the decode stalls a prefill causes, which TPOT averages away. */
    ITL_P99_MS("ITL p99 ms", ParetoPoint::itlP99Millis),
    E2E_P99_S("e2e p99 s", ParetoPoint::e2eP99Seconds),
    /** Interactivity: the frontier against it is throughput per GPU against tokens/s per user (1000 / this). */
    TPOT_MEAN_MS("mean TPOT ms", ParetoPoint::tpotMeanMillis);

    private final String label;
    private final ToDoubleFunction<ParetoPoint> extractor;

    LatencyAxis(String label, ToDoubleFunction<ParetoPoint> extractor) {
        this.label = label;
        this.extractor = extractor;
    }

    public String label() {
        return label;
    }

    public double of(ParetoPoint p) {
        return extractor.applyAsDouble(p);
    }
}
