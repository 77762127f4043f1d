package dev.servebench.sim.cluster;

/**
 * What handing a prompt's KV cache from a prefill instance to a decode instance costs.
 *
 * <p>Bytes: every decode rank needs the cache it will hold, so a request of n prompt tokens moves
 * n x (bytes per token per decode GPU) x TP_decode. That is the whole cache split by KV heads for GQA (and
 * replicated where TP exceeds the KV heads), and one full latent copy per decode rank for MLA, whose latent
 * every rank holds (KvCacheSize, rules C2 and C4). vLLM's NIXL connector moves each rank's blocks itself.
 *
 * <p>Time: a fixed latency plus the bytes over min(TP_prefill, TP_decode) GPU links in parallel (each GPU has
 * its own link: xGMI/NVLink lanes inside a node, one NIC per GPU between nodes).
 *
 * @param kvBytesPerTokenPerDecodeGpu KV bytes one token occupies on each decode GPU
 */
public record KvTransfer(long kvBytesPerTokenPerDecodeGpu, int prefillTp, int decodeTp, Link intraNode,
                         Link interNode) {

    public long bytes(int promptTokens) {
        return (long) promptTokens * kvBytesPerTokenPerDecodeGpu * decodeTp;
    }

    public long nanos(int promptTokens, boolean sameNode) {
        Link link = sameNode ? intraNode : interNode;
        int lanes = Math.min(prefillTp, decodeTp);
        return link.latencyNanos() + (long) Math.ceil(bytes(promptTokens) / (lanes * link.bytesPerSecond()) * 1e9);
    }
}
