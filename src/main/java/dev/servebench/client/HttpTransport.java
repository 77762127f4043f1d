package dev.servebench.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.ConnectException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;

/**
 * HTTP/1.1 over Netty with a keep-alive connection pool that grows to the number of concurrent
 * requests. Chosen over the JDK HTTP client and Jetty by measurement: about a third of the JDK
 * client's CPU per streamed request at 2,000 concurrent streams on 2 cores (BENCHMARKS.md).
 * One transport serves one host.
 *
 * <p>Connection lifecycle, as mature clients (OkHttp, aiohttp) handle it, because real servers
 * close keep-alive connections on their own: llama.cpp after every streamed response and after 5 s
 * idle, uvicorn (vLLM, SGLang) after 5 s idle. A pooled connection is not reused when the server
 * said {@code Connection: close}, when its {@code Keep-Alive: max} is used up, or when it has been
 * idle longer than the configured limit or the server's announced {@code timeout} (less a margin).
 * A close can still race the next request; a request that fails on a reused connection before any
 * response byte arrived is therefore sent once more on a new connection. That is safe: the server
 * never answered, so it never ran the request. It is never retried after response bytes.
 */
final class HttpTransport implements AutoCloseable {
    /** Per-connection bookkeeping, touched on the connection's event loop or while it is pooled. */
    private static final AttributeKey<ConnectionState> STATE = AttributeKey.valueOf("servebench.connection");
    /** Retire a connection this long before the server's announced idle timeout would close it. */
    private static final long SERVER_TIMEOUT_MARGIN_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final byte[] NO_BODY = new byte[0];

    /** The Host header's value: the URL's host, and its port when it names one. */
    private final String hostHeader;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final ConcurrentLinkedDeque<Channel> idle = new ConcurrentLinkedDeque<>();
    /**
     * Connects in progress at once. Without a bound, a stall (a GC pause, a slow server) that lets
     * requests pile up opens one connection for each, and the connects cost more than the requests:
     * an open loop at half the client's ceiling then spiralled into thousands of connects taking
     * hundreds of milliseconds each (BENCHMARKS.md, issue #15). Beyond the bound a request waits for
     * whichever comes first, a connection coming free or a permit; its latency still runs from the
     * moment the load model scheduled it.
     */
    static final int MAX_CONNECTS_IN_PROGRESS = 64;
    private final Semaphore connectPermits;
    /** Requests waiting for a connection (see {@link #connectPermits}). */
    private final ConcurrentLinkedQueue<Exchange> waiting =
            new ConcurrentLinkedQueue<>();
    /** Connections with an exchange in flight, so that an interrupted run can cancel them. */
    private final java.util.Set<Channel> busy = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final long idleLimitNanos;
    private final LongSupplier clock;

    HttpTransport(URI base, long connectTimeoutMillis, boolean insecureTls, long idleLimitNanos) {
        this(base, connectTimeoutMillis, insecureTls, idleLimitNanos, System::nanoTime);
    }

    /** {@code clock} decides idleness only, so tests can age pooled connections without waiting. */
    HttpTransport(URI base, long connectTimeoutMillis, boolean insecureTls, long idleLimitNanos, LongSupplier clock) {
        this(base, connectTimeoutMillis, insecureTls, idleLimitNanos, clock, MAX_CONNECTS_IN_PROGRESS);
    }

