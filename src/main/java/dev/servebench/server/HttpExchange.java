package dev.servebench.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/** One request and the means to answer it, once: a full response or an event stream. */
public final class HttpExchange {
    private final Channel channel;
    private final String method;
    private final String path;
    private final QueryStringDecoder query;
    private final io.netty.handler.codec.http.HttpHeaders headers;
    private final byte[] body;
    private final boolean keepAlive;
    private final AtomicBoolean answered = new AtomicBoolean();

    HttpExchange(Channel channel, FullHttpRequest request) {
        this.channel = channel;
        this.method = request.method().name();
        this.query = new QueryStringDecoder(request.uri());
        this.path = query.path();
        this.headers = request.headers().copy();
        byte[] bytes = new byte[request.content().readableBytes()];
        request.content().getBytes(request.content().readerIndex(), bytes);
        this.body = bytes;
        this.keepAlive = HttpUtil.isKeepAlive(request);
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** First value of a query parameter, or null. */
    public String queryParameter(String name) {
        var values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String header(String name) {
        return headers.get(name);
    }

    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The connection this request came on, for per-connection fault injection. */
    public Object connectionId() {
        return channel.id();
    }

    public void respond(int status, String contentType, byte[] content) {
        claim();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(content));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpUtil.setContentLength(response, content.length);
        HttpUtil.setKeepAlive(response, keepAlive);
        var future = channel.writeAndFlush(response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    public void respondJson(int status, String json) {
        respond(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public void respondText(int status, String contentType, String text) {
        respond(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts a 200 {@code text/event-stream} response with chunked transfer encoding. */
    public EventStream startEventStream() {
        claim();
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        HttpUtil.setTransferEncodingChunked(response, true);
        HttpUtil.setKeepAlive(response, keepAlive);
        channel.writeAndFlush(response, channel.voidPromise());
        return new EventStream(channel, keepAlive);
    }

    /** Drops the connection with a TCP reset before any response. */
    public void resetConnection() {
        claim();
        channel.eventLoop().execute(() -> {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
        });
    }

    private void claim() {
        if (!answered.compareAndSet(false, true)) {
            throw new IllegalStateException("this request was already answered");
        }
    }
}
