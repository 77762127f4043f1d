package dev.servebench.stats;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;

/**
 * Two independent samples compared with Welch's unequal-variance t-test (two-sided), the test
 * that stays honest when one condition is noisier than the other.
 *
 * @param differencePercent (mean(candidate) − mean(reference)) / mean(reference) × 100
 * @param tStatistic        Welch's t for candidate − reference
 * @param degreesOfFreedom  Welch–Satterthwaite degrees of freedom
 * @param pValue            two-sided; NaN when fewer than two values per sample or both samples constant
 */
public record WelchComparison(SampleStatistics reference, SampleStatistics candidate, double differencePercent,
                              double tStatistic, double degreesOfFreedom, double pValue) {

    private static final TTest WELCH = TTest.withDefaults()
            .with(DataDispersion.HETEROSCEDASTIC)
            .with(AlternativeHypothesis.TWO_SIDED);

    public static WelchComparison of(double[] reference, double[] candidate) {
        SampleStatistics ref = SampleStatistics.of(reference);
        SampleStatistics cand = SampleStatistics.of(candidate);
        double diff = (cand.mean() - ref.mean()) / ref.mean() * 100;
        if (reference.length < 2 || candidate.length < 2 || (ref.stdev() == 0 && cand.stdev() == 0)) {
            return new WelchComparison(ref, cand, diff, Double.NaN, Double.NaN, Double.NaN);
        }
        TTest.Result r = WELCH.test(candidate, reference);
        return new WelchComparison(ref, cand, diff, r.getStatistic(), r.getDegreesOfFreedom(), r.getPValue());
    }

    /** stdev/mean of the candidate over that of the reference: above 1 means the candidate is noisier. */
    public double covRatio() {
        return candidate.coefficientOfVariation() / reference.coefficientOfVariation();
    }

    public boolean significantAt(double alpha) {
        return !Double.isNaN(pValue) && pValue < alpha;
    }
}
