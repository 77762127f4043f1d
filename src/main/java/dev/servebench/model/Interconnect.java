package dev.servebench.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one accelerator's GPUs talk to each other: the scale-up link inside a node and the default NIC per
 * GPU between nodes, from {@code interconnects.json} (every figure with its source there). All bandwidths
 * are per direction, in GB/s (1e9 bytes per second). Read through {@link AcceleratorCatalogue#interconnect}.
 *
 * @param accelerator the {@link Accelerator#id()} these figures belong to
 */
public record Interconnect(String accelerator, ScaleUp scaleUp, ScaleOut scaleOut) {

    /**
     * Intra-node GPU-to-GPU link (xGMI / NVLink).
     *
     * @param perLinkGbPerS one link, per direction
     * @param perGpuGbPerS all of one GPU's links together, per direction
     * @param peerGbPerS what one GPU can send to one other GPU, per direction (one link in AMD's fully
     *        connected mesh; the whole per-GPU figure through NVSwitch)
     * @param asPublished the source's own wording (which says "bidirectional" where it does)
     * @param latencyMicros one-way small-message latency; an estimate (see {@code latencySource})
     */
    public record ScaleUp(String link, int linksPerGpu, double perLinkGbPerS, double perGpuGbPerS, double peerGbPerS,
                          String topology, String asPublished, double latencyMicros, String latencySource, String source) {
    }

    /**
     * Inter-node NIC(s) of one GPU.
     *
     * @param gbitPerS line rate of one NIC, per direction
     * @param gbPerS the same in GB/s (line rate / 8)
     * @param latencyMicros one-way small-message RDMA latency through one switch; an estimate
     */
    public record ScaleOut(String nic, String transport, int nicsPerGpu, double gbitPerS, double gbPerS,
                           String asPublished, double latencyMicros, String latencySource, String source) {
        /** Bytes per second one GPU can send to another node, per direction. */
        public double bytesPerSecondPerGpu() {
            return nicsPerGpu * gbPerS * 1e9;
        }
    }

    public Interconnect {
        String where = "interconnects.json " + accelerator + ": ";
        positive(where + "scale_up", scaleUp.linksPerGpu(), scaleUp.perLinkGbPerS(), scaleUp.perGpuGbPerS(),
                scaleUp.peerGbPerS(), scaleUp.latencyMicros());
        positive(where + "scale_out", scaleOut.nicsPerGpu(), scaleOut.gbitPerS(), scaleOut.gbPerS(), scaleOut.latencyMicros());
        if (Math.abs(scaleUp.linksPerGpu() * scaleUp.perLinkGbPerS() - scaleUp.perGpuGbPerS()) > 1e-6 * scaleUp.perGpuGbPerS()) {
            throw new IllegalStateException(where + "per_gpu_gb_s must be links_per_gpu x per_link_gb_s");
        }
        if (scaleUp.peerGbPerS() > scaleUp.perGpuGbPerS()) {
            throw new IllegalStateException(where + "peer_gb_s cannot exceed per_gpu_gb_s");
        }
        if (Math.abs(scaleOut.gbitPerS() / 8 - scaleOut.gbPerS()) > 1e-9) {
            throw new IllegalStateException(where + "gb_s must be gbit_s / 8");
        }
        for (String s : new String[]{scaleUp.source(), scaleUp.latencySource(), scaleOut.source(), scaleOut.latencySource()}) {
            if (s == null || s.isBlank()) {
                throw new IllegalStateException(where + "every figure needs a source");
            }
        }
    }

    /** Per-GPU scale-up bytes per second, per direction. */
    public double scaleUpBytesPerSecondPerGpu() {
        return scaleUp.perGpuGbPerS() * 1e9;
    }

    private static void positive(String where, double... values) {
        for (double v : values) {
            if (!(v > 0)) {
                throw new IllegalStateException(where + ": every figure must be positive, got " + v);
            }
        }
    }

    static final String RESOURCE = "interconnects.json";

    static Map<String, Interconnect> load() {
        try (InputStream in = Interconnect.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            Map<String, Interconnect> out = new LinkedHashMap<>();
            for (JsonNode n : new ObjectMapper().readTree(in).path("interconnects")) {
                JsonNode up = n.path("scale_up");
                JsonNode nic = n.path("scale_out");
                Interconnect i = new Interconnect(n.path("accelerator").asText(),
                        new ScaleUp(up.path("link").asText(), up.path("links_per_gpu").asInt(),
                                up.path("per_link_gb_s").asDouble(), up.path("per_gpu_gb_s").asDouble(),
                                up.path("peer_gb_s").asDouble(), up.path("topology").asText(),
                                up.path("as_published").asText(), up.path("latency_us").asDouble(),
                                up.path("latency_source").asText(), up.path("source").asText()),
                        new ScaleOut(nic.path("nic").asText(), nic.path("transport").asText(),
                                nic.path("nics_per_gpu").asInt(), nic.path("gbit_s").asDouble(), nic.path("gb_s").asDouble(),
                                nic.path("as_published").asText(), nic.path("latency_us").asDouble(),
                                nic.path("latency_source").asText(), nic.path("source").asText()));
                if (out.put(i.accelerator(), i) != null) {
                    throw new IllegalStateException(RESOURCE + " lists " + i.accelerator() + " twice");
                }
            }
            return Collections.unmodifiableMap(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
