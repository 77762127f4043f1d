package evalhttp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.*;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Static SSE server. Decodes requests with HttpRequestDecoder and answers each completed request
 * with a pre-encoded HTTP/1.1 response: text/event-stream, Transfer-Encoding: chunked, one chunk per SSE event
 * (16 content events + usage + [DONE]), keep-alive. Mode "burst" (default): whole response in one write, flushed at
 * channelReadComplete. Mode "stream": headers + every event chunk flushed separately (more TCP segments / client reads).
 */
public final class Server {
    static final String EVENT = "data: {\"id\":\"cmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok\"},\"finish_reason\":null}]}\n\n";
    static final String USAGE = "data: {\"id\":\"cmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":16,\"completion_tokens\":16,\"total_tokens\":32}}\n\n";
    static final String DONE = "data: [DONE]\n\n";
    static final String HEAD = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\ntransfer-encoding: chunked\r\n\r\n";

    static ByteBuf buf(byte[] b) {
        return Unpooled.unreleasableBuffer(Unpooled.directBuffer(b.length).writeBytes(b));
    }

    static byte[] chunk(String s) {
        byte[] p = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes((Integer.toHexString(p.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        o.writeBytes(p);
        o.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return o.toByteArray();
    }

    public static void main(String[] a) throws Exception {
        int port = a.length > 1 ? Integer.parseInt(a[1]) : 0;
        String portFile = a.length > 2 ? a[2] : null;
        boolean stream = a.length > 3 && a[3].equals("stream");
        int threads = Integer.getInteger("server.threads", 1);

        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(HEAD.getBytes(StandardCharsets.US_ASCII));
        byte[][] parts = new byte[19][];
        parts[0] = HEAD.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 16; i++) parts[1 + i] = chunk(EVENT);
        parts[17] = chunk(USAGE);
        parts[18] = concat(chunk(DONE), "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 1; i < parts.length; i++) all.writeBytes(parts[i]);
        final ByteBuf whole = buf(all.toByteArray());
        final ByteBuf[] pieces = new ByteBuf[parts.length];
        for (int i = 0; i < parts.length; i++) pieces[i] = buf(parts[i]);

        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap().group(boss, group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 8192)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpRequestDecoder(), new ChannelInboundHandlerAdapter() {
                            @Override public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                try {
                                    if (msg instanceof LastHttpContent) {
                                        if (stream) {
                                            for (ByteBuf p : pieces) ctx.writeAndFlush(p.duplicate(), ctx.voidPromise());
                                        } else {
                                            ctx.write(whole.duplicate(), ctx.voidPromise());
                                        }
                                    }
                                } finally {
                                    ReferenceCountUtil.release(msg);
                                }
                            }
                            @Override public void channelReadComplete(ChannelHandlerContext ctx) { ctx.flush(); }
                            @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable t) { ctx.close(); }
                        });
                    }
                });
        Channel ch = b.bind("127.0.0.1", port).sync().channel();
        int actual = ((InetSocketAddress) ch.localAddress()).getPort();
        System.out.println("server listening on 127.0.0.1:" + actual + " mode=" + (stream ? "stream" : "burst")
                + " bytes/resp=" + whole.readableBytes() + " pid=" + ProcessHandle.current().pid());
        if (portFile != null) Files.writeString(Path.of(portFile), Integer.toString(actual));
        ch.closeFuture().sync();
    }

    static byte[] concat(byte[] x, byte[] y) {
        byte[] r = new byte[x.length + y.length];
        System.arraycopy(x, 0, r, 0, x.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }
}
