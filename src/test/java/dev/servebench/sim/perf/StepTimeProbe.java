package dev.servebench.sim.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.ModelCatalogue;
import dev.servebench.sim.engine.StepShape;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A developer tool, not a test: sets the step-time model's prediction against steps timed on a
 * real GPU by benchmarks/gpu-roofline/decode_step.py. The GPU figures have no serving engine
 * around them, so the comparison leaves out the model's per-step host overhead.
 * Usage: StepTimeProbe MEASURED_JSON CONFIG_JSON GPU_ID [PERF_FACTORS_JSON]
 */
public final class StepTimeProbe {
    public static void main(String[] args) throws Exception {
        JsonNode measured = new ObjectMapper().readTree(Files.readString(Path.of(args[0])));
        PerfFactors factors = args.length > 3 ? PerfFactors.parse(Files.readString(Path.of(args[3]))) : PerfFactors.builtIn();
        SimulatedDeployment d = SimulatedDeployment.of(ModelCatalogue.load(args[1]), AcceleratorCatalogue.get(args[2]),
                ServingOptions.defaults(1), factors);
        System.out.printf(Locale.ROOT, "%s on %s (%s), TP 1, kernel path %s%n", d.model().name(), measured.path("device")
                .asText(), args[2], d.kernelPath().key());
        System.out.println("| step | measured ms | predicted ms (no host overhead) | error |");
        System.out.println("|---|---:|---:|---:|");
        for (JsonNode r : measured.path("decode")) {
            print("decode " + r.path("batch").asInt() + " x context " + r.path("context").asInt(), r.path("seconds")
                    .asDouble(), d, factors, StepShape.decodes(r.path("batch").asInt(), r.path("context").asInt()));
        }
        for (JsonNode r : measured.path("prefill")) {
            print("prefill " + r.path("tokens").asInt() + " tokens", r.path("seconds").asDouble(), d, factors,
                    StepShape.prefill(r.path("tokens").asInt(), 0, 0, 0));
        }
    }

    private static void print(String step, double measuredSeconds, SimulatedDeployment d, PerfFactors factors,
                              StepShape shape) {
        RooflineStepTimeModel.StepBreakdown b = d.stepTime().breakdown(shape);
        double hostSeconds = factors.factors(d.accelerator().id(), d.kernelPath(), d.shape())
                .stepOverheadMicros() * 1e-6;
        double predicted = b.totalSeconds() - hostSeconds;
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %+.0f %% |%n", step, measuredSeconds * 1e3, predicted * 1e3,
                100 * (predicted / measuredSeconds - 1));
    }
}
