package dev.servebench.advise.render;

import java.util.Optional;

/**
 * How a cluster plan's manifests are laid out, beyond what the plan decides.
 *
 * @param kvNetwork the P/D pods' KV network; empty: {@link KvNetwork#defaultFor} the plan's GPU
 * @param onePerNode replicas spread one per node (a required pod anti-affinity on the node's hostname), so that a
 *        node's failure takes one replica down and replicas smaller than a node do not share one
 */
public record ManifestOptions(Optional<KvNetwork> kvNetwork, boolean onePerNode) {
    public static final ManifestOptions DEFAULT = new ManifestOptions(Optional.empty(), false);
}
