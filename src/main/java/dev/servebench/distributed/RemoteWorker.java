package dev.servebench.distributed;

import java.io.IOException;

/**
 * The coordinator's side of one joined worker: its connection, its clock offset, and where the messages
 * it sends during a level go. Once gone (connection closed or broken), it stays gone.
 */
final class RemoteWorker {
    private final int index;
    private final MessageChannel channel;
    private final long offsetNanos;
    private volatile LevelCollector level;
    private volatile String goneReason;

    /** @param offsetNanos the worker's clock minus the coordinator's, measured at join */
    RemoteWorker(int index, MessageChannel channel, long offsetNanos) {
        this.index = index;
        this.channel = channel;
        this.offsetNanos = offsetNanos;
    }

    int index() {
        return index;
    }

    long offsetNanos() {
        return offsetNanos;
    }

    boolean alive() {
        return goneReason == null;
    }

    String goneReason() {
        return goneReason;
    }

    /** Routes this worker's level messages to {@code collector} (null: none expected). */
    void attach(LevelCollector collector) {
        level = collector;
        if (collector != null && !alive()) {
            collector.gone(this, goneReason);
        }
    }

    /** Sends, or marks the worker gone when its connection broke; returns whether it was sent. */
    boolean send(Message message) {
        if (!alive()) {
            return false;
        }
        try {
            channel.send(message);
            return true;
        } catch (IOException e) {
            gone("its connection broke (" + e.getMessage() + ")");
            return false;
        }
    }

    /** Reads the worker's messages until its connection ends; run on a thread of its own. */
    void readUntilClosed() {
        try {
            while (true) {
                Message m = channel.receive();
                if (m == null) {
                    gone("it closed the connection");
                    return;
                }
                LevelCollector collector = level;
                switch (m) {
                    case Message.RequestDone d when collector != null -> collector.record(this, d);
                    case Message.LevelDone d when collector != null -> collector.done(this, d);
                    case Message.Progress p when collector != null -> collector.progress(this, p);
                    default -> {
                        // Pongs, or a level's messages after it was given up: nothing waits for them.
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            gone("its connection broke (" + e.getMessage() + ")");
        }
    }

    private void gone(String reason) {
        if (goneReason == null) {
            goneReason = reason;
        }
        channel.close();
        LevelCollector collector = level;
        if (collector != null) {
            collector.gone(this, goneReason);
        }
    }

    void close(String why) {
        send(new Message.Bye(why));
        gone("the coordinator said goodbye");
    }
}
