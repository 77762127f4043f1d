package dev.servebench.store;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.servebench.bench.LevelSpec;
import dev.servebench.client.RequestRecord;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 */
final class RequestLog implements AutoCloseable {
    private static final int MAX_BATCH = 4096;
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Path file;
    private final OutputStream out;
    /** Writes the lines into its own buffer, which goes to the file when full or flushed; writer thread only. */
    private JsonGenerator json;
    private final RequestLineJson lines = new RequestLineJson();
    /** Lines in the generator's buffer, not yet handed to the file. */
    private int linesBuffered;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile long originNanos;
    private int unwritten;
    private String firstFailure;
    private boolean closed;

    private record Line(LevelSpec level, int index, RequestRecord record) {
    }

    /** Everything queued before it is written and flushed when its latch opens. */
    private record Sync(CountDownLatch done, boolean last) {
    }

    RequestLog(Path file) throws IOException {
        this.file = file;
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        this.json = newGenerator();
        this.writer = Thread.ofPlatform().daemon().name("servebench-requests-writer").start(this::drain);
    }

    private JsonGenerator newGenerator() throws IOException {
        JsonGenerator g = Json.mapper().createGenerator(out, JsonEncoding.UTF8);
        g.setRootValueSeparator(null); // each line ends in its own '\n' instead
        return g;
    }

    /** Times in the lines are milliseconds since this moment ({@link System#nanoTime()}). */
    void origin(long nanos) {
        this.originNanos = nanos;
    }

    /** Queues one request's line; never blocks on the disk. */
    void append(LevelSpec level, int index, RequestRecord record) {
        queue.add(new Line(level, index, record));
    }

    /** Returns once every line queued before this call is in the file (or counted as unwritten). */
    void sync() {
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
    synchronized java.util.Optional<String> failure() {
        return unwritten == 0 ? java.util.Optional.empty()
                : java.util.Optional.of(unwritten + " request line(s) not written: " + firstFailure);
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
            linesBuffered++;
        } catch (IOException e) {
            // The generator's buffer could not go to the file: its lines are lost with this one.
            failed(linesBuffered + 1, e);
            restartGenerator();
        }
    }

    /** Pushes what is buffered to the file; if that fails, the lines buffered since the last flush are lost. */
    private void flush() {
        if (linesBuffered == 0) {
            return;
        }
        try {
            json.flush();
            linesBuffered = 0;
        } catch (IOException e) {
            // Out of disk or of file descriptors: the run goes on (its levels are still summarised),
            // and the loss is counted and said once at the end instead of ending the run here.
            failed(linesBuffered, e);
            restartGenerator();
        }
    }

    /** A generator that failed mid-line is left inside an object; the next line needs a fresh one. */
    private void restartGenerator() {
        linesBuffered = 0;
        try {
            json = newGenerator();
        } catch (IOException e) {
            failed(0, e);
        }
    }

    private void closeFile() {
        try {
            json.close(); // flushes, then closes the file
        } catch (IOException e) {
            failed(0, e);
        }
    }

    private synchronized void failed(int lines, Exception e) {
        unwritten += lines;
        if (firstFailure == null) {
            firstFailure = "cannot append to " + file + ": " + e.getMessage();
        }
    }
}
