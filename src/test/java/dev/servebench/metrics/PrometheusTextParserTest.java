package dev.servebench.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PrometheusTextParserTest {
    /** The example of the format's specification (prometheus.io, "Exposition formats", text format example). */
    static final String SPEC_EXAMPLE = """
            # HELP http_requests_total The total number of HTTP requests.
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000
            http_requests_total{method="post",code="400"}    3 1395066363000

            # Escaping in label values:
            msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9

            # Minimalistic line:
            metric_without_timestamp_and_labels 12.47

            # A weird metric from before the epoch:
            something_weird{problem="division by zero"} +Inf -3982045

            # A histogram, which has a pretty complex representation in the text format:
            # HELP http_request_duration_seconds A histogram of the request duration.
            # TYPE http_request_duration_seconds histogram
            http_request_duration_seconds_bucket{le="0.05"} 24054
            http_request_duration_seconds_bucket{le="0.1"} 33444
            http_request_duration_seconds_bucket{le="0.2"} 100392
            http_request_duration_seconds_bucket{le="0.5"} 129389
            http_request_duration_seconds_bucket{le="1"} 133988
            http_request_duration_seconds_bucket{le="+Inf"} 144320
            http_request_duration_seconds_sum 53423
            http_request_duration_seconds_count 144320

            # Finally a summary, which has a complex representation, too:
            # HELP rpc_duration_seconds A summary of the RPC duration in seconds.
            # TYPE rpc_duration_seconds summary
            rpc_duration_seconds{quantile="0.01"} 3102
            rpc_duration_seconds{quantile="0.05"} 3272
            rpc_duration_seconds{quantile="0.5"} 4773
            rpc_duration_seconds{quantile="0.9"} 9001
            rpc_duration_seconds{quantile="0.99"} 76656
            rpc_duration_seconds_sum 1.7560473e+07
            rpc_duration_seconds_count 2693
            """;

    @Test
    void theSpecificationsExampleParsesIntoTypedFamilies() throws Exception {
        Exposition e = PrometheusTextParser.parse(SPEC_EXAMPLE);
        assertThat(e.families()).extracting(MetricFamily::name).containsExactly("http_requests_total",
                "msdos_file_access_time_seconds", "metric_without_timestamp_and_labels", "something_weird",
                "http_request_duration_seconds", "rpc_duration_seconds");

        var counter = (MetricFamily.CounterFamily) e.family("http_requests_total").orElseThrow();
        assertThat(counter.help()).isEqualTo("The total number of HTTP requests.");
        assertThat(counter.samples()).hasSize(2);
        Sample first = counter.samples().getFirst();
        assertThat(first.labels()).isEqualTo(Map.of("method", "post", "code", "200"));
        assertThat(first.value()).isEqualTo(1027);
        assertThat(first.timestampMillis()).hasValue(1395066363000L);
        assertThat(counter.samples().get(1).value()).isEqualTo(3);

        var escaped = (MetricFamily.UntypedFamily) e.family("msdos_file_access_time_seconds").orElseThrow();
        assertThat(escaped.declaredType()).isEqualTo("untyped");
        assertThat(escaped.samples().getFirst().labels()).containsEntry("path", "C:\\DIR\\FILE.TXT")
                .containsEntry("error", "Cannot find file:\n\"FILE.TXT\"");
        assertThat(escaped.samples().getFirst().value()).isEqualTo(1.458255915e9);

        var minimal = (MetricFamily.UntypedFamily) e.family("metric_without_timestamp_and_labels").orElseThrow();
        assertThat(minimal.samples().getFirst().labels()).isEmpty();
        assertThat(minimal.samples().getFirst().timestampMillis()).isEmpty();

        var weird = (MetricFamily.UntypedFamily) e.family("something_weird").orElseThrow();
        assertThat(weird.samples().getFirst().value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(weird.samples().getFirst().timestampMillis()).hasValue(-3982045L);

        var histogram = (MetricFamily.HistogramFamily) e.family("http_request_duration_seconds").orElseThrow();
        assertThat(histogram.series()).hasSize(1);
        HistogramSeries h = histogram.series().getFirst();
        assertThat(h.labels()).isEmpty();
        assertThat(h.buckets()).extracting(HistogramSeries.Bucket::upperBound)
                .containsExactly(0.05, 0.1, 0.2, 0.5, 1.0, Double.POSITIVE_INFINITY);
        assertThat(h.buckets()).extracting(HistogramSeries.Bucket::cumulativeCount)
                .containsExactly(24054.0, 33444.0, 100392.0, 129389.0, 133988.0, 144320.0);
        assertThat(h.sum()).isEqualTo(53423);
        assertThat(h.count()).isEqualTo(144320);

        var summary = (MetricFamily.SummaryFamily) e.family("rpc_duration_seconds").orElseThrow();
        SummarySeries s = summary.series().getFirst();
        assertThat(s.quantiles()).extracting(SummarySeries.Quantile::quantile)
                .containsExactly(0.01, 0.05, 0.5, 0.9, 0.99);
        assertThat(s.quantiles().get(2).value()).isEqualTo(4773);
        assertThat(s.sum()).isEqualTo(1.7560473e7);
        assertThat(s.count()).isEqualTo(2693);
    }

    @Test
    void histogramQuantilesAreEstimatedAsPrometheusHistogramQuantileDoes() throws Exception {
        var h = (MetricFamily.HistogramFamily) PrometheusTextParser.parse(SPEC_EXAMPLE)
                .family("http_request_duration_seconds").orElseThrow();
        BucketCounts counts = h.series().getFirst().counts();
        // Rank 0.5 x 144320 = 72160 falls in (0.1, 0.2]: 0.1 + 0.1 x (72160 - 33444) / (100392 - 33444).
        assertThat(counts.quantile(0.5)).isCloseTo(0.1 + 0.1 * (72160 - 33444) / (100392.0 - 33444), within(1e-12));
        // In the lowest bucket the range starts at 0.
        assertThat(counts.quantile(0.1)).isCloseTo(0.05 * 14432 / 24054, within(1e-12));
        // Rank in the +Inf bucket: the highest finite bound.
        assertThat(counts.quantile(0.99)).isEqualTo(1.0);
        assertThat(counts.mean()).isEqualTo(53423.0 / 144320);
        assertThat(counts.quantile(-0.1)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(counts.quantile(1.1)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(new BucketCounts(List.of(new HistogramSeries.Bucket(1, 0),
                new HistogramSeries.Bucket(Double.POSITIVE_INFINITY, 0)), 0, 0).quantile(0.5)).isNaN();
    }

    @Test
    void aDifferenceOfTwoScrapesIsWhatHappenedInBetweenAndARestartGivesNone() {
        BucketCounts before = counts(0, new double[] {1, 3, 3}, 2.5, 3);
        BucketCounts after = counts(0, new double[] {1, 5, 7}, 10.5, 7);
        BucketCounts delta = after.since(before).orElseThrow();
        assertThat(delta.buckets()).extracting(HistogramSeries.Bucket::cumulativeCount).containsExactly(0.0, 2.0, 4.0);
        assertThat(delta.sum()).isEqualTo(8.0);
        assertThat(delta.count()).isEqualTo(4.0);
        assertThat(delta.mean()).isEqualTo(2.0);
        assertThat(before.since(after)).isEmpty();
    }

    @Test
    void seriesOfOneHistogramAddUpByBucketAsSumByLe() {
        BucketCounts a = counts(0, new double[] {1, 2, 3}, 1, 3);
        BucketCounts b = counts(0, new double[] {0, 4, 4}, 5, 4);
        BucketCounts sum = BucketCounts.sum(List.of(a, b));
        assertThat(sum.buckets()).extracting(HistogramSeries.Bucket::cumulativeCount).containsExactly(1.0, 6.0, 7.0);
        assertThat(sum.count()).isEqualTo(7);
        assertThat(sum.sum()).isEqualTo(6);
    }

    @Test
    void bucketsThatDecreaseAreRaisedToTheRunningMaximumFirst() {
        // A scrape racing an observation can show a higher bucket below a lower one; Prometheus evens it out.
        BucketCounts racy = counts(0, new double[] {4, 3, 4}, 4, 4);
        assertThat(racy.quantile(0.5)).isCloseTo(0.5, within(1e-12));
    }

    private static BucketCounts counts(int unused, double[] cumulative, double sum, double count) {
        double[] bounds = {1, 2, Double.POSITIVE_INFINITY};
        List<HistogramSeries.Bucket> buckets = new java.util.ArrayList<>();
        for (int i = 0; i < cumulative.length; i++) {
            buckets.add(new HistogramSeries.Bucket(bounds[i], cumulative[i]));
        }
        return new BucketCounts(buckets, sum, count);
    }

    @Test
    void helpTextIsUnescapedAndCommentsAreIgnored() throws Exception {
        Exposition e = PrometheusTextParser.parse("""
                # a plain comment, ignored
                #   HELP   up  A \\\\ backslash,\\na newline and "quotes"
                # TYPE up gauge
                up 1
                """);
        var up = (MetricFamily.GaugeFamily) e.family("up").orElseThrow();
        assertThat(up.help()).isEqualTo("A \\ backslash,\na newline and \"quotes\"");
        assertThat(up.samples().getFirst().value()).isEqualTo(1);
    }

    @Test
    void blanksTabsATrailingCommaAndEmptyLabelSetsAreAllowed() throws Exception {
        Exposition e = PrometheusTextParser.parse("a { x = \"1\" , y=\"\",} \t 2.5e-3\t 17 \nb{} -0.5\nc 1e+06\n");
        Sample a = ((MetricFamily.UntypedFamily) e.family("a").orElseThrow()).samples().getFirst();
        assertThat(a.labels()).isEqualTo(Map.of("x", "1", "y", ""));
        assertThat(a.value()).isEqualTo(0.0025);
        assertThat(a.timestampMillis()).hasValue(17);
        assertThat(((MetricFamily.UntypedFamily) e.family("b").orElseThrow()).samples().getFirst().value())
                .isEqualTo(-0.5);
        // llama.cpp prints large values through a C++ stream: 1e+06.
        assertThat(e.plainValues()).containsEntry("c", 1e6);
    }

    @ParameterizedTest
    @CsvSource({"NaN,NaN", "nan,NaN", "+Inf,Infinity", "-Inf,-Infinity", "inf,Infinity", "+infinity,Infinity",
            "-0,-0.0", ".5,0.5", "5.,5.0", "1E3,1000.0", "-1.5e-2,-0.015"})
    void valuesAreFloatsWithGosSpellingsOfNanAndInfinity(String text, String expected) throws Exception {
        Exposition e = PrometheusTextParser.parse("m " + text + "\n");
        assertThat((Object) e.plainValues().get("m")).isEqualTo(Double.valueOf(expected));
    }

    @Test
    void unknownTypeWordsAndUntypedSamplesAreKeptRaw() throws Exception {
        Exposition e = PrometheusTextParser.parse("""
                # TYPE build info
                build{version="1.2"} 1
                # TYPE plain untyped
                plain 3
                loose 4
                """);
        assertThat(((MetricFamily.UntypedFamily) e.family("build").orElseThrow()).declaredType()).isEqualTo("info");
        assertThat(((MetricFamily.UntypedFamily) e.family("plain").orElseThrow()).declaredType()).isEqualTo("untyped");
        assertThat(e.plainValues()).containsExactly(Map.entry("build{version=\"1.2\"}", 1.0),
                Map.entry("plain", 3.0), Map.entry("loose", 4.0));
    }

    @Test
    void histogramsAreGroupedPerLabelSetAndSummariesMayHaveNoQuantiles() throws Exception {
        Exposition e = PrometheusTextParser.parse("""
                # TYPE ttft histogram
                ttft_bucket{engine="0",le="0.1"} 1
                ttft_bucket{engine="0",le="+Inf"} 2
                ttft_sum{engine="0"} 0.35
                ttft_count{engine="0"} 2
                ttft_bucket{engine="1",le="0.1"} 0
                ttft_bucket{engine="1",le="+Inf"} 1
                ttft_sum{engine="1"} 0.2
                ttft_count{engine="1"} 1
                # TYPE lat summary
                lat_sum 3
                lat_count 2
                """);
        var h = (MetricFamily.HistogramFamily) e.family("ttft").orElseThrow();
        assertThat(h.series()).extracting(s -> s.labels().get("engine")).containsExactly("0", "1");
        assertThat(h.series().get(1).count()).isEqualTo(1);
        var s = (MetricFamily.SummaryFamily) e.family("lat").orElseThrow();
        assertThat(s.series().getFirst().quantiles()).isEmpty();
        assertThat(s.series().getFirst().sum()).isEqualTo(3);
        assertThat(e.plainValues()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            # TYPE a counter\\n# TYPE a gauge\\na 1                 | line 2: a second TYPE line for a
            # HELP a x\\n# HELP a y\\na 1                         | line 2: a second HELP line for a
            a 1\\n# TYPE a counter                                 | line 2: the TYPE line for a comes after its samples
            # TYPE a                                               | line 1: # TYPE a needs exactly one type word
            # TYPE a gauge extra                                   | line 1: # TYPE a needs exactly one type word
            # HELP                                                 | line 1: # HELP needs a metric name
            # HELP a bad \\\\q escape                              | line 1: invalid escape \\q in HELP text
            a{x=\\"1\\"                                            | line 1: the label set is not closed with }
            a{x=1} 1                                               | line 1: the value of label x must be in double quotes
            a{x=\\"1\\" y=\\"2\\"} 1                               | line 1: expected , or } after the value of label x
            a{x=\\"\\\\t\\"} 1                                     | line 1: invalid escape \\t in a label value
            a{x=\\"1\\",x=\\"2\\"} 1                               | line 1: the label x appears twice
            a{__name__=\\"b\\"} 1                                  | line 1: label names starting with __ are reserved
            a{1x=\\"1\\"} 1                                        | line 1: expected a label name
            a                                                      | line 1: the sample a has no value
            a one                                                  | line 1: 'one' is not a number
            a 1.0d                                                 | line 1: '1.0d' is not a number
            a 1 1.5                                                | line 1: timestamp '1.5' is not an integer
            a 1 2 3                                                | line 1: unexpected text after the timestamp
            a 1\\nb 2\\na 3                                        | line 3: the series a appears twice
            9a 1                                                   | line 1: a sample line must start with a metric name
            # TYPE h histogram\\nh_bucket 1                        | line 2: h_bucket has no le label
            # TYPE h histogram\\nh_bucket{le=\\"x\\"} 1            | line 2: le=\\"x\\" is not a number
            # TYPE h histogram\\nh 1                               | line 2: histogram h has a sample without _bucket
            # TYPE s summary\\ns 1                                 | line 2: summary s has a sample without a quantile label
            """)
    void malformedInputIsRefusedNamingTheLineAndWhy(String input, String expected) {
        String text = input.strip().replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\") + "\n";
        assertThatThrownBy(() -> PrometheusTextParser.parse(text)).isInstanceOf(ExpositionFormatException.class)
                .hasMessageStartingWith(expected.strip().replace("\\\"", "\"").replace("\\\\", "\\"));
    }

    @Test
    void aHistogramMustEndWithAnInfBucketEqualToItsCountAndKeepItsBucketsInOrder() {
        assertThatThrownBy(() -> PrometheusTextParser.parse("""
                # TYPE h histogram
                h_bucket{le="1"} 1
                h_sum 1
                h_count 1
                """)).hasMessage("histogram h has no le=\"+Inf\" bucket");
        assertThatThrownBy(() -> PrometheusTextParser.parse("""
                # TYPE h histogram
                h_bucket{le="1"} 1
                h_bucket{le="+Inf"} 2
                h_sum 1
                h_count 3
                """)).hasMessage("histogram h: the +Inf bucket (2.0) differs from _count (3.0)");
        assertThatThrownBy(() -> PrometheusTextParser.parse("""
                # TYPE h histogram
                h_bucket{le="2"} 1
                h_bucket{le="1"} 1
                h_bucket{le="+Inf"} 1
                h_sum 1
                h_count 1
                """)).hasMessage("the buckets of h are not in increasing order of le");
        assertThatThrownBy(() -> PrometheusTextParser.parse("""
                # TYPE h histogram
                h_bucket{le="+Inf"} 1
                h_count 1
                """)).hasMessage("histogram h lacks its _sum");
        assertThatThrownBy(() -> PrometheusTextParser.parse("""
                # TYPE s summary
                s{quantile="0.9"} 1
                s{quantile="0.5"} 1
                s_sum 1
                s_count 1
                """)).hasMessage("the quantiles of s are not in increasing order");
    }
}
