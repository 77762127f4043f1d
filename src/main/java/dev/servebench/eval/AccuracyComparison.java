package dev.servebench.eval;

import java.util.List;

/**
 * One task's accuracy under a candidate condition against the reference condition.
 *
 * @param onlyReferenceRight paired items the reference answered right and the candidate wrong (McNemar's b);
 *                           -1 when the items are not paired
 * @param onlyCandidateRight paired items only the candidate answered right (McNemar's c); -1 when unpaired
 * @param differencePoints   candidate − reference accuracy, in percentage points
 */
public record AccuracyComparison(String task, String condition, String reference, TaskAccuracy referenceAccuracy,
                                 TaskAccuracy candidateAccuracy, double differencePoints, AccuracyTest test,
                                 int onlyReferenceRight, int onlyCandidateRight, double pValue,
                                 AccuracyVerdict verdict) {

    /**
     * McNemar's exact test when both ran the same items in the same order (the same task file), else the
     * two-proportion z-test.
     */
    public static AccuracyComparison of(String condition, String reference, TaskResult ref, TaskResult cand,
                                        double alpha) {
        TaskAccuracy a = ref.accuracy();
        TaskAccuracy b = cand.accuracy();
        double diff = (b.accuracy() - a.accuracy()) * 100;
        if (paired(ref.items(), cand.items())) {
            int onlyRef = 0;
            int onlyCand = 0;
            for (int i = 0; i < ref.items().size(); i++) {
                boolean r = ref.items().get(i).correct();
                boolean c = cand.items().get(i).correct();
                onlyRef += r && !c ? 1 : 0;
                onlyCand += c && !r ? 1 : 0;
            }
            double p = ProportionTests.mcnemarExact(onlyRef, onlyCand);
            return new AccuracyComparison(ref.task().name(), condition, reference, a, b, diff,
                    AccuracyTest.MCNEMAR_EXACT, onlyRef, onlyCand, p, AccuracyVerdict.of(p, a.accuracy(),
                    b.accuracy(), alpha));
        }
        double p = ProportionTests.twoProportionZ(a.correct(), a.items(), b.correct(), b.items());
        return new AccuracyComparison(ref.task().name(), condition, reference, a, b, diff,
                AccuracyTest.TWO_PROPORTION_Z, -1, -1, p, AccuracyVerdict.of(p, a.accuracy(), b.accuracy(), alpha));
    }

    private static boolean paired(List<ItemResult> a, List<ItemResult> b) {
        if (a.size() != b.size() || a.isEmpty()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).item().id().equals(b.get(i).item().id())) {
                return false;
            }
        }
        return true;
    }
}
