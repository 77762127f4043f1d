package dev.servebench.sim.cluster;

/** The links a cluster's KV caches cross: inside a node (xGMI, NVLink) and between nodes (a NIC per GPU). */
public record ClusterLinks(Link intraNode, Link interNode) {
}
