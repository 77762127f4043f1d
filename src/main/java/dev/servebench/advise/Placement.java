package dev.servebench.advise;

/**
 * Where one instance runs (rule P2): a whole instance on one node, on GPUs {@code firstGpu} to
 * {@code firstGpu + gpus - 1} of it.
 *
 * @param instance 0-based index within its role
 * @param node 0-based node index
 */
public record Placement(Role role, int instance, int node, int firstGpu, int gpus) {
}
