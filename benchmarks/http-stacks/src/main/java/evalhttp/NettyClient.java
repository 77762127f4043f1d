package evalhttp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.*;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.*;

import java.util.ArrayList;
import java.util.List;

/** Netty 4.2 NIO client: one keep-alive connection per worker, HttpClientCodec, closed loop driven from the event loop. */
final class NettyClient implements Client {
    private EventLoopGroup group;
    private final List<Conn> conns = new ArrayList<>();
    private String host;

    @Override public void init(int port, int concurrency) throws Exception {
        int threads = Integer.getInteger("netty.client.threads", 1);
        group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        host = "127.0.0.1:" + port;
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override protected void initChannel(SocketChannel ch) {
                        Conn c = new Conn(ch);
                        synchronized (conns) { conns.add(c); }
                        ch.pipeline().addLast(new HttpClientCodec(), c);
                    }
                });
        for (int i = 0; i < concurrency; i++) b.connect("127.0.0.1", port).sync();
    }

    @Override public void run(Phase p) throws Exception {
        for (Conn c : conns) c.ch.eventLoop().execute(() -> c.next(p));
        p.await();
    }

    @Override public void close() { group.shutdownGracefully(); }

    final class Conn extends SimpleChannelInboundHandler<HttpObject> {
        final Channel ch;
        final SseParser parser = new SseParser();
        Phase p;
        int idx = -1;
        long t0;

        Conn(Channel ch) { this.ch = ch; }

        void next(Phase phase) {
            p = phase;
            idx = p.claim();
            if (idx < 0) return;
            parser.reset();
            t0 = System.nanoTime();
            FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/chat/completions",
                    Unpooled.wrappedBuffer(Bench.BODY));
            req.headers().set(HttpHeaderNames.HOST, host)
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .set(HttpHeaderNames.ACCEPT, "text/event-stream")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, Bench.BODY.length);
            ch.writeAndFlush(req, ch.voidPromise());
        }

        @Override protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpResponse r && r.status().code() != 200) {
                p.fail(idx, new IllegalStateException("status " + r.status()));
                idx = -1; ctx.close(); return;
            }
            if (msg instanceof HttpContent c) parser.feed(c.content());
            if (msg instanceof LastHttpContent && idx >= 0) {
                p.done(idx, t0, parser, System.nanoTime());
                idx = -1;
                next(p);
            }
        }

        @Override public void channelInactive(ChannelHandlerContext ctx) {
            if (idx >= 0) { p.fail(idx, new IllegalStateException("connection closed")); idx = -1; }
        }

        @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable t) {
            if (idx >= 0) { p.fail(idx, t); idx = -1; }
            ctx.close();
        }
    }
}
