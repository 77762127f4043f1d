package dev.servebench.advise.render;

import dev.servebench.BadInputException;
import dev.servebench.model.AcceleratorCatalogue;
import dev.servebench.model.Accelerator;

import java.util.Locale;

/**
 * The network NIXL moves a P/D deployment's KV cache over, which decides UCX's transports and whether the pods ask
 * for RDMA NICs. The default is the GPU's scale-out NIC in {@code interconnects.json} (every entry there is an
 * InfiniBand or RoCEv2 NIC); {@code --kv-network tcp} is for clusters whose pods have no RDMA device plugin.
 */
public enum KvNetwork {
    RDMA("rdma"),
    TCP("tcp");

    private final String key;

    KvNetwork(String key) {
        this.key = key;
    }

    /** The key in deployment-defaults.json's {@code kv_transfer_ucx}. */
    public String key() {
        return key;
    }

    /** RDMA where the GPU's default NIC speaks InfiniBand or RoCE, TCP otherwise. */
    public static KvNetwork defaultFor(Accelerator gpu) {
        String transport = AcceleratorCatalogue.interconnect(gpu.id()).scaleOut().transport().toLowerCase(Locale.ROOT);
        return transport.contains("infiniband") || transport.contains("roce") ? RDMA : TCP;
    }

    public static KvNetwork parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "rdma" -> RDMA;
            case "tcp" -> TCP;
            default -> throw new BadInputException("--kv-network '" + text + "' is not a network NIXL uses here; give "
                    + "rdma (InfiniBand or RoCE NICs through the RDMA device plugin) or tcp");
        };
    }
}
