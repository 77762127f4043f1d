package dev.servebench.client;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The socket layer under the HTTP client: Linux's epoll through Netty's native transport where its
 * library loads (fewer system calls and no selector set per wake-up than NIO), NIO everywhere else.
 * {@code -Dservebench.transport=nio} forces NIO, to compare the two on one machine.
 */
enum NettyTransport {
    EPOLL, NIO;

    static NettyTransport best() {
        if ("nio".equalsIgnoreCase(System.getProperty("servebench.transport"))) {
            return NIO;
        }
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    IoHandlerFactory ioHandlers() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    Class<? extends SocketChannel> channelType() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
