package dev.servebench.eval;

import dev.servebench.sim.server.Oracle;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accuracy verdict's error rates over many seeds, on paired outcomes drawn exactly as the simulator's
 * oracle draws them ({@link Oracle#answersWrong}: each item of the 500-item task wrong with the condition's
 * error rate, from the condition's seed). No HTTP: the HTTP path is checked to reproduce these outcomes
 * exactly in {@code EvalOnSimTest}, so here the seeds can be many.
 */
class FalseAlarmTest {
    /** The stated false-alarm rate: the verdicts' significance level. */
    private static final double ALPHA = 0.05;
    private static final int SEED_PAIRS = 400;
    /**
     * The most regression verdicts that N independent tests at a false-alarm rate of α give but for a 1-in-1000
     * chance: the 99.9th percentile of Binomial(N, α). Above it, the rate really exceeds α. The seeds are fixed,
     * so the count is the same on every run.
     */
    private static final int MARGIN_BOUND = BinomialDistribution.of(SEED_PAIRS, ALPHA)
            .inverseCumulativeProbability(0.999);

    private static final EvalTask TASK = TaskFile.read(TaskFileTest.DIR.resolve("arithmetic_500.jsonl").toString(),
            Optional.empty(), OptionalInt.empty());

    @Test
    void equalErrorRatesGiveARegressionVerdictNoMoreOftenThanAlpha() {
        int regressions = 0;
        int significant = 0;
        for (int pair = 0; pair < SEED_PAIRS; pair++) {
            AccuracyComparison c = AccuracyComparison.of("b", "a", outcomes(0.05, 1000 + 2L * pair),
                    outcomes(0.05, 1001 + 2L * pair), ALPHA);
            assertThat(c.test()).isEqualTo(AccuracyTest.MCNEMAR_EXACT);
            regressions += c.verdict() == AccuracyVerdict.REGRESSION ? 1 : 0;
            significant += c.verdict() != AccuracyVerdict.NO_SIGNIFICANT_DIFFERENCE ? 1 : 0;
        }
        System.out.printf("false alarms at equal rates (5 %% vs 5 %%, 500 items, %d seed pairs, alpha %.2f): "
                + "%d regression verdicts, %d significant either way; bound %d%n", SEED_PAIRS, ALPHA, regressions,
                significant, MARGIN_BOUND);
        // Two-sided: either direction at most α (McNemar's exact test is conservative), a regression at most that.
        assertThat(significant).isLessThanOrEqualTo(MARGIN_BOUND);
        assertThat(regressions).isLessThanOrEqualTo(MARGIN_BOUND);
    }

    @Test
    void aRealDropFromTwoToTenPercentErrorsIsARegressionForEverySeed() {
        int detected = 0;
        double largestP = 0;
        for (int pair = 0; pair < SEED_PAIRS; pair++) {
            AccuracyComparison c = AccuracyComparison.of("b", "a", outcomes(0.02, 1000 + 2L * pair),
                    outcomes(0.10, 1001 + 2L * pair), ALPHA);
            detected += c.verdict() == AccuracyVerdict.REGRESSION ? 1 : 0;
            largestP = Math.max(largestP, c.pValue());
        }
        System.out.printf("2 %% vs 10 %% errors on 500 items: %d of %d seed pairs flagged, largest p %.2e%n", detected,
                SEED_PAIRS, largestP);
        assertThat(detected).isEqualTo(SEED_PAIRS);
    }

    /** The task's items graded as the oracle with this rate and seed answers them. */
    private static TaskResult outcomes(double errorRate, long seed) {
        List<ItemResult> items = new ArrayList<>();
        for (EvalItem item : TASK.items()) {
            boolean right = !Oracle.answersWrong(item.prompt(), errorRate, seed);
            items.add(new ItemResult(item, "", new Grade(right, ""), Optional.empty()));
        }
        return new TaskResult(TASK, items);
    }
}
