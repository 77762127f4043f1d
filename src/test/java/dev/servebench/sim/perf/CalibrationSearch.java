package dev.servebench.sim.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.InputStream;
import java.util.List;

/**
 * A developer tool, not a test: coordinate descent over the efficiency factors named on the
 * command line (JSON paths into perf-factors.json), minimising the squared log error of the
 * calibration rows of the given models (or, with -Dcalib.minimax=true, the worst row's). Prints the best values; a human copies them, with notes,
 * into perf-factors.json.
 * Usage: CalibrationSearch "Model A,Model B" path=min:max ...
 */
public final class CalibrationSearch {
    public static void main(String[] args) throws Exception {
        List<String> models = List.of(args[0].split(","));
        ObjectNode root;
        try (InputStream in = PerfFactors.class.getResourceAsStream("perf-factors.json")) {
            root = (ObjectNode) new ObjectMapper().readTree(in);
        }
        int n = args.length - 1;
        String[] paths = new String[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            String[] kv = args[i + 1].split("=");
            paths[i] = kv[0];
            lo[i] = Double.parseDouble(kv[1].split(":")[0]);
            hi[i] = Double.parseDouble(kv[1].split(":")[1]);
            x[i] = root.at(paths[i] + "/value").asDouble();
        }
        double best = cost(root, paths, x, models);
        System.out.println("start " + best);
        double step = 0.5;
        for (int pass = 0; pass < 4; pass++) {
            for (int i = 0; i < n; i++) {
                for (double dir : new double[]{1 + step, 1 / (1 + step)}) {
                    while (true) {
                        double[] y = x.clone();
                        y[i] = Math.max(lo[i], Math.min(hi[i], x[i] * dir));
                        if (y[i] == x[i]) {
                            break;
                        }
                        double c = cost(root, paths, y, models);
                        if (c < best) {
                            best = c;
                            x = y;
                            System.out.printf("%.4f %s%n", best, java.util.Arrays.toString(x));
                        } else {
                            break;
                        }
                    }
                }
            }
            step /= 2;
        }
        for (int i = 0; i < n; i++) {
            System.out.printf("%s = %.4f%n", paths[i], x[i]);
        }
        set(root, paths, x);
        CalibrationTest.print(CalibrationTest.predictAll(PerfFactors.parse(root.toString()), models));
    }

    private static void set(ObjectNode root, String[] paths, double[] x) {
        for (int i = 0; i < paths.length; i++) {
            ((ObjectNode) root.at(paths[i])).put("value", x[i]);
        }
    }

    private static double cost(ObjectNode root, String[] paths, double[] x, List<String> models) throws Exception {
        set(root, paths, x);
        double sum = 0;
        double worst = 0;
        for (CalibrationTest.Row r : CalibrationTest.predictAll(PerfFactors.parse(root.toString()), models)) {
            double e = Math.log(r.predictedTotal() / r.studyTotal());
            sum += e * e;
            worst = Math.max(worst, Math.abs(e));
        }
        // -Dcalib.minimax=true: the worst row decides (the ±15 % criterion is per row); sum breaks ties.
        return Boolean.getBoolean("calib.minimax") ? worst + 1e-3 * sum : sum;
    }
}
