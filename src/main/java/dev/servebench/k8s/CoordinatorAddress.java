package dev.servebench.k8s;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;

/**
 * Where the worker pods reach the coordinator when the user does not say: the coordinator's own pod IP
 * when it runs in the cluster (POD_IP from the downward API, as docs/kubernetes.md's pod sets it), else
 * this machine's first non-loopback IPv4 address (a kind cluster's pods reach the host that way).
 */
public final class CoordinatorAddress {
    public static final String POD_IP_ENV = "POD_IP";

    private CoordinatorAddress() {
    }

    public static Optional<String> detect() {
        String podIp = System.getenv(POD_IP_ENV);
        if (podIp != null && !podIp.isBlank()) {
            return Optional.of(podIp.strip());
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        return Optional.of(a.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
