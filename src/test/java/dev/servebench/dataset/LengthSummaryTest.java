package dev.servebench.dataset;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LengthSummaryTest {

    @Test
    void percentilesAreNearestRank() {
        int[] oneToHundred = IntStream.rangeClosed(1, 100).map(i -> 101 - i).toArray(); // descending on purpose
        assertThat(LengthSummary.of(oneToHundred)).isEqualTo(new LengthSummary(100, 1, 50, 90, 99, 100, 50.5));

        // n = 10: ranks ceil(5) = 5, ceil(9) = 9, ceil(9.9) = 10.
        assertThat(LengthSummary.of(new int[]{7, 3, 9, 1, 5, 10, 2, 8, 4, 6}))
                .isEqualTo(new LengthSummary(10, 1, 5, 9, 10, 10, 5.5));
        assertThat(LengthSummary.of(new int[]{42})).isEqualTo(new LengthSummary(1, 42, 42, 42, 42, 42, 42.0));
    }

    @Test
    void noValuesAreAllZeros() {
        assertThat(LengthSummary.of(new int[0])).isEqualTo(new LengthSummary(0, 0, 0, 0, 0, 0, 0.0));
        assertThat(LengthSummary.of(new int[0]).describe()).isEqualTo("none");
    }

    @Test
    void theVllmFilterKeepsItsBoundsAndDropsJustPastThem() {
        LengthFilter f = LengthFilter.defaultsFor(DatasetKind.SHAREGPT);
        assertThat(f.accepts(4, OptionalInt.of(4))).isTrue();
        assertThat(f.accepts(1024, OptionalInt.of(1024))).isTrue();
        assertThat(f.accepts(3, OptionalInt.of(100))).isFalse();
        assertThat(f.accepts(100, OptionalInt.of(3))).isFalse();
        assertThat(f.accepts(1025, OptionalInt.of(4))).isFalse();
        assertThat(f.accepts(1024, OptionalInt.of(1025))).isFalse();
        assertThat(f.accepts(100, OptionalInt.empty())).isTrue();
        assertThat(LengthFilter.defaultsFor(DatasetKind.JSONL)).isEqualTo(LengthFilter.NONE);
        assertThat(LengthFilter.NONE.accepts(0, OptionalInt.of(Integer.MAX_VALUE))).isTrue();
        assertThat(LengthFilter.parse("min_input=8,max_total=4096"))
                .isEqualTo(new LengthFilter(8, Integer.MAX_VALUE, 0, 4096));
    }
}
