package dev.servebench.sim.cluster;

import dev.servebench.model.Accelerator;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.Interconnect;

/** The links a cluster's KV caches cross: inside a node (xGMI, NVLink) and between nodes (a NIC per GPU). */
public record ClusterLinks(Link intraNode, Link interNode) {

    /**
     * The accelerator's nodes as {@code interconnects.json} describes them, per direction: inside a node one GPU
     * sends to one peer GPU (one xGMI link in AMD's mesh, the whole NVLink bandwidth through NVSwitch), between
     * nodes through its own NIC. The latencies there are estimates, as the file says.
     */
    /** The same nodes with the link between them at {@code gbps} (line rate, Gb/s per GPU per direction). */
    public ClusterLinks withInterNodeGbps(double gbps) {
        return new ClusterLinks(intraNode, new Link(gbps / 8 * 1e9, interNode.latencyNanos()));
    }

    /** The link between nodes as a line rate in Gb/s per GPU per direction. */
    public double interNodeGbps() {
        return interNode.bytesPerSecond() * 8 / 1e9;
    }

    public static ClusterLinks forGpu(Accelerator gpu) {
        Interconnect i = AcceleratorCatalogue.interconnect(gpu.id());
        return new ClusterLinks(
                new Link(i.scaleUp().peerGbPerS() * 1e9, Math.round(i.scaleUp().latencyMicros() * 1_000)),
                new Link(i.scaleOut().bytesPerSecondPerGpu(), Math.round(i.scaleOut().latencyMicros() * 1_000)));
    }
}
