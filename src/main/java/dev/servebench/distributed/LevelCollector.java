package dev.servebench.distributed;

import dev.servebench.bench.RequestFactory;
import dev.servebench.client.RequestRecord;
import dev.servebench.load.LoadEngine;
import dev.servebench.load.LoadResult;
import dev.servebench.load.RecordListener;
import dev.servebench.load.WorkerCount;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One distributed level as its records arrive: each is moved onto the coordinator's clock, handed to the
 * run's listener at once (requests.jsonl, the failure streak, progress) and kept; the level is over when
 * every worker given a share has said it is done or is gone.
 */
final class LevelCollector {
    private record Numbered(int index, RequestRecord record) {
    }

    private final int level;
    private final RecordListener listener;
    private final List<RemoteWorker> participants;
    private final Set<RemoteWorker> pending;
    private final List<Numbered> records = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    /** Per worker: requests it said it had sent, and records received from it. */
    private final java.util.Map<RemoteWorker, long[]> sentAndReceived = new java.util.HashMap<>();
    /** Requests in flight at workers that were lost (at least: sent after their last word are not known). */
    private long lostInFlight;
    /** Per worker of a closed loop: its users and its share's request budget (null: bounded by time only). */
    private final java.util.Map<RemoteWorker, long[]> closedLoops = new java.util.HashMap<>();
    private int finished;
    private long firstStart = Long.MAX_VALUE;
    private long lastIssue = Long.MIN_VALUE;
    private long lastEnd = Long.MIN_VALUE;
    private long askedRequests;
    private long askedPromptTokens;
    private long askedOutputTokens;
    /** How the finished workers issued their requests; more than one only if they disagreed. */
    private final Set<LoadEngine> engines = EnumSet.noneOf(LoadEngine.class);
    /** Whether some finished worker did not say how it issued its requests. */
    private boolean engineUnsaid;

    LevelCollector(int level, List<RemoteWorker> participants, RecordListener listener) {
        this.level = level;
        this.listener = listener;
        this.participants = List.copyOf(participants);
        this.pending = new HashSet<>(participants);
    }

    int level() {
        return level;
    }

    List<RemoteWorker> participants() {
        return participants;
    }

    void record(RemoteWorker worker, Message.RequestDone done) {
        if (done.level() != level) {
            return;
        }
        RequestRecord record = done.record().onCoordinatorClock(worker.offsetNanos());
        synchronized (this) {
            records.add(new Numbered(done.index(), record));
            long[] counts = sentAndReceived.computeIfAbsent(worker, w -> new long[2]);
            counts[0] = Math.max(counts[0], done.sent());
            counts[1]++;
        }
        listener.onRecord(done.index(), record);
    }

    synchronized void done(RemoteWorker worker, Message.LevelDone done) {
        if (done.level() != level || !pending.remove(worker)) {
            return;
        }
        long offset = worker.offsetNanos();
        if (done.error() == null) {
            firstStart = Math.min(firstStart, done.startNanos() - offset);
            lastIssue = Math.max(lastIssue, done.lastIssueNanos() - offset);
            lastEnd = Math.max(lastEnd, done.endNanos() - offset);
        }
        askedRequests += done.askedRequests();
        askedPromptTokens += done.askedPromptTokens();
        askedOutputTokens += done.askedOutputTokens();
        if (done.error() == null) {
            finished++;
            if (done.engine() == null) {
                engineUnsaid = true;
            } else {
                engines.add(done.engine());
            }
        } else {
            problems.add("worker " + worker.index() + " failed its share: " + done.error());
        }
        notifyAll();
    }

    /**
     * {@code worker} runs a closed loop of {@code users} users over at most {@code maxRequests} requests: until its
     * share is used up, every user has one request out, which is what it had in flight if it is lost.
     */
    synchronized void closedLoop(RemoteWorker worker, int users, Integer maxRequests) {
        closedLoops.put(worker, new long[]{users, maxRequests == null ? Long.MAX_VALUE : maxRequests});
    }

    synchronized void progress(RemoteWorker worker, Message.Progress progress) {
        if (progress.level() == level) {
            long[] counts = sentAndReceived.computeIfAbsent(worker, w -> new long[2]);
            counts[0] = Math.max(counts[0], progress.sent());
        }
    }

    synchronized void gone(RemoteWorker worker, String reason) {
        if (pending.remove(worker)) {
            long[] counts = sentAndReceived.getOrDefault(worker, new long[2]);
            long[] loop = closedLoops.get(worker);
            // A closed loop's users each have a request out until the share's budget is spent; an open loop's
            // requests out are what it said it sent less what came back (sent after its last word: unknown).
            long inFlight = loop != null ? Math.max(0, Math.min(loop[0], loop[1] - counts[1]))
                    : Math.max(0, counts[0] - counts[1]);
            lostInFlight += inFlight;
            problems.add("worker " + worker.index() + " is gone (" + reason + ") with at least " + inFlight
                    + " request(s) in flight, never recorded; the level keeps the requests it recorded");
            notifyAll();
        }
    }

    /** Waits up to {@code millis} for every participant to be done or gone; returns whether they are. */
    synchronized boolean awaitAll(long millis) throws InterruptedException {
        if (!pending.isEmpty()) {
            wait(millis);
        }
        return pending.isEmpty();
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    synchronized RequestFactory.Asked asked() {
        return new RequestFactory.Asked(askedRequests, askedPromptTokens, askedOutputTokens);
    }

    /**
     * The level as one load run: every record any worker sent, by request number; started at the earliest
     * worker start (the shared start, {@code startAtNanos}, when no worker reported one); issuing until the
     * last issue of any; ended with the last request to end.
     */
    synchronized LoadResult result(long startAtNanos) {
        records.sort(Comparator.comparingInt(Numbered::index));
        long start = firstStart == Long.MAX_VALUE ? startAtNanos : firstStart;
        long issue = lastIssue;
        long end = Math.max(lastEnd, start);
        for (Numbered n : records) {
            issue = Math.max(issue, n.record().scheduledNanos());
            end = Math.max(end, n.record().endNanos());
        }
        // One engine for the level only when every finished worker named the same one: a level that ran
        // partly another way must not claim either.
        Optional<LoadEngine> engine = engines.size() == 1 && !engineUnsaid
                ? Optional.of(engines.iterator().next()) : Optional.empty();
        return new LoadResult(records.stream().map(Numbered::record).toList(), start, Math.max(issue, start), end,
                Optional.of(new WorkerCount(participants.size(), finished, lostInFlight)), engine);
    }
}
