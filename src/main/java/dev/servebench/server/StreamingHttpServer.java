package dev.servebench.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP/1.1 server (Netty, non-blocking) that can hold thousands of open event streams on
 * a couple of cores. Used for the built-in instant server, the simulator and test servers.
 */
public final class StreamingHttpServer implements AutoCloseable {
    /** Requests above this size are answered 413 by the codec (inline images make bodies large). */
    public static final int MAX_REQUEST_BYTES = 64 * 1024 * 1024;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final String host;
    private final int port;

    private final boolean tls;

    private StreamingHttpServer(EventLoopGroup boss, EventLoopGroup workers, Channel serverChannel, String host,
                                boolean tls) {
        this.tls = tls;
        this.boss = boss;
        this.workers = workers;
        this.serverChannel = serverChannel;
        this.host = host;
        this.port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Binds 127.0.0.1 on an ephemeral port. */
    public static StreamingHttpServer startLoopback(HttpHandler handler) throws IOException {
        return start("127.0.0.1", 0, handler, 0);
    }

    /** Binds 127.0.0.1 on an ephemeral port and speaks HTTPS with the given TLS context. */
    public static StreamingHttpServer startLoopbackTls(HttpHandler handler, SslContext tls) throws IOException {
        return start("127.0.0.1", 0, handler, 0, tls);
    }

    /**
     * @param port      0 for an ephemeral port
     * @param ioThreads 0 for Netty's default (2 × cores)
     */
    public static StreamingHttpServer start(String host, int port, HttpHandler handler, int ioThreads)
            throws IOException {
        return start(host, port, handler, ioThreads, null);
    }

    private static StreamingHttpServer start(String host, int port, HttpHandler handler, int ioThreads,
                                             SslContext tls) throws IOException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (tls != null) {
                                ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                            }
                            ch.pipeline().addLast(new HttpServerCodec(), new JsonTooLargeAggregator(),
                                    new Dispatcher(handler));
                        }
                    })
                    .bind(host, port).sync().channel();
            return new StreamingHttpServer(boss, workers, channel, host, tls != null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown(boss, workers);
            throw new IOException("interrupted while binding " + host + ":" + port, e);
        } catch (RuntimeException e) {
            shutdown(boss, workers);
            throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + " (is the port in use? choose another with --port)", e);
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return host;
    }

    public URI baseUri() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create((tls ? "https://" : "http://") + (h.equals("0.0.0.0") ? "127.0.0.1" : h) + ":" + port);
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        shutdown(boss, workers);
    }

    private static void shutdown(EventLoopGroup boss, EventLoopGroup workers) {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * Netty answers an oversized request with an empty 413, which tells neither a client nor a person
     * what the limit is; this one sends an OpenAI-style error naming it. The connection handling is
     * Netty's: close unless the client can still be told before it sends the body.
     */
    private static final class JsonTooLargeAggregator extends HttpObjectAggregator {
        JsonTooLargeAggregator() {
            super(MAX_REQUEST_BYTES);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
            if (!(oversized instanceof HttpRequest)) {
                super.handleOversizedMessage(ctx, oversized);
                return;
            }
            byte[] body = ErrorBodies.openAi(413, "RequestEntityTooLarge", "request body is larger than this "
                    + "server's limit of " + MAX_REQUEST_BYTES + " bytes (64 MiB)").getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            HttpUtil.setContentLength(response, body.length);
            boolean close = oversized instanceof FullHttpMessage
                    || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized);
            if (close) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            }
        }
    }

    private static final class Dispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final HttpHandler handler;

        Dispatcher(HttpHandler handler) {
            this.handler = handler;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            HttpExchange exchange = new HttpExchange(ctx.channel(), request);
            try {
                handler.handle(exchange);
            } catch (RuntimeException e) {
                try {
                    exchange.respondJson(500, ErrorBodies.openAi(500, "InternalServerError",
                            "handler failed: " + e.getClass().getSimpleName()));
                } catch (IllegalStateException alreadyAnswered) {
                    ctx.close();
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // Clients that vanish mid-stream are routine in load tests; drop the connection quietly.
            ctx.close();
        }
    }
}
