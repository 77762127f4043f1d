package dev.servebench.experiment;

import dev.servebench.bench.LevelMetric;
import dev.servebench.eval.EvalTables;
import dev.servebench.stats.SampleStatistics;
import dev.servebench.stats.Verdict;
import dev.servebench.table.ReportTable;
import dev.servebench.table.TerminalTables;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static dev.servebench.experiment.Numbers.percent;
import static dev.servebench.experiment.Numbers.pValue;
import static dev.servebench.experiment.Numbers.ratio;
import static dev.servebench.experiment.Numbers.signedPercent;
import static dev.servebench.experiment.Numbers.value;

/**
 * Experiment results as tables: each table is built once, as a {@link ReportTable}, from the typed result; the
 * terminal prints it through {@link TerminalTables} and the experiment's report writes the same object as Markdown,
 * CSV and HTML ({@link #of}), so the two cannot disagree. The lines between the tables (verdicts, the peak, the
 * frontier) are the terminal's own.
 */
public final class ExperimentTables {
    /** The metrics a repeat prints per level (all are stored). */
    static final List<LevelMetric> SHOWN = List.of(LevelMetric.TOTAL_TOKENS_PER_S, LevelMetric.OUTPUT_TOKENS_PER_S,
            LevelMetric.LATENCY_P99_S, LevelMetric.TTFT_P99_MS);
    /** How each kind's trials' prompts relate, the heading of its trials table. */
    private static final String REPEAT_PROMPTS = "each run sends prompts of its own";
    private static final String SATURATION_PROMPTS = "each pass sends prompts of its own";
    private static final String PARETO_PROMPTS = "each configuration gets prompts of its own";
    private static final String PHASES_PROMPTS = "each workload sends prompts of its own";

    private ExperimentTables() {
    }

    /** An experiment's tables in the order the terminal prints them; tables without rows are left out. */
    public static List<ReportTable> of(ExperimentTrials result) {
        List<ReportTable> tables = new ArrayList<>();
        switch (result) {
            case RepeatResult r -> {
                tables.add(repeatTable(r));
                tables.add(trialsTable(r, REPEAT_PROMPTS));
            }
            case AblationResult r -> {
                for (int c = 1; c < r.conditions().size(); c++) {
                    tables.add(ablationTable(r, c));
                }
                r.accuracy().ifPresent(a -> tables.addAll(EvalTables.comparisonTables(a.comparisons(), r.alpha())));
                tables.add(trialsTable(r, ablationPrompts(r)));
            }
            case SaturationResult r -> {
                tables.add(saturationTable(r));
                tables.add(trialsTable(r, SATURATION_PROMPTS));
            }
            case ParetoResult r -> {
                tables.add(paretoPointsTable(r));
                tables.add(paretoBestTable(r));
                tables.add(trialsTable(r, PARETO_PROMPTS));
            }
            case PhaseResult r -> {
                tables.add(phasesTable(r));
                tables.add(trialsTable(r, PHASES_PROMPTS));
            }
            default -> {
            }
        }
        return tables.stream().filter(t -> !t.rows().isEmpty()).toList();
    }

    // ---- terminal text: the tables above, with the lines around them ----

    public static String repeat(RepeatResult r) {
        return TerminalTables.render(repeatTable(r)) + trials(r, REPEAT_PROMPTS);
    }

    public static String ablation(AblationResult r) {
        StringBuilder sb = new StringBuilder();
        for (int c = 1; c < r.conditions().size(); c++) {
            sb.append(TerminalTables.render(ablationTable(r, c))).append('\n');
        }
        r.accuracy().ifPresent(a -> sb.append(EvalTables.comparison(a.comparisons(), r.alpha())));
        for (int c = 1; c < r.conditions().size(); c++) {
            sb.append(verdict(r, c)).append('\n');
        }
        r.accuracy().ifPresent(a -> EvalTables.regressions(a.comparisons()).forEach(l -> sb.append(l).append('\n')));
        sb.append(trials(r, ablationPrompts(r)));
        return sb.toString();
    }

    public static String saturation(SaturationResult r) {
        SaturationAnalysis a = r.analysis();
        StringBuilder sb = new StringBuilder(TerminalTables.render(saturationTable(r)));
        sb.append("Peak: ").append(value(a.peakTokensPerSecond())).append(" tok/s at concurrency ")
                .append(a.peakConcurrency()).append('\n');
        sb.append("Saturation point: ").append(a.saturationConcurrency().isPresent()
                ? "concurrency " + a.saturationConcurrency().getAsInt() + " (every higher level within tolerance of the peak)"
                : "none").append('\n');
        sb.append("Plateau relative range: ").append(percent(a.plateauRelativeRange())).append('\n');
        if (a.monotonic()) {
            sb.append("Throughput never drops between neighbouring levels beyond the tolerance: no cliff.\n");
        } else {
            for (ThroughputDrop d : a.drops()) {
                sb.append(d.cliff() ? "CLIFF: " : "Non-monotonic drop: ").append("concurrency ")
                        .append(d.fromConcurrency()).append(" → ").append(d.toConcurrency()).append(": −")
                        .append(Numbers.value(d.dropPercent())).append(" %\n");
            }
        }
        return sb.append(trials(r, SATURATION_PROMPTS)).toString();
    }

