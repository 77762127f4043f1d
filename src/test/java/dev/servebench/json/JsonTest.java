package dev.servebench.json;

import dev.servebench.stats.Summary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {
    @Test
    void emptySummariesWriteNullsNotNaN() throws Exception {
        String json = Json.mapper().writeValueAsString(Summary.empty());
        assertThat(json).isEqualTo("{\"count\":0,\"mean\":null,\"min\":null,\"p50\":null,\"p90\":null,\"p95\":null,"
                + "\"p99\":null,\"max\":null}");
    }

    @Test
    void finiteNumbersAreWrittenAsNumbers() throws Exception {
        assertThat(Json.mapper().writeValueAsString(Summary.of(new double[] {1.5})))
                .contains("\"p50\":1.5").doesNotContain("empty");
    }
}
