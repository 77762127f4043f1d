package dev.servebench.plan;

import dev.servebench.sim.cluster.ClusterShape;

/**
 * The smallest cluster that behaves as a shape does: R replicas serve as R copies of one replica, xPyD as g copies
 * of (x/g)P(y/g)D with g = gcd(x, y). A router that balances outstanding requests gives each copy c / copies of c
 * clients, so one copy simulated at ceil(c / copies) clients predicts the shape at c: its latencies (a copy at the
 * rounded-up share: the busiest ones, which set the p99) and its throughput times c / that share. Planning the
 * whole cluster this way costs one copy's simulation per distinct share, not one of every instance.
 *
 * @param shape  one copy
 * @param copies how many copies the shape is
 */
record ShapeUnit(ClusterShape shape, int copies) {

    static ShapeUnit of(ClusterShape shape) {
        return switch (shape) {
            case ClusterShape.Aggregated a -> new ShapeUnit(new ClusterShape.Aggregated(1, a.tp()), a.replicas());
            case ClusterShape.Disaggregated d -> {
                int g = gcd(d.prefillInstances(), d.decodeInstances());
                yield new ShapeUnit(new ClusterShape.Disaggregated(d.prefillInstances() / g, d.prefillTp(),
                        d.decodeInstances() / g, d.decodeTp()), g);
            }
        };
    }

    /** The clients one copy serves when the shape serves {@code clients}: the rounded-up share. */
    int clientsPerCopy(int clients) {
        return (clients + copies - 1) / copies;
    }

    /** The shape's throughput over one copy's at {@link #clientsPerCopy}: clients / that share. */
    double throughputScale(int clients) {
        return (double) clients / clientsPerCopy(clients);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
