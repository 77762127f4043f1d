package dev.servebench.distributed;

import dev.servebench.bench.LevelExecutor;
import dev.servebench.bench.LevelSpec;
import dev.servebench.bench.RequestFactory;
import dev.servebench.load.LoadResult;
import dev.servebench.load.RecordListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs each level over the coordinator's live workers: splits it ({@link LevelShares}), tells every worker
 * its share and one start time (on the worker's own clock, so their skew does not matter), forwards each
 * record to the listener as it arrives, tells the workers to stop when the level is given up, and returns
 * the union of their records as the level's load run: percentiles are computed over every request of the
 * level, exactly as for a run in one process.
 */
public final class DistributedLevelExecutor implements LevelExecutor {
    /** Between telling the workers and their start: enough for the message to reach each over a network. */
    private static final Duration START_LEAD = Duration.ofMillis(300);
    private static final long POLL_MILLIS = 20;

    private final Coordinator coordinator;
    private final Consumer<String> say;
    private volatile LevelCollector current;

    DistributedLevelExecutor(Coordinator coordinator, Consumer<String> say) {
        this.coordinator = coordinator;
        this.say = say;
    }

    @Override
    public LoadResult execute(LevelSpec level, RequestFactory requests, RecordListener listener) {
        return execute(level, requests, listener, () -> false);
    }

    @Override
    public LoadResult execute(LevelSpec level, RequestFactory requests, RecordListener listener,
                              BooleanSupplier stop) {
        List<RemoteWorker> live = coordinator.live();
        if (live.isEmpty()) {
            throw new WorkersUnavailableException("no load worker is left to run " + level.phase() + " "
                    + level.name() + " (" + coordinator.goneReasons() + ")");
        }
        List<LevelShares.Part> parts = LevelShares.split(level, live.size());
        List<RemoteWorker> participants = new ArrayList<>(live.subList(0, parts.size()));
        int number = requests.levelNumber();
        LevelCollector collector = new LevelCollector(number, participants, listener);
        current = collector;
        long startAt = System.nanoTime() + START_LEAD.toNanos();
        try {
            for (int i = 0; i < participants.size(); i++) {
                RemoteWorker worker = participants.get(i);
                LevelShares.Part part = parts.get(i);
                worker.attach(collector);
                if (part.load() instanceof dev.servebench.load.LoadModel.ClosedLoop c) {
                    collector.closedLoop(worker, c.concurrency(), part.bounds().maxRequests().orElse(null));
                }
                LevelShare share = new LevelShare(number, level.phase(), level.name(), WireLoad.of(part.load()),
                        part.bounds().maxRequests().orElse(null),
                        part.bounds().maxDuration().map(Duration::toNanos).orElse(null), level.workload(),
                        requests.firstEntry(), part.firstIndex(), part.indexStride(),
                        startAt + part.startDelayNanos() + worker.offsetNanos());
                if (!worker.send(new Message.RunLevel(share))) {
                    collector.gone(worker, worker.goneReason());
                }
            }
            boolean stopSent = false;
            while (!collector.awaitAll(POLL_MILLIS)) {
                if (!stopSent && stop.getAsBoolean()) {
                    stopSent = true;
                    participants.forEach(w -> w.send(new Message.Stop(number, false)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the load workers", e);
        } finally {
            current = null;
            participants.forEach(w -> w.attach(null));
        }
        requests.addAsked(collector.asked());
        collector.problems().forEach(say);
        return collector.result(startAt);
    }

    /** Has the workers cancel the requests they have in flight (the grace after Ctrl-C is over). */
    public void cancelInFlight() {
        LevelCollector collector = current;
        if (collector != null) {
            collector.participants().forEach(w -> w.send(new Message.Stop(collector.level(), true)));
        }
    }
}
