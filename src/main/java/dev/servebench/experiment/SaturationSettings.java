package dev.servebench.experiment;

import dev.servebench.BadInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A fine saturation sweep: concurrencies {@code from, from+step, …, to}, each measured in
 * {@code runs} runs of {@code requestsPerRun} requests.
 *
 * @param tolerance      a level is on the plateau when its mean throughput is within this share of the peak (0.05)
 * @param cliffThreshold a drop between neighbouring levels of at least this share is a cliff (0.20)
 */
public record SaturationSettings(int from, int to, int step, int runs, int requestsPerRun, double tolerance,
                                 double cliffThreshold) {
    public SaturationSettings {
        if (from < 1 || to < from || step < 1) {
            throw new BadInputException("need 1 ≤ --from ≤ --to and --step ≥ 1, got from " + from + " to " + to
                    + " step " + step);
        }
        if (runs < 1 || requestsPerRun < 1) {
            throw new BadInputException("--runs and --requests must be at least 1");
        }
        if (!(tolerance > 0 && tolerance < 1) || !(cliffThreshold > 0 && cliffThreshold < 1)) {
            throw new BadInputException("--tolerance and --cliff are shares between 0 and 100 %");
        }
    }

    public List<Integer> levels() {
        List<Integer> out = new ArrayList<>();
        for (int c = from; c <= to; c += step) {
            out.add(c);
        }
        return out;
    }
}
