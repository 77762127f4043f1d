package dev.servebench.sim.cluster;

import dev.servebench.BadInputException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How a cluster's GPUs serve: whole-request replicas behind a router, or prefill and decode pools (xPyD). */
public sealed interface ClusterShape {

    /** GPUs the shape occupies. */
    int gpus();

    /** A short label: "4 x TP2" or "2P(TP4)1D(TP8)". */
    String label();

    /** {@code replicas} data-parallel instances of tensor parallelism {@code tp}, each serving whole requests. */
    record Aggregated(int replicas, int tp) implements ClusterShape {
        public Aggregated {
            if (replicas < 1 || tp < 1) {
                throw new BadInputException("--replicas and --tp must be at least 1, got " + replicas + " and " + tp);
            }
        }

        @Override
        public int gpus() {
            return replicas * tp;
        }

        @Override
        public String label() {
            return replicas + " x TP" + tp;
        }
    }

    /**
     * {@code prefillInstances} instances of TP {@code prefillTp} compute prompts and hand their KV cache to
     * {@code decodeInstances} instances of TP {@code decodeTp}, which generate the answers.
     */
    record Disaggregated(int prefillInstances, int prefillTp, int decodeInstances, int decodeTp)
            implements ClusterShape {
        public Disaggregated {
            if (prefillInstances < 1 || decodeInstances < 1 || prefillTp < 1 || decodeTp < 1) {
                throw new BadInputException("a disaggregated shape needs at least one prefill and one decode "
                        + "instance of TP >= 1, got " + prefillInstances + "P" + decodeInstances + "D");
            }
        }

        @Override
        public int gpus() {
            return prefillInstances * prefillTp + decodeInstances * decodeTp;
        }

        @Override
        public String label() {
            return prefillInstances + "P(TP" + prefillTp + ")" + decodeInstances + "D(TP" + decodeTp + ")";
        }
    }

    Pattern XPYD = Pattern.compile("(\\d+)P(\\d+)D");

    /** Parses llm-d's "xPyD" (e.g. 2P1D) with the TP of each role. */
    static Disaggregated disaggregated(String xPyD, int prefillTp, int decodeTp) {
        Matcher m = XPYD.matcher(xPyD.strip().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new BadInputException("--disaggregate " + xPyD + ": write xPyD, e.g. 2P1D (two prefill instances, "
                    + "one decode instance)");
        }
        return new Disaggregated(Integer.parseInt(m.group(1)), prefillTp, Integer.parseInt(m.group(2)), decodeTp);
    }

    Pattern AGGREGATED_LABEL = Pattern.compile("(\\d+)\\s*[xX]\\s*TP(\\d+)");
    Pattern DISAGGREGATED_LABEL = Pattern.compile("(\\d+)P\\(TP(\\d+)\\)(\\d+)D\\(TP(\\d+)\\)");

    /** Parses a shape as {@link #label()} writes it: "4 x TP2" (or 4xTP2) or "2P(TP4)1D(TP8)". */
    static ClusterShape parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replace(" ", "");
        Matcher a = AGGREGATED_LABEL.matcher(t);
        if (a.matches()) {
            return new Aggregated(Integer.parseInt(a.group(1)), Integer.parseInt(a.group(2)));
        }
        Matcher d = DISAGGREGATED_LABEL.matcher(t);
        if (d.matches()) {
            return new Disaggregated(Integer.parseInt(d.group(1)), Integer.parseInt(d.group(2)),
                    Integer.parseInt(d.group(3)), Integer.parseInt(d.group(4)));
        }
        throw new BadInputException("shape '" + text + "': write R x TPt for R replicas of TP t (e.g. 4 x TP2) or "
                + "xP(TPp)yD(TPd) for a disaggregated one (e.g. 2P(TP4)1D(TP8))");
    }
}
