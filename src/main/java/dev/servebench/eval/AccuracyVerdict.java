package dev.servebench.eval;

/** What an accuracy comparison of a candidate condition against the reference means at level α. */
public enum AccuracyVerdict {
    REGRESSION("ACCURACY REGRESSION"),
    IMPROVEMENT("more accurate"),
    NO_SIGNIFICANT_DIFFERENCE("no significant difference");

    private final String label;

    AccuracyVerdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static AccuracyVerdict of(double pValue, double referenceAccuracy, double candidateAccuracy, double alpha) {
        if (!(pValue < alpha) || candidateAccuracy == referenceAccuracy) {
            return NO_SIGNIFICANT_DIFFERENCE;
        }
        return candidateAccuracy < referenceAccuracy ? REGRESSION : IMPROVEMENT;
    }
}
