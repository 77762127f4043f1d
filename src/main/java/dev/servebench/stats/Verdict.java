package dev.servebench.stats;

/**
 * What a Welch comparison of a candidate against a reference means for one metric, at level α:
 * "faster" when the candidate is significantly better (more throughput or less latency).
 */
public enum Verdict {
    FASTER("faster"),
    SLOWER("slower"),
    NO_SIGNIFICANT_DIFFERENCE("no significant difference"),
    /** Fewer than two runs on a side: no variance, so no test. */
    TOO_FEW_RUNS("n/a (needs ≥ 2 runs each)");

    public static final double DEFAULT_ALPHA = 0.05;

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Verdict of(WelchComparison comparison, boolean higherIsBetter, double alpha) {
        if (Double.isNaN(comparison.pValue())) {
            if (comparison.reference().n() < 2 || comparison.candidate().n() < 2) {
                return TOO_FEW_RUNS;
            }
            // Both samples constant: no noise at all, so any difference in means is real.
            if (comparison.candidate().mean() == comparison.reference().mean()) {
                return NO_SIGNIFICANT_DIFFERENCE;
            }
        } else if (!comparison.significantAt(alpha)) {
            return NO_SIGNIFICANT_DIFFERENCE;
        }
        boolean higher = comparison.candidate().mean() > comparison.reference().mean();
        return higher == higherIsBetter ? FASTER : SLOWER;
    }
}
