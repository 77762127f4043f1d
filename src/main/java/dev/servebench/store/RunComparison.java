package dev.servebench.store;

import dev.servebench.BadInputException;
import dev.servebench.bench.LevelMetric;
import dev.servebench.stats.SampleStatistics;
import dev.servebench.stats.Verdict;
import dev.servebench.stats.WelchComparison;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Stored runs side by side, level by level. Each column is a group: one run, or the runs of a
 * repeated experiment (then the cell is a mean with its CI, and columns of two or more runs each
 * get a Welch test against the first column).
 */
public final class RunComparison {
    private RunComparison() {
    }

    /** A column: a label and its runs. */
    public record Group(String label, List<StoredRun> runs) {
        public Group {
            runs = List.copyOf(runs);
            if (runs.isEmpty()) {
                throw new BadInputException(label + " has no runs to compare");
            }
        }
    }

    /**
     * One metric at one level across the groups.
     *
     * @param perGroup   statistics per group, empty where the group did not run the level
     * @param vsFirst    per group after the first: the Welch comparison with the first group, when both ran the level
     */
    public record Row(String level, LevelMetric metric, List<Optional<SampleStatistics>> perGroup,
                      List<Optional<Comparison>> vsFirst) {
    }

    /** Difference with the first group and, where both sides have two or more runs, significance. */
    public record Comparison(double differencePercent, double pValue, Verdict verdict) {
    }

    public static List<Row> compare(List<Group> groups, List<LevelMetric> metrics, double alpha) {
        Set<String> levels = new LinkedHashSet<>();
        groups.forEach(g -> g.runs().forEach(r -> r.levels().stream()
                .filter(l -> !l.phase().equals("WARMUP")).forEach(l -> levels.add(l.key()))));
        List<Row> rows = new ArrayList<>();
        for (String level : levels) {
            for (LevelMetric metric : metrics) {
                List<double[]> samples = groups.stream().map(g -> values(g, level, metric)).toList();
                if (samples.stream().allMatch(s -> s.length == 0)) {
                    continue;
                }
                List<Optional<SampleStatistics>> perGroup = samples.stream()
                        .map(s -> s.length == 0 ? Optional.<SampleStatistics>empty() : Optional.of(SampleStatistics.of(s)))
                        .toList();
                List<Optional<Comparison>> vsFirst = new ArrayList<>();
                for (int i = 1; i < groups.size(); i++) {
                    if (samples.getFirst().length == 0 || samples.get(i).length == 0) {
                        vsFirst.add(Optional.empty());
                        continue;
                    }
                    WelchComparison w = WelchComparison.of(samples.getFirst(), samples.get(i));
                    vsFirst.add(Optional.of(new Comparison(w.differencePercent(), w.pValue(),
                            Verdict.of(w, metric.higherIsBetter(), alpha))));
                }
                rows.add(new Row(level, metric, perGroup, vsFirst));
            }
        }
        return rows;
    }

    private static double[] values(Group g, String level, LevelMetric metric) {
        return g.runs().stream().map(r -> r.level(level)).flatMap(Optional::stream)
                .filter(l -> l.metrics().validRequests() > 0)
                .mapToDouble(l -> metric.of(l.metrics())).filter(Double::isFinite).toArray();
    }
}