    /** {@code maxConnectsInProgress} other than the default is for tests of the waiting requests. */
    HttpTransport(URI base, long connectTimeoutMillis, boolean insecureTls, long idleLimitNanos, LongSupplier clock,
                  int maxConnectsInProgress) {
        this.connectPermits = new Semaphore(maxConnectsInProgress);
        this.hostHeader = base.getPort() > 0 ? base.getHost() + ":" + base.getPort() : base.getHost();
        this.idleLimitNanos = idleLimitNanos;
        this.clock = clock;
        NettyTransport native_ = NettyTransport.best();
        this.group = new MultiThreadIoEventLoopGroup(ClientThreads.eventLoops(), native_.ioHandlers());
        SslContext ssl = "https".equals(base.getScheme()) ? sslContext(insecureTls) : null;
        String host = base.getHost();
        int port = port(base);
        this.bootstrap = new Bootstrap().group(group).channel(native_.channelType())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeoutMillis))
                .remoteAddress(host, port)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ssl != null) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc(), host, port));
                        }
                        // Requests go out as bytes already encoded (RequestHead); only responses need a codec.
                        ch.pipeline().addLast(new HttpResponseDecoder(), new ExchangeHandler());
                    }
                });
    }

    private static int port(URI base) {
        if (base.getPort() > 0) {
            return base.getPort();
        }
        return "https".equals(base.getScheme()) ? 443 : 80;
    }

    private static SslContext sslContext(boolean insecure) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient();
            if (insecure) {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * Sends a POST and streams the response to {@code listener}. The future completes with the
     * connection it used when the response has ended, or exceptionally with a
     * {@link TransportException} (which names the connection too). The timeout runs from this call,
     * across a retry.
     */
    CompletableFuture<ConnectionUse> post(String path, byte[] body, Map<String, String> headers,
                                          ResponseListener listener, long timeoutNanos) {
        return post(head("POST", path, headers), body, listener, timeoutNanos);
    }

    /** The same with a head made once by {@link #head} for many requests: the measured path. */
    CompletableFuture<ConnectionUse> post(RequestHead head, byte[] body, ResponseListener listener,
                                          long timeoutNanos) {
        return send(head, body, listener, timeoutNanos);
    }

    /** A GET, answered like {@link #post}; for calls outside the measured path (/v1/models). */
    CompletableFuture<ConnectionUse> get(String path, Map<String, String> headers, ResponseListener listener,
                                         long timeoutNanos) {
        return send(RequestHead.of("GET", path, hostHeader, headers, false), NO_BODY, listener, timeoutNanos);
    }

    /** The head of a POST to {@code path} on this transport's host, with {@code headers}. */
    RequestHead head(String method, String path, Map<String, String> headers) {
        return RequestHead.of(method, path, hostHeader, headers, true);
    }

    private CompletableFuture<ConnectionUse> send(RequestHead head, byte[] body, ResponseListener listener,
                                                  long timeoutNanos) {
        Exchange exchange = new Exchange(head, body, listener, System.nanoTime() + timeoutNanos);
        attempt(exchange);
        return exchange.done;
    }

    private void attempt(Exchange exchange) {
        if (exchange.retries > 0) {
            // A retry never takes a pooled connection (the pool just gave it one the server had
            // closed), nor waits for a permit: retries are rare and already late.
            connect(exchange, false);
            return;
        }
        Channel pooled = pollIdle();
        if (pooled != null) {
            startReused(pooled, exchange);
            return;
        }
        if (connectPermits.tryAcquire()) {
            connect(exchange, true);
            return;
        }
        waiting.add(exchange);
        serveWaiting();
    }

    private void startReused(Channel pooled, Exchange exchange) {
        exchange.reused = true;
        exchange.connectNanos = 0;
        start(pooled, exchange);
    }

    /**
     * Hands what has come free (a pooled connection, or a permit to connect) to the requests waiting
     * for a connection. Called after every change that can free either, so none waits on a free one.
     */
    private void serveWaiting() {
        while (!waiting.isEmpty()) {
            Channel pooled = pollIdle();
            if (pooled != null) {
                Exchange next = waiting.poll();
                if (next == null) {
                    idle.offerLast(pooled); // taken by someone else meanwhile; back, idle time unchanged
                    return;
                }
                startReused(pooled, next);
                continue;
            }
            if (!connectPermits.tryAcquire()) {
                return; // the connect that holds it will call this again when it ends
            }
            Exchange next = waiting.poll();
            if (next == null) {
                connectPermits.release();
                continue; // one may have arrived after the poll; look again
            }
            connect(next, true);
        }
    }

    /** A new connection for {@code exchange}; {@code permitted}: it holds a connect permit, released once connected. */
    private void connect(Exchange exchange, boolean permitted) {
        exchange.reused = false;
        long connectStart = System.nanoTime();
        ChannelFuture connect = bootstrap.connect();
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                connected(permitted);
                exchange.fail(connectFailure(f.cause()));
                return;
            }
            Channel channel = connect.channel();
            channel.attr(STATE).set(new ConnectionState());
            SslHandler tls = channel.pipeline().get(SslHandler.class);
            if (tls == null) {
                exchange.connectNanos = System.nanoTime() - connectStart;
                connected(permitted);
                start(channel, exchange);
                return;
            }
            // A failed handshake closes the channel; report it as the connect failure it is.
            tls.handshakeFuture().addListener(h -> {
                connected(permitted);
                if (h.isSuccess()) {
                    exchange.connectNanos = System.nanoTime() - connectStart;
                    start(channel, exchange);
                } else {
                    channel.close();
                    exchange.fail(new TransportException(RequestOutcome.CONNECT,
                            "TLS handshake failed: " + rootMessage(h.cause())
                                    + " (for a self-signed certificate use --insecure)", h.cause()));
                }
            });
        });
    }

    private void connected(boolean permitted) {
        if (permitted) {
            connectPermits.release();
            serveWaiting();
        }
    }

    /** The most recently pooled connection that is still usable; stale ones met on the way are closed. */
    private Channel pollIdle() {
        long now = clock.getAsLong();
        Channel ch;
        while ((ch = idle.pollLast()) != null) {
            if (ch.isActive() && !tooIdle(ch, now)) {
                retireStaleOldest(now);
                return ch;
            }
            ch.close();
        }
        return null;
    }

    /** The pool is LIFO, so the connections that aged out sit at its head; close them there. */
    private void retireStaleOldest(long now) {
        Channel oldest;
        while ((oldest = idle.peekFirst()) != null && (!oldest.isActive() || tooIdle(oldest, now))) {
            if (idle.remove(oldest)) {
                oldest.close();
            }
        }
    }

    private boolean tooIdle(Channel ch, long now) {
        ConnectionState state = ch.attr(STATE).get();
        return now - state.idleSinceNanos >= state.idleLimitNanos(idleLimitNanos);
    }

    private void start(Channel channel, Exchange exchange) {
        ExchangeHandler handler = channel.pipeline().get(ExchangeHandler.class);
        channel.eventLoop().execute(() -> {
            if (!channel.isActive()) {
                exchange.fail(new TransportException(RequestOutcome.RESET,
                        "connection closed before the request was sent", null));
                return;
            }
            long remaining = exchange.deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                exchange.fail(new TransportException(RequestOutcome.TIMEOUT, "request timed out", null));
                return;
            }
            handler.begin(exchange, channel.eventLoop().schedule(() -> handler.fail(channel,
                    new TransportException(RequestOutcome.TIMEOUT, "request timed out", null)),
                    remaining, TimeUnit.NANOSECONDS), channel);
            channel.writeAndFlush(exchange.head.encode(channel.alloc(), exchange.body)).addListener(f -> {
                if (!f.isSuccess()) {
                    handler.fail(channel, new TransportException(RequestOutcome.RESET,
                            "cannot send request: " + f.cause().getMessage(), f.cause()));
                }
            });
        });
    }

    private static String rootMessage(Throwable cause) {
        Throwable t = cause;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    static TransportException connectFailure(Throwable cause) {
        if (outOfFiles(cause)) {
            return new TransportException(RequestOutcome.CLIENT_LIMIT, "the client is out of file descriptors "
                    + "(ulimit -n): " + rootMessage(cause), cause);
        }
        String what = cause instanceof ConnectTimeoutException ? "connect timeout"
                : cause instanceof ConnectException ? "connection refused" : "cannot connect";
        return new TransportException(RequestOutcome.CONNECT, what + ": " + cause.getMessage(), cause);
    }

    /** EMFILE/ENFILE: Netty says "Unable to create Channel" around the JDK's "Too many open files". */
    private static boolean outOfFiles(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("Too many open files") || m.contains("Unable to create Channel"))) {
                return true;
            }
        }
        return false;
    }

    /** Ends every exchange in flight now, as {@link RequestOutcome#CANCELLED}; the pool stays usable. */
    void cancelAll(String why) {
        Exchange queued;
        while ((queued = waiting.poll()) != null) {
            queued.done.completeExceptionally(new TransportException(RequestOutcome.CANCELLED, why, null)
                    .withConnection(queued.use()));
        }
        for (Channel channel : busy) {
            ExchangeHandler handler = channel.pipeline().get(ExchangeHandler.class);
            if (handler != null) {
                channel.eventLoop().execute(() -> handler.fail(channel,
                        new TransportException(RequestOutcome.CANCELLED, why, null)));
            }
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** What the server said about a connection and when it went idle. */
    private static final class ConnectionState {
        long idleSinceNanos;
        /** The server's announced idle timeout, or -1. */
        long serverIdleTimeoutNanos = -1;

        long idleLimitNanos(long configured) {
            if (serverIdleTimeoutNanos <= 0) {
                return configured;
            }
            long serverLimit = Math.max(serverIdleTimeoutNanos / 2, serverIdleTimeoutNanos - SERVER_TIMEOUT_MARGIN_NANOS);
            return Math.min(configured, serverLimit);
        }
    }

    /** One request, possibly over two connections (see the class comment). */
    private final class Exchange {
        final RequestHead head;
        final byte[] body;
        final ResponseListener listener;
        final long deadlineNanos;
        final CompletableFuture<ConnectionUse> done = new CompletableFuture<>();
        boolean keepAlive = true;
        boolean responseStarted;
        /** Between an interim (1xx) response's head and its end: nothing of it reaches the listener. */
        boolean inInterim;
        boolean reused;
        long connectNanos;
        int retries;

        Exchange(RequestHead head, byte[] body, ResponseListener listener, long deadlineNanos) {
            this.head = head;
            this.body = body;
            this.listener = listener;
            this.deadlineNanos = deadlineNanos;
        }

        ConnectionUse use() {
            return reused && retries == 0 ? ConnectionUse.REUSED : new ConnectionUse(reused, connectNanos, retries);
        }

        void succeed() {
            done.complete(use());
        }

        /** Retries once when a reused connection turned out closed before the server answered. */
        void fail(TransportException error) {
            if (error.outcome() == RequestOutcome.RESET && reused && !responseStarted && retries == 0
                    && System.nanoTime() < deadlineNanos) {
                retries++;
                attempt(this);
                return;
            }
            done.completeExceptionally(error.withConnection(use()));
        }
    }

    /**
     * A direct buffer's bytes are copied here for the listener, which reads them only during the call:
     * one array per event-loop thread, not per connection (8 KB a connection was 80 MB at 10,000).
     */
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[16384];
        }
    };

    private static byte[] scratch(int atLeast) {
        byte[] scratch = SCRATCH.get();
        if (scratch.length < atLeast) {
            scratch = new byte[Math.max(atLeast, scratch.length * 2)];
            SCRATCH.set(scratch);
        }
        return scratch;
    }

    /** One per connection; runs on its event loop, so its fields need no locking. */
    private final class ExchangeHandler extends ChannelInboundHandlerAdapter {
        private Exchange current;
        private ScheduledFuture<?> timeout;

        void begin(Exchange exchange, ScheduledFuture<?> timer, Channel channel) {
            this.current = exchange;
            this.timeout = timer;
            busy.add(channel);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                Exchange ex = current;
                if (ex == null) {
                    // Bytes nobody asked for (beyond a Content-Length, after a timeout): whatever comes next on this
                    // connection would be read as the next request's answer, so it is not used again.
                    idle.remove(ctx.channel());
                    ctx.channel().close();
                    return;
                }
                long now = System.nanoTime();
                if (msg instanceof HttpObject o && o.decoderResult().isFailure()) {
                    // A bad chunk size, a chunk without its CRLF, a header past the decoder's limit, bytes that are
                    // not HTTP: the decoder has given up on this connection, and it never ends the response.
                    fail(ctx.channel(), new TransportException(RequestOutcome.MALFORMED,
                            "malformed HTTP response: " + decoderProblem(o.decoderResult().cause()), null));
                    return;
                }
                if (msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL
                        && response.status().code() != 101) {
                    // An interim answer (100 Continue, 103 Early Hints): the real one follows on the connection.
                    ex.inInterim = true;
                    return;
                }
                if (ex.inInterim) {
                    ex.inInterim = !(msg instanceof LastHttpContent);
                    return;
                }
                if (msg instanceof HttpResponse response) {
                    ex.responseStarted = true;
                    ConnectionState state = ctx.channel().attr(STATE).get();
                    KeepAlive announced = KeepAlive.parse(response.headers().get(HttpHeaderNames.KEEP_ALIVE));
                    if (announced.timeoutSeconds() > 0) {
                        state.serverIdleTimeoutNanos = TimeUnit.SECONDS.toNanos(announced.timeoutSeconds());
                    }
                    // max counts the requests still allowed; read as including this one, so the pool
                    // gives the connection up one request early rather than one too late.
                    boolean maxUsedUp = announced.max() >= 0 && announced.max() <= 1;
                    ex.keepAlive = HttpUtil.isKeepAlive(response) && !maxUsedUp;
                    ex.listener.onHeaders(response.headers().get(HttpHeaderNames.CONTENT_TYPE),
                            response.headers().get(HttpHeaderNames.CONTENT_ENCODING));
                    ex.listener.onStatus(response.status().code(), now);
                }
                if (msg instanceof HttpContent content) {
                    ByteBuf buf = content.content();
                    int n = buf.readableBytes();
                    if (n > 0) {
                        if (buf.hasArray()) {
                            ex.listener.onBody(buf.array(), buf.arrayOffset() + buf.readerIndex(), n, now);
                        } else {
                            byte[] scratch = scratch(n);
                            buf.getBytes(buf.readerIndex(), scratch, 0, n);
                            ex.listener.onBody(scratch, 0, n, now);
                        }
                    }
                    String overlong = ex.listener.overlong();
                    if (overlong != null) {
                        fail(ctx.channel(), new TransportException(RequestOutcome.OVERLONG, overlong, null));
                        return;
                    }
                    if (msg instanceof LastHttpContent) {
                        succeed(ctx.channel());
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void succeed(Channel channel) {
            Exchange ex = current;
            current = null;
            busy.remove(channel);
            timeout.cancel(false);
            if (ex.keepAlive) {
                channel.attr(STATE).get().idleSinceNanos = clock.getAsLong();
                idle.offerLast(channel);
            } else {
                channel.close();
            }
            ex.succeed();
            if (ex.keepAlive) {
                serveWaiting();
            }
        }

        /** The decoder's reason in the user's words (Netty's exceptions name the limit or the bad line). */
        private static String decoderProblem(Throwable cause) {
            if (cause instanceof TooLongFrameException) {
                return "a header or line longer than the client accepts (" + cause.getMessage() + ")";
            }
            String message = String.valueOf(cause == null ? null : cause.getMessage());
            if (message.startsWith("invalid version format: ")) {
                return "not an HTTP answer (its first line reads '" + message.substring(24) + "')";
            }
            if (cause instanceof NumberFormatException) {
                return "a chunk size that is not a valid hex number (" + message + ")";
            }
            return cause == null ? "unreadable" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }

        void fail(Channel channel, TransportException error) {
            Exchange ex = current;
            if (ex == null) {
                return;
            }
            current = null;
            busy.remove(channel);
            timeout.cancel(false);
            channel.close();
            ex.fail(error);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail(ctx.channel(), new TransportException(RequestOutcome.RESET,
                    "connection closed before the response ended", null));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx.channel(), new TransportException(RequestOutcome.RESET,
                    cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause));
        }
    }
}
