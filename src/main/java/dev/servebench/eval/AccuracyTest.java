package dev.servebench.eval;

/** Which test compared two accuracies. */
public enum AccuracyTest {
    /** The same items under both conditions: McNemar's exact test on the items they disagree on. */
    MCNEMAR_EXACT("McNemar exact (paired)"),
    /** Different items: the pooled two-proportion z-test. */
    TWO_PROPORTION_Z("two-proportion z");

    private final String label;

    AccuracyTest(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
