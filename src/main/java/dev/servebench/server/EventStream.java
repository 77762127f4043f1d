package dev.servebench.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An open {@code text/event-stream} response. Safe to use from any thread; writes after
 * {@link #close()} or {@link #reset()} are ignored.
 */
public final class EventStream {
    private final Channel channel;
    private final boolean keepAlive;
    private final AtomicBoolean open = new AtomicBoolean(true);

    EventStream(Channel channel, boolean keepAlive) {
        this.channel = channel;
        this.keepAlive = keepAlive;
    }

    /** Sends one event: {@code data: <payload>\n\n}, flushed at once. */
    public void send(String payload) {
        writeRaw("data: " + payload + "\n\n", true);
    }

    /** Queues one event without flushing; a later {@link #flush()} or {@link #send} sends it. */
    public void queue(String payload) {
        writeRaw("data: " + payload + "\n\n", false);
    }

    public void flush() {
        if (open.get()) {
            channel.flush();
        }
    }

    /** Writes bytes exactly as given (for malformed-stream fault injection and raw framing tests). */
    public void writeRaw(String text, boolean flush) {
        if (!open.get()) {
            return;
        }
        DefaultHttpContent chunk = new DefaultHttpContent(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
        if (flush) {
            channel.writeAndFlush(chunk, channel.voidPromise());
        } else {
            channel.write(chunk, channel.voidPromise());
        }
    }

    /** Ends the response normally; the connection stays open for the next request when keep-alive. */
    public void close() {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        var future = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Aborts the connection with a TCP reset, as a crashing server would. */
    public void reset() {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        channel.eventLoop().execute(() -> {
            channel.flush();
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
        });
    }

    public boolean isOpen() {
        return open.get() && channel.isActive();
    }
}