    public static String pareto(ParetoResult r) {
        StringBuilder sb = new StringBuilder(TerminalTables.render(paretoPointsTable(r))).append('\n');
        for (Map.Entry<LatencyAxis, List<ParetoPoint>> e : new java.util.TreeMap<>(r.frontiers()).entrySet()) {
            List<String> names = new ArrayList<>();
            e.getValue().forEach(p -> names.add(p.configuration() + " " + p.level() + " (" + value(p.tokensPerSecondPerGpu())
                    + " tok/s/GPU, " + value(e.getKey().of(p)) + ")"));
            sb.append("Frontier, tok/s per GPU vs ").append(e.getKey().label()).append(": ")
                    .append(String.join("; ", names)).append('\n');
        }
        return sb.append('\n').append(TerminalTables.render(paretoBestTable(r)))
                .append(trials(r, PARETO_PROMPTS)).toString();
    }

    public static String phases(PhaseResult r) {
        return TerminalTables.render(phasesTable(r)) + trials(r, PHASES_PROMPTS);
    }

    /** One line per condition: how its speed verdicts came out, and its accuracy verdict when checked. */
    static String verdict(AblationResult r, int c) {
        String cond = r.conditions().get(c);
        Map<Verdict, Long> speed = new EnumMap<>(Verdict.class);
        for (AblationLevel level : r.levels()) {
            speed.merge(level.comparisons().get(c - 1).verdict(), 1L, Long::sum);
        }
        List<String> parts = new ArrayList<>();
        speed.forEach((v, n) -> parts.add(v.label() + " on " + n));
        StringBuilder sb = new StringBuilder("Verdict, ").append(cond).append(" vs ").append(r.conditions().getFirst())
                .append(": speed ").append(parts.isEmpty() ? "not compared" : String.join(", ", parts))
                .append(" of ").append(r.levels().size()).append(" level/metric rows");
        r.accuracy().ifPresent(a -> {
            List<String> tasks = new ArrayList<>();
            boolean worse = false;
            for (var x : a.comparisons()) {
                if (x.condition().equals(cond)) {
                    tasks.add(x.task() + " " + x.verdict().label() + " (p = " + pValue(x.pValue()) + ")");
                    worse |= x.verdict() == dev.servebench.eval.AccuracyVerdict.REGRESSION;
                }
            }
            sb.append("; accuracy ").append(String.join(", ", tasks));
            if (worse && speed.containsKey(Verdict.FASTER)) {
                sb.append(" — faster by answering worse: not a free win");
            }
        });
        return sb.toString();
    }

    /** The trials' table as the terminal prints it: nothing when the experiment ran none. */
    static String trials(ExperimentTrials r, String prompts) {
        ReportTable t = trialsTable(r, prompts);
        return t.rows().isEmpty() ? "" : TerminalTables.render(t);
    }

    // ---- the tables, one builder each ----

    public static ReportTable repeatTable(RepeatResult r) {
        List<List<String>> rows = new ArrayList<>();
        for (LevelStatistics level : r.levels()) {
            for (LevelMetric m : SHOWN) {
                level.metric(m).ifPresent(s -> rows.add(List.of(level.level(), m.label(), Integer.toString(s.n()),
                        value(s.mean()), value(s.stdev()), percent(s.coefficientOfVariation()), interval(s),
                        percent(s.relativeRange()))));
            }
        }
        return new ReportTable("repeat", "Repeated runs: " + r.outcomes().size()
                + " (95 % CI from Student's t at n − 1 degrees of freedom)"
                + (r.ciTargetMet() ? "" : "; CI target NOT reached within the run cap"), "",
                List.of("level", "metric", "n", "mean", "stdev", "CoV", "95 % CI", "rel. range"), rows);
    }

    /** Condition {@code c} (1 or later) against the reference, the first condition. */
    public static ReportTable ablationTable(AblationResult r, int c) {
        String ref = r.conditions().getFirst();
        String cond = r.conditions().get(c);
        List<List<String>> rows = new ArrayList<>();
        for (AblationLevel level : r.levels()) {
            SampleStatistics a = level.perCondition().getFirst();
            SampleStatistics b = level.perCondition().get(c);
            ConditionComparison cmp = level.comparisons().get(c - 1);
            rows.add(List.of(level.level(), level.metric().label(), interval(a), interval(b),
                    signedPercent(cmp.welch().differencePercent()), percent(a.coefficientOfVariation()),
                    percent(b.coefficientOfVariation()), ratio(cmp.welch().covRatio()),
                    pValue(cmp.welch().pValue()), cmp.verdict().label()));
        }
        return new ReportTable(r.conditions().size() == 2 ? "ablation" : ReportTable.id("ablation", cond),
                "Ablation: " + cond + " vs " + ref + " (Welch's t-test, α = " + r.alpha() + "; diff = (" + cond
                        + " − " + ref + ") / " + ref + ")", "",
                List.of("level", "metric", ref + " mean ± CI", cond + " mean ± CI", "diff", "CoV " + ref,
                        "CoV " + cond, "CoV ratio", "Welch p", "verdict"), rows);
    }

