package dev.servebench.results;

import dev.servebench.json.Json;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.servebench.bench.LevelSpec;
import dev.servebench.bench.Phase;
import dev.servebench.bench.Workload;
import dev.servebench.client.ConnectionUse;
import dev.servebench.client.RequestOutcome;
import dev.servebench.client.RequestRecord;
import dev.servebench.client.TokenSource;
import dev.servebench.load.LoadModel;
import dev.servebench.load.RunBounds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLogTest {
    static final LevelSpec LEVEL = new LevelSpec(Phase.SCALING, "c=4", new LoadModel.ClosedLoop(4),
            new RunBounds(Optional.of(10), Optional.empty()), new Workload(10, 10, 0));

    /** Records of every shape a line can take: optional fields present and absent, odd text. */
    static List<RequestRecord> shapes() {
        List<RequestRecord> out = new ArrayList<>();
        out.add(new RequestRecord(1_000_000, 2_000_000, 5_000_000, 9_000_000, new long[]{1_234_567, 2_000_001}, 16, 3,
                TokenSource.USAGE, 200, RequestOutcome.OK, "length", null, 5_000_000,
                new ConnectionUse(false, 1_500_000, 0)));
        out.add(new RequestRecord(1_000_000, 2_000_000, RequestRecord.NONE, 3_000_000, new long[0], 16, 0,
                TokenSource.ESTIMATED, 503, RequestOutcome.HTTP_5XX, null, "HTTP 503: \"busy\" \u00e9\n\u0001",
                RequestRecord.NONE, new ConnectionUse(true, 0, 1)));
        out.add(new RequestRecord(0, 10, 20, 30, new long[]{10}, 1, 2, TokenSource.USAGE, 200, RequestOutcome.OK,
                "stop", null, 25, ConnectionUse.NOT_APPLICABLE, 3));
        out.add(new RequestRecord(0, 10, 20, 20, new long[0], 1, 1, TokenSource.USAGE, 200, RequestOutcome.SHORT,
                "stop", "answered 1 of 16 tokens", 20, ConnectionUse.NOT_APPLICABLE));
        out.add(new RequestRecord(0, 10, 20, 30, new long[]{10}, 29, 2, TokenSource.USAGE, 200, RequestOutcome.OK,
                "stop", null, 20, ConnectionUse.NOT_APPLICABLE, RequestRecord.NO_TURN, 16));
        return out;
    }

    @Test
    void aLineIsWhatTheMapperMakesOfRequestLine() throws Exception {
        for (RequestRecord r : shapes()) {
            RequestLine line = RequestLine.of(LEVEL, 7, r, 500_000);
            StringWriter text = new StringWriter();
            try (JsonGenerator g = Json.mapper().createGenerator(text)) {
                new RequestLineJson().write(g, line);
            }
            assertThat(text.toString()).isEqualTo(Json.mapper().writeValueAsString(line));
        }
    }

    /** Times are written without Jackson's String per number, exactly as Double.toString writes them. */
    @Test
    void thousandthsAreWrittenAsDoubleToStringWritesThem() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        char[] out = new char[24];
        int written = 0;
        for (int t = 0; t < 200_000; t++) {
            long k = switch (t % 4) {
                case 0 -> random.nextLong(-20_000, 20_000);
                case 1 -> random.nextLong(0, 10_000_000_000L);
                case 2 -> random.nextLong(-10_000_000_000L, 0);
                default -> random.nextLong(0, 100) * 1000;
            };
            double v = Math.round((k / 1000.0) * 1000) / 1000.0;
            int n = RequestLineJson.thousandths(v, out);
            if (n > 0) {
                written++;
                assertThat(new String(out, 0, n)).as("k=%d", k).isEqualTo(Double.toString(v));
            } else {
                assertThat(Math.abs(v) >= 1e7 || (Math.abs(v) < 1e-3 && v != 0)).as("k=%d", k).isTrue();
            }
        }
        assertThat(written).isGreaterThan(100_000);
        assertThat(RequestLineJson.thousandths(0.1 + 0.2, out)).as("not a whole number of thousandths").isZero();
        assertThat(RequestLineJson.thousandths(-0.0, out)).isZero();
    }

    @Test
    void everyLineQueuedFromManyThreadsIsInTheFileAfterSyncAndEachIsWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("requests.jsonl");
        int requests = 20_000;
        try (RequestLog log = new RequestLog(file)) {
            log.origin(0);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < requests; i++) {
                    int index = i;
                    RequestRecord r = shapes().get(i % 4);
                    pool.execute(() -> log.append(LEVEL, index, r));
                }
            }
            log.sync();
            // Read while the log is still open: sync, not close, put the lines there.
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(requests);
            Set<Integer> indexes = new HashSet<>();
            for (String l : lines) {
                indexes.add(Json.mapper().readTree(l).path("index").asInt());
            }
            assertThat(indexes).hasSize(requests);
            log.append(LEVEL, requests, shapes().getFirst());
        }
        assertThat(Files.readAllLines(file)).as("close writes what was queued after the last sync")
                .hasSize(requests + 1);
    }

    @Test
    void aLineThatCannotBeWrittenIsCountedAndTheRestStillAre(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("requests.jsonl");
        try (RequestLog log = new RequestLog(file)) {
            log.origin(0);
            log.append(LEVEL, 0, shapes().getFirst());
            log.append(null, 1, shapes().getFirst()); // RequestLine.of fails on it
            log.append(LEVEL, 2, shapes().getFirst());
            log.sync();
            assertThat(log.failure()).hasValueSatisfying(f -> assertThat(f).startsWith("1 request line(s) not written"));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(Json.mapper().readTree(lines.get(1)).path("index").asInt()).isEqualTo(2);
    }

    /** The real file, refusing writes while {@link #full} is set as a full disk does: part of the bytes, then ENOSPC. */
    private static final class FillingDisk implements RequestLog.AppendFile {
        final RequestLog.AppendFile file;
        volatile boolean full;
        final java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();

        FillingDisk(Path path) throws java.io.IOException {
            this.file = RequestLog.AppendFile.open(path);
        }

        @Override
        public void append(java.nio.ByteBuffer bytes) throws java.io.IOException {
            if (full) {
                refused.incrementAndGet();
                java.nio.ByteBuffer half = bytes.duplicate();
                half.limit(half.position() + half.remaining() / 2);
                file.append(half); // a torn line, as a write cut short by a full disk leaves
                throw new java.io.IOException("No space left on device");
            }
            file.append(bytes);
        }

        @Override
        public void truncate(long length) throws java.io.IOException {
            file.truncate(length);
        }

        @Override
        public void close() throws java.io.IOException {
            file.close();
        }
    }

    @Test
    void aDiskThatFillsForAWhileLosesNoLineAndLeavesNoTornOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("requests.jsonl");
        FillingDisk disk = new FillingDisk(file);
        try (RequestLog log = new RequestLog(file, disk, java.time.Duration.ofSeconds(5))) {
            log.origin(0);
            for (int i = 0; i < 100; i++) {
                log.append(LEVEL, i, shapes().get(i % 4));
            }
            log.sync();
            disk.full = true;
            for (int i = 100; i < 300; i++) {
                log.append(LEVEL, i, shapes().get(i % 4));
            }
            log.sync(); // a level ends while the disk is full: its lines wait in memory
            assertThat(disk.refused.get()).isPositive();
            assertThat(Files.readAllLines(file)).as("only whole lines while full").hasSize(100);
            disk.full = false;
            log.append(LEVEL, 300, shapes().getFirst());
            log.sync();
            assertThat(log.failure()).isEmpty();
            assertThat(log.recoveredFailure()).hasValue("No space left on device");
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(301);
        Set<Integer> indexes = new HashSet<>();
        for (String l : lines) {
            indexes.add(Json.mapper().readTree(l).path("index").asInt());
        }
        assertThat(indexes).hasSize(301);
    }

    @Test
    void aDiskThatStaysFullIsCountedAtCloseAndTheFileHoldsOnlyWholeLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("requests.jsonl");
        FillingDisk disk = new FillingDisk(file);
        RequestLog log = new RequestLog(file, disk, java.time.Duration.ofMillis(200));
        log.origin(0);
        for (int i = 0; i < 10; i++) {
            log.append(LEVEL, i, shapes().getFirst());
        }
        log.sync();
        disk.full = true;
        for (int i = 10; i < 25; i++) {
            log.append(LEVEL, i, shapes().getFirst());
        }
        log.close();

        assertThat(log.failure()).hasValueSatisfying(f -> assertThat(f)
                .startsWith("15 request line(s) not written to " + file).endsWith("No space left on device"));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(10);
        for (String l : lines) {
            assertThat(Json.mapper().readTree(l).path("index").isInt()).isTrue();
        }
    }

    /**
     * A file-size limit as the kernel enforces it: the write goes through up to the limit, then fails. One batch
     * bigger than the limit (a fast run queues thousands of lines before the first flush) must still put the whole
     * lines that fit into the file, and the rest once the limit is lifted: retrying the whole batch each time left
     * the file empty for good.
     */
    private static final class SizeLimitedFile implements RequestLog.AppendFile {
        final RequestLog.AppendFile file;
        volatile long limitBytes;
        long length;

        SizeLimitedFile(Path path, long limitBytes) throws java.io.IOException {
            this.file = RequestLog.AppendFile.open(path);
            this.limitBytes = limitBytes;
        }

        /** Holds the first write until the test has queued every line, so that the rest reach the file as one batch. */
        final java.util.concurrent.CountDownLatch allQueued = new java.util.concurrent.CountDownLatch(1);

        @Override
        public void append(java.nio.ByteBuffer bytes) throws java.io.IOException {
            try {
                allQueued.await();
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            }
            long room = limitBytes - length;
            if (bytes.remaining() <= room) {
                length += bytes.remaining();
                file.append(bytes);
                return;
            }
            java.nio.ByteBuffer part = bytes.slice(bytes.position(), (int) Math.max(0, room));
            file.append(part);
            bytes.position(bytes.position() + part.capacity()); // as FileChannel.write advances it
            length += part.capacity();
            throw new java.io.IOException("File too large");
        }

        @Override
        public void truncate(long newLength) throws java.io.IOException {
            file.truncate(newLength);
            length = newLength;
        }

        @Override
        public void close() throws java.io.IOException {
            file.close();
        }
    }

    @Test
    void aBatchLargerThanTheFileMayGrowKeepsTheWholeLinesThatFit(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("requests.jsonl");
        SizeLimitedFile limited = new SizeLimitedFile(file, 4096);
        try (RequestLog log = new RequestLog(file, limited, java.time.Duration.ofSeconds(5))) {
            log.origin(0);
            for (int i = 0; i < 300; i++) {
                log.append(LEVEL, i, shapes().get(i % 4));
            }
            limited.allQueued.countDown();
            log.sync();
            List<String> whileLimited = Files.readAllLines(file);
            assertThat(whileLimited).as("the whole lines under the limit are written").isNotEmpty().hasSizeLessThan(300);
            assertThat(Files.size(file)).as("filled up to the limit, less than one line short")
                    .isLessThanOrEqualTo(4096).isGreaterThan(4096 - 512);
            for (String l : whileLimited) {
                assertThat(Json.mapper().readTree(l).path("index").isInt()).as("a whole line").isTrue();
            }
            limited.limitBytes = Long.MAX_VALUE;
        }
        List<String> lines = Files.readAllLines(file);
        Set<Integer> indexes = new HashSet<>();
        for (String l : lines) {
            indexes.add(Json.mapper().readTree(l).path("index").asInt());
        }
        assertThat(lines).hasSize(300);
        assertThat(indexes).hasSize(300);
    }
}
