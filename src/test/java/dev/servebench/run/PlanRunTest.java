package dev.servebench.run;

import dev.servebench.BadInputException;
import dev.servebench.advise.QuantizationRequest;
import dev.servebench.bench.Slo;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.plan.AdvisedInstances;
import dev.servebench.plan.PlanResult;
import dev.servebench.sim.cluster.ClusterShape;
import dev.servebench.sim.cluster.RoutingPolicy;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.store.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link PlanRun} called directly: a tiny search returns its decision, its files and its database record. */
class PlanRunTest {
    @TempDir
    Path dir;

    @Test
    void aTinySearchDecidesWritesThePlanAndRecordsIt() throws Exception {
        Path folder = dir.resolve("plan");
        Path db = dir.resolve("runs.db");
        List<String> notes = new ArrayList<>();
        PlanRun.Result run = PlanRun.run(options(OptionalDouble.empty(), folder, false,
                Optional.of(DatabaseLocation.sqliteFile(db))), notes::add);

        PlanResult.Decision decision = run.plan().decisions().getFirst();
        assertThat(run.plan().decisions()).hasSize(1);
        assertThat(decision.concurrency()).isEqualTo(8);
        assertThat(decision.best()).as("a shape meets the SLO at concurrency 8").isPresent();
        assertThat(run.shapes()).isEqualTo(2);
        assertThat(run.planFile()).isEqualTo(folder.resolve("plan.json")).isNotEmptyFile();
        assertThat(run.report()).isEmpty();
        assertThat(folder.resolve("report.html")).doesNotExist();
        assertThat(run.linkSensitivity()).contains("Link sensitivity");
        // The planner's progress reaches the caller, named as the plan's.
        assertThat(notes).anySatisfy(n -> assertThat(n).startsWith("plan: ").contains("2 of 2 unit shapes"));

        PlanRun.Recorded recorded = run.recorded().orElseThrow();
        try (RunStore store = RunStore.open(DatabaseLocation.sqliteFile(db))) {
            var stored = store.findExperiment(recorded.id()).orElseThrow();
            assertThat(stored.kind()).isEqualTo("plan");
            assertThat(stored.resultJson().orElseThrow()).contains("\"decisions\"", "2 x TP4");
        }
    }

    @Test
    void aLinkOfNoBandwidthIsRefusedBeforeAnythingRuns() {
        Path folder = dir.resolve("refused");
        assertThatThrownBy(() -> options(OptionalDouble.of(0), folder, false, Optional.empty()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--inter-node-gbps must be a positive");
        assertThat(folder).doesNotExist();
    }

    private static PlanRun.Options options(OptionalDouble interNodeGbps, Path folder, boolean writeReport,
                                           Optional<DatabaseLocation> database) {
        return new PlanRun.Options(ModelCatalogue.load("gpt-oss-120b"), AcceleratorCatalogue.get("mi300x"), 1, 8, 512,
                32, List.of(8), Slo.parse("ttft=10s"), QuantizationRequest.AUTO, AdvisedInstances.Overrides.NONE,
                interNodeGbps, RoutingPolicy.parse("least-outstanding"), 2,
                Optional.of(List.of(ClusterShape.parse("2 x TP4"), ClusterShape.parse("1P(TP4)1D(TP4)"))), folder,
                writeReport, database);
    }
}
