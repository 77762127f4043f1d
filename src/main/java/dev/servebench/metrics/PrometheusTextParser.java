package dev.servebench.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format, version 0.0.4 (what vLLM, SGLang and llama.cpp serve
 * on {@code /metrics}), following the format's specification (prometheus.io, "Exposition formats") and, where the
 * prose leaves a choice, what Prometheus' own parser (expfmt's TextParser) does.
 *
 * <p>Written here because no maintained Java parser was found on Maven Central: the Prometheus Java client's
 * {@code prometheus-metrics-exposition-textformats} only writes the format, and the one Java scraper library
 * found ({@code org.github.jmazzitelli:prometheus-scraper}, formerly hawkular's) appears unmaintained and is
 * not among the artifacts this build resolves.
 *
 * <ul>
 * <li>Lines end with {@code \n}; blank lines are skipped; blanks and tabs separate tokens and may surround them.</li>
 * <li>{@code # HELP name text} ({@code \\} and {@code \n} escapes) and {@code # TYPE name type}; any other line
 *     starting with {@code #} is a comment. At most one of each per name, and TYPE before the name's samples.</li>
 * <li>{@code name{label="value",…} value [timestamp]}: names {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, label names
 *     {@code [a-zA-Z_][a-zA-Z0-9_]*} (the {@code __} prefix is reserved), values with {@code \\}, {@code \"}
 *     and {@code \n} escapes, a trailing comma allowed; the value a float, {@code NaN}, {@code +Inf} or
 *     {@code -Inf} (case-insensitive, as Go's ParseFloat); the timestamp an integer of milliseconds.</li>
 * <li>Histogram {@code x}: {@code x_bucket{le="…"}} in increasing order of {@code le} ending with
 *     {@code +Inf}, equal to {@code x_count}; and {@code x_sum}. Summary {@code x}: {@code x{quantile="…"}}
 *     in increasing order, {@code x_sum}, {@code x_count}.</li>
 * <li>A TYPE word the format does not define is kept raw ({@link MetricFamily.UntypedFamily}), as are
 *     samples with no TYPE line.</li>
 * <li>The same series (name and labels) twice is an error.</li>
 * </ul>
 */
public final class PrometheusTextParser {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern FLOAT = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private enum Type { COUNTER, GAUGE, HISTOGRAM, SUMMARY, UNTYPED }

    private final Map<String, FamilyBuilder> families = new LinkedHashMap<>();
    private final Set<String> seriesSeen = new HashSet<>();
    private int lineNumber;

    private PrometheusTextParser() {
    }

    public static Exposition parse(String text) throws ExpositionFormatException {
        PrometheusTextParser parser = new PrometheusTextParser();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            parser.lineNumber++;
            parser.line(text.substring(start, end));
            start = end + 1;
        }
        List<MetricFamily> out = new ArrayList<>();
        for (FamilyBuilder f : parser.families.values()) {
            out.add(f.build());
        }
        return new Exposition(out);
    }

    private void line(String line) throws ExpositionFormatException {
        Cursor c = new Cursor(line);
        c.skipBlanks();
        if (c.atEnd()) {
            return;
        }
        if (c.peek() == '#') {
            comment(c);
        } else {
            sample(c);
        }
    }

    private void comment(Cursor c) throws ExpositionFormatException {
        c.next();
        c.skipBlanks();
        String keyword = c.token();
        if (!keyword.equals("HELP") && !keyword.equals("TYPE")) {
            return;
        }
        c.skipBlanks();
        String name = c.token();
        if (name.isEmpty()) {
            throw error("# " + keyword + " needs a metric name");
        }
        if (!METRIC_NAME.matcher(name).matches()) {
            throw error("'" + name + "' is not a valid metric name");
        }
        FamilyBuilder family = families.computeIfAbsent(name, FamilyBuilder::new);
        if (keyword.equals("HELP")) {
            if (family.help != null) {
                throw error("a second HELP line for " + name);
            }
            c.skipBlanks();
            family.help = helpText(c);
            return;
        }
        c.skipBlanks();
        String word = c.token();
        c.skipBlanks();
        if (word.isEmpty() || !c.atEnd()) {
            throw error("# TYPE " + name + " needs exactly one type word");
        }
        if (family.typeWord != null) {
            throw error("a second TYPE line for " + name);
        }
        if (!family.samples.isEmpty()) {
            throw error("the TYPE line for " + name + " comes after its samples");
        }
        family.typeWord = word;
        family.type = switch (word) {
            case "counter" -> Type.COUNTER;
            case "gauge" -> Type.GAUGE;
            case "histogram" -> Type.HISTOGRAM;
            case "summary" -> Type.SUMMARY;
            default -> Type.UNTYPED;
        };
    }

    /** The rest of the line, with {@code \\} and {@code \n} unescaped. */
    private String helpText(Cursor c) throws ExpositionFormatException {
        StringBuilder out = new StringBuilder();
        while (!c.atEnd()) {
            char ch = c.next();
            if (ch == '\\') {
                if (c.atEnd()) {
                    throw error("HELP text ends with a lone backslash");
                }
                char e = c.next();
                out.append(switch (e) {
                    case '\\' -> '\\';
                    case 'n' -> '\n';
                    default -> throw error("invalid escape \\" + e + " in HELP text");
                });
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private void sample(Cursor c) throws ExpositionFormatException {
        String name = c.name();
        if (!METRIC_NAME.matcher(name).matches()) {
            throw error("a sample line must start with a metric name");
        }
        c.skipBlanks();
        Map<String, String> labels = new TreeMap<>();
        if (!c.atEnd() && c.peek() == '{') {
            c.next();
            labels(c, labels);
            c.skipBlanks();
        }
        if (c.atEnd()) {
            throw error("the sample " + name + " has no value");
        }
        double value = value(c.token());
        OptionalLong timestamp = OptionalLong.empty();
        c.skipBlanks();
        if (!c.atEnd()) {
            String ts = c.token();
            if (!INTEGER.matcher(ts).matches()) {
                throw error("timestamp '" + ts + "' is not an integer of milliseconds");
            }
            try {
                timestamp = OptionalLong.of(Long.parseLong(ts));
            } catch (NumberFormatException e) {
                throw error("timestamp '" + ts + "' is out of range");
            }
            c.skipBlanks();
            if (!c.atEnd()) {
                throw error("unexpected text after the timestamp");
            }
        }
        Sample sample = new Sample(name, new TreeMap<>(labels), value, timestamp);
        if (!seriesSeen.add(sample.seriesKey())) {
            throw error("the series " + sample.seriesKey() + " appears twice");
        }
        FamilyBuilder family = familyOf(name);
        family.check(sample, this);
        family.samples.add(sample);
    }

    private void labels(Cursor c, Map<String, String> labels) throws ExpositionFormatException {
        while (true) {
            c.skipBlanks();
            if (c.atEnd()) {
                throw error("the label set is not closed with }");
            }
            if (c.peek() == '}') {
                c.next();
                return;
            }
            String labelName = c.labelName();
            if (labelName.isEmpty()) {
                throw error("expected a label name at column " + (c.at + 1));
            }
            if (labelName.startsWith("__")) {
                throw error("label names starting with __ are reserved: " + labelName);
            }
            c.skipBlanks();
            if (c.atEnd() || c.next() != '=') {
                throw error("expected = after the label name " + labelName);
            }
            c.skipBlanks();
            if (c.atEnd() || c.next() != '"') {
                throw error("the value of label " + labelName + " must be in double quotes");
            }
            String labelValue = labelValue(c);
            if (labels.put(labelName, labelValue) != null) {
                throw error("the label " + labelName + " appears twice");
            }
            c.skipBlanks();
            if (c.atEnd()) {
                throw error("the label set is not closed with }");
            }
            char sep = c.next();
            if (sep == '}') {
                return;
            }
            if (sep != ',') {
                throw error("expected , or } after the value of label " + labelName);
            }
        }
    }

    private String labelValue(Cursor c) throws ExpositionFormatException {
        StringBuilder out = new StringBuilder();
        while (true) {
            if (c.atEnd()) {
                throw error("a label value is not closed with \"");
            }
            char ch = c.next();
            if (ch == '"') {
                return out.toString();
            }
            if (ch == '\\') {
                if (c.atEnd()) {
                    throw error("a label value ends with a lone backslash");
                }
                char e = c.next();
                out.append(switch (e) {
                    case '\\' -> '\\';
                    case '"' -> '"';
                    case 'n' -> '\n';
                    default -> throw error("invalid escape \\" + e + " in a label value");
                });
            } else {
                out.append(ch);
            }
        }
    }

    /**
     * A sample value as the format (and Prometheus' HTTP API, which sends values as strings) spells it: a
     * decimal float, or NaN and infinities in Go's spellings.
     *
     * @throws NumberFormatException when it is none of these
     */
    static double parseValue(String token) {
        return switch (token.toLowerCase(Locale.ROOT)) {
            case "nan", "+nan", "-nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> {
                if (!FLOAT.matcher(token).matches()) {
                    throw new NumberFormatException("'" + token + "' is not a number");
                }
                yield Double.parseDouble(token);
            }
        };
    }

    private double value(String token) throws ExpositionFormatException {
        try {
            return parseValue(token);
        } catch (NumberFormatException e) {
            throw error(e.getMessage());
        }
    }

    /** The family a sample name belongs to: a histogram's or summary's by its suffix, else its own. */
    private FamilyBuilder familyOf(String name) {
        for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
            if (name.endsWith(suffix)) {
                FamilyBuilder base = families.get(name.substring(0, name.length() - suffix.length()));
                if (base != null && (base.type == Type.HISTOGRAM
                        || (base.type == Type.SUMMARY && !suffix.equals("_bucket")))) {
                    return base;
                }
            }
        }
        return families.computeIfAbsent(name, FamilyBuilder::new);
    }

    ExpositionFormatException error(String why) {
        return new ExpositionFormatException("line " + lineNumber + ": " + why);
    }

    private static final class FamilyBuilder {
        final String name;
        String help;
        String typeWord;
        Type type = Type.UNTYPED;
        final List<Sample> samples = new ArrayList<>();

        FamilyBuilder(String name) {
            this.name = name;
        }

        void check(Sample s, PrometheusTextParser p) throws ExpositionFormatException {
            if (type == Type.HISTOGRAM) {
                if (s.name().equals(name + "_bucket")) {
                    if (!s.labels().containsKey("le")) {
                        throw p.error(s.name() + " has no le label");
                    }
                    bound(s.labels().get("le"), "le", p);
                } else if (s.name().equals(name)) {
                    throw p.error("histogram " + name + " has a sample without _bucket, _sum or _count");
                }
            } else if (type == Type.SUMMARY && s.name().equals(name)) {
                if (!s.labels().containsKey("quantile")) {
                    throw p.error("summary " + name + " has a sample without a quantile label");
                }
                bound(s.labels().get("quantile"), "quantile", p);
            }
        }

        static double bound(String text, String label, PrometheusTextParser p) throws ExpositionFormatException {
            try {
                return p.value(text.strip());
            } catch (ExpositionFormatException e) {
                throw p.error(label + "=\"" + text + "\" is not a number");
            }
        }

        MetricFamily build() throws ExpositionFormatException {
            String h = help == null ? "" : help;
            return switch (type) {
                case COUNTER -> new MetricFamily.CounterFamily(name, h, samples);
                case GAUGE -> new MetricFamily.GaugeFamily(name, h, samples);
                case UNTYPED -> new MetricFamily.UntypedFamily(name, h, typeWord == null ? "untyped" : typeWord,
                        samples);
                case HISTOGRAM -> new MetricFamily.HistogramFamily(name, h, histograms());
                case SUMMARY -> new MetricFamily.SummaryFamily(name, h, summaries());
            };
        }

        private static Map<String, String> without(Map<String, String> labels, String label) {
            Map<String, String> out = new TreeMap<>(labels);
            out.remove(label);
            return out;
        }

        /** Per label set (without le): buckets in order, +Inf last and equal to _count, with _sum. */
        private List<HistogramSeries> histograms() throws ExpositionFormatException {
            Map<Map<String, String>, Parts> bySeries = new LinkedHashMap<>();
            for (Sample s : samples) {
                Parts parts = bySeries.computeIfAbsent(without(s.labels(), "le"), k -> new Parts());
                if (s.name().endsWith("_bucket")) {
                    double le = parseBound(s.labels().get("le"));
                    if (!parts.points.isEmpty() && le <= parts.points.getLast()[0]) {
                        throw invalid("the buckets of " + Sample.seriesKey(name, without(s.labels(), "le"))
                                + " are not in increasing order of le");
                    }
                    parts.points.add(new double[] {le, s.value()});
                } else if (s.name().endsWith("_sum")) {
                    parts.sum = s.value();
                } else {
                    parts.count = s.value();
                }
            }
            List<HistogramSeries> out = new ArrayList<>();
            for (var e : bySeries.entrySet()) {
                String series = Sample.seriesKey(name, e.getKey());
                Parts parts = e.getValue();
                if (parts.points.isEmpty() || parts.points.getLast()[0] != Double.POSITIVE_INFINITY) {
                    throw invalid("histogram " + series + " has no le=\"+Inf\" bucket");
                }
                if (parts.sum == null || parts.count == null) {
                    throw invalid("histogram " + series + " lacks its " + (parts.sum == null ? "_sum" : "_count"));
                }
                double inf = parts.points.getLast()[1];
                if (Double.compare(inf, parts.count) != 0) {
                    throw invalid("histogram " + series + ": the +Inf bucket (" + inf + ") differs from _count ("
                            + parts.count + ")");
                }
                out.add(new HistogramSeries(new TreeMap<>(e.getKey()), parts.points.stream()
                        .map(p -> new HistogramSeries.Bucket(p[0], p[1])).toList(), parts.sum, parts.count));
            }
            return out;
        }

        private List<SummarySeries> summaries() throws ExpositionFormatException {
            Map<Map<String, String>, Parts> bySeries = new LinkedHashMap<>();
            for (Sample s : samples) {
                Parts parts = bySeries.computeIfAbsent(without(s.labels(), "quantile"), k -> new Parts());
                if (s.name().equals(name)) {
                    double q = parseBound(s.labels().get("quantile"));
                    if (!parts.points.isEmpty() && q <= parts.points.getLast()[0]) {
                        throw invalid("the quantiles of " + Sample.seriesKey(name, without(s.labels(), "quantile"))
                                + " are not in increasing order");
                    }
                    parts.points.add(new double[] {q, s.value()});
                } else if (s.name().endsWith("_sum")) {
                    parts.sum = s.value();
                } else {
                    parts.count = s.value();
                }
            }
            List<SummarySeries> out = new ArrayList<>();
            for (var e : bySeries.entrySet()) {
                Parts parts = e.getValue();
                if (parts.sum == null || parts.count == null) {
                    throw invalid("summary " + Sample.seriesKey(name, e.getKey()) + " lacks its "
                            + (parts.sum == null ? "_sum" : "_count"));
                }
                out.add(new SummarySeries(new TreeMap<>(e.getKey()), parts.points.stream()
                        .map(p -> new SummarySeries.Quantile(p[0], p[1])).toList(), parts.sum, parts.count));
            }
            return out;
        }

        private static double parseBound(String text) {
            return parseValue(text.strip());
        }

        private ExpositionFormatException invalid(String why) {
            return new ExpositionFormatException(why);
        }

        private static final class Parts {
            final List<double[]> points = new ArrayList<>();
            Double sum;
            Double count;
        }
    }

    /** A position in one line. */
    private static final class Cursor {
        private final String line;
        int at;

        Cursor(String line) {
            this.line = line;
        }

        boolean atEnd() {
            return at >= line.length();
        }

        char peek() {
            return line.charAt(at);
        }

        char next() {
            return line.charAt(at++);
        }

        /** Skips blanks and tabs; true when there were any or the line ended (a token boundary). */
        boolean skipBlanks() {
            int from = at;
            while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
                at++;
            }
            return at > from || atEnd();
        }

        /** Up to the next blank, tab or end. */
        String token() {
            int from = at;
            while (!atEnd() && peek() != ' ' && peek() != '\t') {
                at++;
            }
            return line.substring(from, at);
        }

        /** A metric name: up to a blank, tab, '{' or end. */
        String name() {
            int from = at;
            while (!atEnd() && peek() != ' ' && peek() != '\t' && peek() != '{') {
                at++;
            }
            return line.substring(from, at);
        }

        String labelName() {
            int from = at;
            while (!atEnd()) {
                char ch = peek();
                boolean ok = ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')
                        || (at > from && ch >= '0' && ch <= '9');
                if (!ok) {
                    break;
                }
                at++;
            }
            return line.substring(from, at);
        }
    }
}
