package dev.servebench.client;

import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NettyTransportTest {
    @Test
    void linuxOnX86UsesTheNativeEpollTransportTheJarCarries() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        assumeTrue(os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64")),
                "the jar carries the native library for Linux x86-64 only");
        assertThat(Epoll.isAvailable()).as(String.valueOf(Epoll.unavailabilityCause())).isTrue();
        assertThat(NettyTransport.best()).isEqualTo(NettyTransport.EPOLL);
    }

    @Test
    void nioCanBeForcedForComparison() {
        String before = System.getProperty("servebench.transport");
        System.setProperty("servebench.transport", "nio");
        try {
            assertThat(NettyTransport.best()).isEqualTo(NettyTransport.NIO);
        } finally {
            if (before == null) {
                System.clearProperty("servebench.transport");
            } else {
                System.setProperty("servebench.transport", before);
            }
        }
    }
}