    public static ReportTable saturationTable(SaturationResult r) {
        SaturationAnalysis a = r.analysis();
        List<List<String>> rows = new ArrayList<>();
        for (LevelStatistics level : r.levels()) {
            level.metric(LevelMetric.TOTAL_TOKENS_PER_S).ifPresent(s -> rows.add(List.of(
                    Integer.toString(level.concurrency()), Integer.toString(s.n()), interval(s),
                    percent(s.coefficientOfVariation()), percent(s.mean() / a.peakTokensPerSecond()),
                    level.metric(LevelMetric.LATENCY_P99_S).map(p -> value(p.mean())).orElse("—"))));
        }
        return new ReportTable("saturation", "Fine saturation sweep", "", List.of("concurrency", "runs",
                "total tok/s mean ± CI", "CoV", "of peak", "latency p99 s"), rows);
    }

    public static ReportTable paretoPointsTable(ParetoResult r) {
        List<List<String>> rows = new ArrayList<>();
        for (ParetoPoint p : r.points()) {
            rows.add(List.of(p.configuration(), p.level(), value(p.tokensPerSecondPerGpu()), value(p.ttftP99Millis()),
                    value(p.tpotP99Millis()), value(p.e2eP99Seconds()), p.meetsSlo() ? "yes" : "no"));
        }
        return new ReportTable("pareto", "Pareto sweep (SLO: " + r.slo() + ")", "", List.of("configuration", "level",
                "tok/s per GPU", "TTFT p99 ms", "TPOT p99 ms", "e2e p99 s", "meets SLO"), rows);
    }

    public static ReportTable paretoBestTable(ParetoResult r) {
        List<List<String>> rows = new ArrayList<>();
        for (LevelChoice c : r.bestPerLevel()) {
            rows.add(List.of(c.level(), c.best().map(ParetoPoint::configuration).orElse("none meets the SLO"),
                    c.best().map(p -> value(p.tokensPerSecondPerGpu())).orElse("—"),
                    c.meeting().isEmpty() ? "—" : String.join(", ", c.meeting())));
        }
        return new ReportTable("pareto-best", "Best configuration per load level", "", List.of("level",
                "best configuration", "tok/s per GPU", "meeting the SLO"), rows);
    }

    public static ReportTable phasesTable(PhaseResult r) {
        List<List<String>> rows = new ArrayList<>();
        for (PhaseLevel p : r.levels()) {
            rows.add(List.of(p.workload(), p.inputTokens() + "/" + p.outputTokens(), p.level(),
                    value(p.prefillTokensPerSecond()), value(p.decodeTokensPerSecond()), value(p.ttftP99Millis()),
                    value(p.tpotP99Millis()), percent(p.successRate())));
        }
        return new ReportTable("phases", "Phase-isolated benchmark (prefill tok/s = prompt tokens / wall time; "
                + "decode tok/s = completion tokens / wall time)", "", List.of("workload", "in/out tokens", "level",
                "prefill tok/s", "decode tok/s", "TTFT p99 ms", "TPOT p99 ms", "valid"), rows);
    }

    /**
     * The trials' seeds (each replays with {@code bench --seed}) and whether the server had their prompts cached;
     * {@code prompts} says how the trials' prompts relate.
     */
    public static ReportTable trialsTable(ExperimentTrials r, String prompts) {
        List<List<String>> rows = new ArrayList<>();
        for (TrialSeed s : r.trials()) {
            rows.add(List.of(s.group() + " " + (s.index() + 1), Long.toString(s.seed()),
                    s.promptCachedFraction() == null ? "not read"
                            : percent(s.promptCachedFraction()) + (s.unexpectedCacheHits() ? " CACHED (see its notes)" : ""),
                    s.runId() == null ? "-" : s.runId()));
        }
        return new ReportTable("trials", "Trials: " + prompts + "; servebench bench --seed N replays one trial's prompts",
                "", List.of("trial", "seed", "prompt cache (most of a level)", "run"), rows);
    }

    private static String ablationPrompts(AblationResult r) {
        return r.pairedPrompts()
                ? "the conditions' runs with the same number send the same prompts (paired), because each condition's "
                + "command starts its server afresh before every run; if a command does not, the cache notes say so"
                : "every run sends prompts of its own, because not every condition starts a fresh server before each "
                + "run, and a server that was sent a prompt before answers it from its cache";
    }

    static String interval(SampleStatistics s) {
        return Double.isFinite(s.ciHalfWidth()) ? value(s.mean()) + " ± " + value(s.ciHalfWidth()) : value(s.mean());
    }
}
