package dev.servebench.eval;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/** Two-sided tests of a difference in accuracy. */
public final class ProportionTests {
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private ProportionTests() {
    }

    /**
     * McNemar's exact test on paired items: of the {@code b + c} items the two conditions disagree on, the
     * reference got {@code b} right and the candidate {@code c}; under "no difference" b ~ Binomial(b + c, ½).
     * Items both got right or both got wrong carry no information about the difference.
     */
    public static double mcnemarExact(int onlyReferenceRight, int onlyCandidateRight) {
        int discordant = onlyReferenceRight + onlyCandidateRight;
        if (discordant == 0) {
            return 1;
        }
        double tail = BinomialDistribution.of(discordant, 0.5)
                .cumulativeProbability(Math.min(onlyReferenceRight, onlyCandidateRight));
        return Math.min(1, 2 * tail);
    }

    /** The pooled two-proportion z-test, for accuracies measured on different (unpaired) items. */
    public static double twoProportionZ(int rightA, int nA, int rightB, int nB) {
        double pooled = (double) (rightA + rightB) / (nA + nB);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / nA + 1.0 / nB));
        if (!(se > 0)) {
            return 1;
        }
        double z = ((double) rightB / nB - (double) rightA / nA) / se;
        return 2 * STANDARD_NORMAL.survivalProbability(Math.abs(z));
    }
}
