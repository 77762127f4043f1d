package dev.servebench.report.tables;

import dev.servebench.report.AdvisorPlan;
import dev.servebench.table.ReportTable;

import java.util.ArrayList;
import java.util.List;

/** The study's memory-by-precision table, from the advisor's figures. */
public final class MemoryTable {
    public static final List<String> COLUMNS = List.of("precision", "bytes_per_param", "total_params_b", "tp",
            "weights_gib_per_gpu", "fits");

    private MemoryTable() {
    }

    public static ReportTable of(AdvisorPlan plan) {
        List<List<String>> rows = new ArrayList<>();
        for (AdvisorPlan.PrecisionMemory m : plan.memoryByPrecision()) {
            rows.add(List.of(m.precision(), Cells.num(m.bytesPerParam(), 2), Cells.num(m.totalParamsBillions(), 0),
                    Integer.toString(m.tensorParallel()), Cells.num(m.weightsPerGpuGib(), 1), m.fits() ? "yes" : "no"));
        }
        return new ReportTable("memory", "Memory by precision: " + plan.model() + " on " + plan.gpus() + " x "
                + plan.accelerator(), "Per-GPU weight memory = stored parameters x bytes per parameter / TP "
                + "(MoE stores every expert).", COLUMNS, rows);
    }
}
