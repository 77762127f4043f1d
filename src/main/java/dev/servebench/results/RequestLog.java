package dev.servebench.results;

import dev.servebench.json.Json;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.servebench.bench.LevelSpec;
import dev.servebench.client.RequestRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code requests.jsonl}, appended by one writer thread. The threads that ran the requests only
 * queue their records: serializing and writing a line under a lock on each of them, with a
 * flush per line, was a sixth of the client's CPU at 2,000 concurrent streams (BENCHMARKS.md,
 * issue #15). The writer takes whatever has queued up, writes it, and flushes whenever the queue
 * is empty, then rests a millisecond, so under load one write call carries many lines and at rest
 * each line reaches the file within a millisecond of being queued. {@link #sync()} (at the end of
 * every level) and {@link #close()} wait until everything queued before them is in the file.
 *
 * <p>A write that fails (a full disk, a file-size limit, no file descriptor) loses nothing: the lines stay in
 * memory, the file is cut back to its last whole line (a failed write may leave part of one), and every later
 * flush tries again, so a disk that fills for a few seconds costs no line. {@link #close()} keeps trying for
 * {@link #closeRetry} before it gives up; only then do lines count as unwritten.
 *
 * <p>The one writer of the file: a results folder's ({@link ResultsFolder}) and a load worker's own copy
 * ({@link #appendingTo}) both go through it, and every line is a {@link RequestLine} written by
 * {@link RequestLineJson}.
 */
public final class RequestLog implements AutoCloseable {
    private static final int MAX_BATCH = 4096;
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long the last flush keeps trying a file that refuses writes (doubling pauses from 50 ms). */
    static final Duration DEFAULT_CLOSE_RETRY = Duration.ofSeconds(10);

    private final Path file;
    private final AppendFile out;
    private final Duration closeRetry;
    /** Lines serialized but not yet in the file (writer thread only). */
    private final PendingBytes pending = new PendingBytes();
    /** Writes the lines into {@link #pending}; never touches the disk itself. */
    private final JsonGenerator json;
    private final RequestLineJson lines = new RequestLineJson();
    /** Lines in {@link #pending}. */
    private int linesPending;
    /** The file's length after its last whole line: where a failed write is cut back to. */
    private long goodLength;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile long originNanos;
    private int unwritten;
    private String firstFailure;
    /** Whether some write failed and a later one succeeded: worth a note, not a loss. */
    private boolean recovered;
    private boolean closed;

    private record Line(LevelSpec level, int index, RequestRecord record) {
    }

    /** Everything queued before it is written and flushed when its latch opens. */
    private record Sync(CountDownLatch done, boolean last) {
    }

    /** Where the lines go: the file, or (in tests) one that refuses writes for a while. */
    interface AppendFile extends AutoCloseable {
        /** Writes all of {@code bytes} at the end, or throws having written some, none or all of them. */
        void append(ByteBuffer bytes) throws IOException;

        /** Cuts the file back to {@code length} bytes and appends from there. */
        void truncate(long length) throws IOException;

        /** The file's length when opened: where appending starts. */
        default long length() throws IOException {
            return 0;
        }

        @Override
        void close() throws IOException;

        static AppendFile open(Path file) throws IOException {
            return open(file, false);
        }

        /** The file emptied, or with {@code keep} its lines kept and the new ones appended after them. */
        static AppendFile open(Path file, boolean keep) throws IOException {
            FileChannel channel = keep
                    ? FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)
                    : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            long start = channel.size();
            channel.position(start);
            return new AppendFile() {
                @Override
                public long length() {
                    return start;
                }

                @Override
                public void append(ByteBuffer bytes) throws IOException {
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                }

                @Override
                public void truncate(long length) throws IOException {
                    channel.truncate(length);
                    channel.position(length);
                }

                @Override
                public void close() throws IOException {
                    channel.close();
                }
            };
        }
    }

    RequestLog(Path file) throws IOException {
        this(file, AppendFile.open(file), DEFAULT_CLOSE_RETRY);
    }

    /**
     * A log that appends to {@code file}, keeping what it holds (created when missing): a load worker's own copy of
     * what it measured, which a worker run again with the same folder adds to.
     */
    public static RequestLog appendingTo(Path file) throws IOException {
        return new RequestLog(file, AppendFile.open(file, true), DEFAULT_CLOSE_RETRY);
    }

    RequestLog(Path file, AppendFile out, Duration closeRetry) throws IOException {
        this.file = file;
        this.out = out;
        this.closeRetry = closeRetry;
        this.goodLength = out.length();
        this.json = Json.mapper().createGenerator(pending, JsonEncoding.UTF8);
        json.setRootValueSeparator(null); // each line ends in its own '\n' instead
        this.writer = Thread.ofPlatform().daemon().name("servebench-requests-writer").start(this::drain);
    }

    /** Times in the lines are milliseconds since this moment ({@link System#nanoTime()}). */
    public void origin(long nanos) {
        this.originNanos = nanos;
    }

    /** Queues one request's line; never blocks on the disk. */
    public void append(LevelSpec level, int index, RequestRecord record) {
        queue.add(new Line(level, index, record));
    }

    /** Returns once every line queued before this call is in the file (or still held in memory, to retry). */
    public void sync() {
        await(new Sync(new CountDownLatch(1), false));
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        await(new Sync(new CountDownLatch(1), true));
    }

    private void await(Sync sync) {
        queue.add(sync);
        boolean interrupted = false;
        while (true) {
            try {
                sync.done().await();
                break;
            } catch (InterruptedException e) {
                // The lines must still reach the file; keep waiting, and pass the interrupt on after.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lines that could not be written and why (the first failure), or empty. */
    public synchronized java.util.Optional<String> failure() {
        return unwritten == 0 ? java.util.Optional.empty()
                : java.util.Optional.of(unwritten + " request line(s) not written to " + file + ": " + firstFailure);
    }

    /** When writes failed for a while and were retried until they went through, what failed; else empty. */
    synchronized java.util.Optional<String> recoveredFailure() {
        return recovered && unwritten == 0 ? java.util.Optional.of(firstFailure) : java.util.Optional.empty();
    }

    private void drain() {
        List<Object> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close() ends the writer, so that nothing queued is dropped
            }
            queue.drainTo(batch, MAX_BATCH);
            if (!writeBatch(batch)) {
                return;
            }
            batch.clear();
            if (queue.isEmpty()) {
                flush();
                // An open loop at thousands of requests/s queues lines one at a time: taking each
                // alone cost a wake-up and a write call per request. Resting a moment after a flush
                // lets the next ones gather, and no line waits longer than this for the file.
                LockSupport.parkNanos(LINGER_NANOS);
            }
        }
    }

    /**
     * Writes one batch; false once the last sync has closed the file. Its own method, not the body
     * of the loop above, so that the compiler compiles it whole once: a loop that never returns is
     * compiled "on stack", and each level's sync, a rare branch, threw that compilation away and
     * cost half a second of compiling at the start of every level (issue #15).
     */
    private boolean writeBatch(List<Object> batch) {
        for (Object item : batch) {
            if (item instanceof Line line) {
                write(line);
            } else if (item instanceof Sync sync) {
                flush();
                if (sync.last()) {
                    flushUntil(System.nanoTime() + closeRetry.toNanos());
                    closeFile();
                }
                sync.done().countDown();
                if (sync.last()) {
                    return false;
                }
            }
        }
        return true;
    }

    private void write(Line queued) {
        RequestLine line;
        try {
            line = RequestLine.of(queued.level(), queued.index(), queued.record(), originNanos);
        } catch (RuntimeException e) {
            failed(1, e); // nothing reached the generator: the lines around it are unharmed
            return;
        }
        try {
            lines.write(json, line);
            json.writeRaw('\n');
            linesPending++;
        } catch (IOException e) {
            // In memory: only a bug can get here; the line is counted lost, the others are unharmed.
            failed(1, e);
        }
    }

    /** Moves the pending lines to the file; on failure they stay pending and the file keeps only whole lines. */
    private boolean flush() {
        if (linesPending == 0) {
            return true;
        }
        ByteBuffer view = null;
        try {
            json.flush(); // into memory
            view = pending.view(); // the buffer itself: no copy of every line on the writer's hot path
            out.append(view);
            goodLength += pending.size();
            pending.reset();
            linesPending = 0;
            if (firstFailure != null) {
                synchronized (this) {
                    recovered = true;
                }
            }
            return true;
        } catch (IOException e) {
            noteFailure(e);
            // A file-size limit or a nearly full disk takes part of the bytes before it refuses: the whole lines in
            // that part are written and leave memory. Cutting them back too would leave the file empty for good
            // when one batch holds more than the limit allows (the retry carries the same batch every time).
            int kept = view == null ? 0 : pending.wholeLinesIn(view.position());
            if (kept > 0) {
                linesPending -= pending.countLines(kept);
                goodLength += kept;
                pending.dropFirst(kept);
            }
            try {
                out.truncate(goodLength); // a failed write may have left part of a line
            } catch (IOException stillFailing) {
                // The next flush cuts back again before it appends.
            }
            return false;
        }
    }

    /** The last flush: tries again with doubling pauses until it goes through or {@code deadlineNanos} passes. */
    private void flushUntil(long deadlineNanos) {
        long pauseNanos = TimeUnit.MILLISECONDS.toNanos(50);
        while (!flush() && System.nanoTime() < deadlineNanos) {
            LockSupport.parkNanos(Math.min(pauseNanos, Math.max(0, deadlineNanos - System.nanoTime())));
            pauseNanos = Math.min(pauseNanos * 2, TimeUnit.SECONDS.toNanos(1));
        }
        if (linesPending > 0) {
            failed(linesPending, null);
        }
    }

    private void closeFile() {
        try {
            out.close();
        } catch (IOException e) {
            noteFailure(e);
        }
    }

    private synchronized void noteFailure(Exception e) {
        if (firstFailure == null) {
            firstFailure = e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }

    private synchronized void failed(int lines, Exception e) {
        unwritten += lines;
        if (e != null) {
            noteFailure(e);
        }
    }

    /** The serialized lines not yet in the file, readable in place (ByteArrayOutputStream copies on every read). */
    private static final class PendingBytes extends ByteArrayOutputStream {
        ByteBuffer view() {
            return ByteBuffer.wrap(buf, 0, count);
        }

        /** The length of the whole lines within the first {@code bytes} bytes: up to and with the last '\n'. */
        int wholeLinesIn(int bytes) {
            for (int i = Math.min(bytes, count) - 1; i >= 0; i--) {
                if (buf[i] == '\n') {
                    return i + 1;
                }
            }
            return 0;
        }

        int countLines(int bytes) {
            int lines = 0;
            for (int i = 0; i < bytes; i++) {
                if (buf[i] == '\n') {
                    lines++;
                }
            }
            return lines;
        }

        /** Forgets the first {@code bytes} bytes (written to the file), keeping the rest. */
        void dropFirst(int bytes) {
            System.arraycopy(buf, bytes, buf, 0, count - bytes);
            count -= bytes;
        }
    }
}
