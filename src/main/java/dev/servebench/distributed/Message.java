package dev.servebench.distributed;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.servebench.load.LoadEngine;

/**
 * What coordinator and workers say to each other, one JSON object per line. A worker opens the
 * connection and says {@link Hello}; the coordinator measures the clock offset with {@link Ping}s,
 * sends the {@link Setup}; the worker prepares its client and prompts and says {@link Ready}. Then, per
 * level: {@link RunLevel}, the worker's {@link RequestDone}s as its requests end, and its {@link LevelDone}.
 * {@link Stop} ends a level early; {@link Bye} ends the worker.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Message.Hello.class, name = "hello"),
    @JsonSubTypes.Type(value = Message.Ping.class, name = "ping"),
    @JsonSubTypes.Type(value = Message.Pong.class, name = "pong"),
    @JsonSubTypes.Type(value = Message.Setup.class, name = "setup"),
    @JsonSubTypes.Type(value = Message.Ready.class, name = "ready"),
    @JsonSubTypes.Type(value = Message.SetupFailed.class, name = "setup_failed"),
    @JsonSubTypes.Type(value = Message.RunLevel.class, name = "run_level"),
    @JsonSubTypes.Type(value = Message.Stop.class, name = "stop"),
    @JsonSubTypes.Type(value = Message.RequestDone.class, name = "request"),
    @JsonSubTypes.Type(value = Message.LevelDone.class, name = "level_done"),
    @JsonSubTypes.Type(value = Message.Progress.class, name = "progress"),
    @JsonSubTypes.Type(value = Message.Bye.class, name = "bye")})
public sealed interface Message {

    /** Worker: I am worker {@code index}, running servebench {@code version}. */
    record Hello(int index, String version) implements Message {
    }

    /** Coordinator: answer with your clock. */
    record Ping(long id) implements Message {
    }

    /** Worker: my {@link System#nanoTime()} when I answered ping {@code id}. */
    record Pong(long id, long workerNanos) implements Message {
    }

    /** Coordinator: what to benchmark and how. */
    record Setup(WorkerSetup setup) implements Message {
    }

    /** Worker: prepared (client, prompts), waiting for levels. */
    record Ready(int index) implements Message {
    }

    /** Worker: could not prepare; {@code reason} is one line for the user. */
    record SetupFailed(int index, String reason) implements Message {
    }

    /** Coordinator: run this share of a level. */
    record RunLevel(LevelShare share) implements Message {
    }

    /**
     * Coordinator: issue no further request of {@code level}; with {@code cancelInFlight}, also cancel the
     * requests in flight (the grace after Ctrl-C has passed).
     */
    record Stop(int level, boolean cancelInFlight) implements Message {
    }

    /**
     * Worker: request {@code index} of {@code level} ended, measured on the worker's clock; {@code sent} requests of
     * the level had left the worker by then (what was in flight, should the worker die next).
     */
    record RequestDone(int level, int index, WireRecord record, long sent) implements Message {
    }

    /** Worker: {@code sent} requests of {@code level} have left it so far (sent while no request ends). */
    record Progress(int level, long sent) implements Message {
    }

    /**
     * Worker: its share of {@code level} ended (every request it issued was sent before this); times on the
     * worker's clock; what its requests asked for, in sum; {@code error} when the share failed, else null;
     * {@code engine}, how it issued its requests, null when the share failed.
     */
    record LevelDone(int level, long startNanos, long lastIssueNanos, long endNanos, long askedRequests,
                     long askedPromptTokens, long askedOutputTokens, String error, LoadEngine engine)
            implements Message {
    }

    /** Coordinator: the run is over; exit. */
    record Bye(String reason) implements Message {
    }
}
