package dev.servebench.sim.server;

import dev.servebench.BadInputException;
import java.util.SplittableRandom;

/**
 * Faults the simulator injects to test clients, each a probability per request, decided from a
 * seed and the request's number so a run is reproducible.
 *
 * @param errorRate     answer HTTP 500 or 503 (alternately) instead of generating
 * @param stallRate     pause a stream for {@code stallMillis} before its first token
 * @param stallMillis   length of a stall
 * @param resetRate     reset the connection halfway through a stream
 * @param malformedRate send one chunk of invalid JSON halfway through a stream
 * @param truncateRate  end a stream halfway, without finish_reason or {@code [DONE]}
 * @param seed          seed of the per-request draws
 */
public record FaultPlan(double errorRate, double stallRate, long stallMillis, double resetRate,
                        double malformedRate, double truncateRate, long seed) {
    public static final FaultPlan NONE = new FaultPlan(0, 0, 0, 0, 0, 0, 1);

    public FaultPlan {
        for (double r : new double[]{errorRate, stallRate, resetRate, malformedRate, truncateRate}) {
            if (!(r >= 0 && r <= 1)) {
                throw new BadInputException("fault rates must be within 0..1, got " + r);
            }
        }
        if (stallMillis < 0) {
            throw new BadInputException("stall must not be negative");
        }
    }

    /** What happens to one request. */
    public enum Fault { NONE, ERROR_500, ERROR_503, STALL, RESET, MALFORMED, TRUNCATE }

    public Fault draw(long requestNumber) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + requestNumber);
        double u = r.nextDouble();
        if ((u -= errorRate) < 0) {
            return requestNumber % 2 == 0 ? Fault.ERROR_500 : Fault.ERROR_503;
        }
        if ((u -= resetRate) < 0) {
            return Fault.RESET;
        }
        if ((u -= malformedRate) < 0) {
            return Fault.MALFORMED;
        }
        if ((u -= truncateRate) < 0) {
            return Fault.TRUNCATE;
        }
        if ((u -= stallRate) < 0) {
            return Fault.STALL;
        }
        return Fault.NONE;
    }
}
