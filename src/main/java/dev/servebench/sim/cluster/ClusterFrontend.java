package dev.servebench.sim.cluster;

import dev.servebench.sim.engine.EngineRequest;
import dev.servebench.sim.engine.FinishReason;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The single endpoint in front of a cluster: routes each request to an instance and, for a disaggregated shape,
 * runs it in two parts. The prefill instance computes the prompt (stopping after one token, which the client
 * never sees, as llm-d's and vLLM's P/D proxies discard it); the KV cache crosses the link between the two
 * instances, queued behind other transfers on the sender's and the receiver's links; then the decode instance
 * admits the request with that KV preloaded and streams the whole answer. TTFT therefore holds prefill,
 * transfer and the decode instance's first step. Thread-safe: in virtual time one thread calls it, in real time
 * the HTTP threads and every instance's engine thread do, so its state changes under its own lock.
 */
public final class ClusterFrontend {
    private final List<InstanceDriver> prefill;
    private final List<InstanceDriver> decode;
    private final int[] prefillNode;
    private final int[] decodeNode;
    private final KvTransfer transfer;
    private final Timer timer;
    private final RoutingPolicy policy;
    private final int[] prefillLoad;
    private final int[] decodeLoad;
    private final long[] prefillLinkFreeNanos;
    private final long[] decodeLinkFreeNanos;
    private final Map<Long, Integer> instanceByPrefix = new HashMap<>();
    private final Map<Long, Flight> flights = new HashMap<>();
    private int nextPrefill;
    private int nextDecode;
    private long transfers;
    private long transferredBytes;
    private long transferNanos;

    /** Where a request is: which instance has it, and whether it is between the two. */
    private static final class Flight {
        int prefillInstance = -1;
        int decodeInstance = -1;
        boolean decoding;
        boolean aborted;
    }

    /**
     * @param prefill     the instances that take new requests: the replicas of an aggregated shape, the prefill
     *                    pool of a disaggregated one
     * @param decode      the decode pool; empty for an aggregated shape
     * @param prefillNode node of each instance of {@code prefill}
     * @param decodeNode  node of each instance of {@code decode}
     * @param transfer    the KV hand-over; null for an aggregated shape
     */
    public ClusterFrontend(List<InstanceDriver> prefill, List<InstanceDriver> decode, int[] prefillNode,
                           int[] decodeNode, KvTransfer transfer, Timer timer, RoutingPolicy policy) {
        if (prefill.isEmpty() || !decode.isEmpty() && transfer == null) {
            throw new IllegalArgumentException("a cluster needs instances, and a KV transfer when disaggregated");
        }
        this.prefill = List.copyOf(prefill);
        this.decode = List.copyOf(decode);
        this.prefillNode = prefillNode.clone();
        this.decodeNode = decodeNode.clone();
        this.transfer = transfer;
        this.timer = timer;
        this.policy = policy;
        this.prefillLoad = new int[prefill.size()];
        this.decodeLoad = new int[decode.size()];
        this.prefillLinkFreeNanos = new long[prefill.size()];
        this.decodeLinkFreeNanos = new long[decode.size()];
    }

    public boolean disaggregated() {
        return !decode.isEmpty();
    }

    /** Whether the request can ever run: its prompt and answer fit the instances that must hold them. */
    public synchronized boolean fits(EngineRequest request) {
        if (!disaggregated()) {
            return prefill.getFirst().engine().fits(request);
        }
        return prefill.getFirst().engine().fits(request.prefillOnly(request.id()))
                && decode.getFirst().engine().fits(request);
    }

    public synchronized void submit(EngineRequest request, InstanceDriver.Sink sink) {
        Flight flight = new Flight();
        flights.put(request.id(), flight);
        int p = pick(prefill, prefillLoad, request, true);
        flight.prefillInstance = p;
        prefillLoad[p]++;
        if (!disaggregated()) {
            prefill.get(p).submit(request, new Forward(sink, locked(() -> {
                prefillLoad[p]--;
                flights.remove(request.id());
            })));
            return;
        }
        prefill.get(p).submit(request.prefillOnly(request.id()), new InstanceDriver.Sink() {
            @Override
            public void onToken(int index, long nanos) {
                // The prefill instance's one token stays in the cluster; the decode instance streams the answer.
            }

            @Override
            public void onFinished(FinishReason reason, int promptTokens, int completionTokens, long nanos) {
                synchronized (ClusterFrontend.this) {
                    prefillLoad[p]--;
                    flight.prefillInstance = -1;
                    if (!flight.aborted) {
                        handOver(request, flight, p, sink);
                    }
                }
            }
        });
    }

    private void handOver(EngineRequest request, Flight flight, int p, InstanceDriver.Sink sink) {
        int d = pick(decode, decodeLoad, request, false);
        flight.decodeInstance = d;
        decodeLoad[d]++;
        long now = timer.nowNanos();
        long start = Math.max(now, Math.max(prefillLinkFreeNanos[p], decodeLinkFreeNanos[d]));
        long duration = transfer.nanos(request.promptTokens(), prefillNode[p] == decodeNode[d]);
        long end = start + duration;
        prefillLinkFreeNanos[p] = end;
        decodeLinkFreeNanos[d] = end;
        transfers++;
        transferredBytes += transfer.bytes(request.promptTokens());
        transferNanos += end - now;
        timer.at(end, () -> arrived(request, flight, d, sink));
    }

    /** The KV has crossed: the decode instance takes the request, unless the client left meanwhile. */
    private synchronized void arrived(EngineRequest request, Flight flight, int d, InstanceDriver.Sink sink) {
        if (flight.aborted) {
            decodeLoad[d]--;
            flights.remove(request.id());
            return;
        }
        flight.decoding = true;
        decode.get(d).submit(request.withPreloaded(request.id(), request.promptTokens() - 1),
                new Forward(sink, locked(() -> {
                    decodeLoad[d]--;
                    flights.remove(request.id());
                })));
    }

    /** Drops a request wherever it is; one between the instances is dropped when its transfer ends. */
    public synchronized void abort(long requestId) {
        Flight flight = flights.get(requestId);
        if (flight == null) {
            return;
        }
        flight.aborted = true;
        if (flight.prefillInstance >= 0) {
            prefillLoad[flight.prefillInstance]--;
            prefill.get(flight.prefillInstance).abort(requestId);
            flights.remove(requestId);
        } else if (flight.decoding) {
            decodeLoad[flight.decodeInstance]--;
            decode.get(flight.decodeInstance).abort(requestId);
            flights.remove(requestId);
        }
    }

    /** The instances that take new requests: replicas, or the prefill pool. */
    public List<InstanceDriver> entryPool() {
        return prefill;
    }

    /** The decode pool; empty for replicas. */
    public List<InstanceDriver> decodePool() {
        return decode;
    }

    /** KV hand-overs so far, their bytes, and the time requests spent waiting for them (queue and wire). */
    public synchronized TransferStats transferStats() {
        return new TransferStats(transfers, transferredBytes, transferNanos);
    }

    /** What the KV links carried. */
    public record TransferStats(long transfers, long bytes, long waitNanos) {
        public double meanWaitMillis() {
            return transfers == 0 ? 0 : waitNanos / 1e6 / transfers;
        }
    }

    private int pick(List<InstanceDriver> pool, int[] load, EngineRequest request, boolean entry) {
        if (pool.size() == 1) {
            return 0;
        }
        return switch (policy) {
            case ROUND_ROBIN -> entry ? nextPrefill++ % pool.size() : nextDecode++ % pool.size();
            case LEAST_OUTSTANDING -> leastLoaded(load);
            case PREFIX_AWARE -> entry ? prefixAware(load, request) : leastLoaded(load);
        };
    }

    private static int leastLoaded(int[] load) {
        int best = 0;
        for (int i = 1; i < load.length; i++) {
            if (load[i] < load[best]) {
                best = i;
            }
        }
        return best;
    }

    private int prefixAware(int[] load, EngineRequest request) {
        long prefix = prefixKey(request);
        int least = leastLoaded(load);
        Integer previous = instanceByPrefix.get(prefix);
        int chosen = previous != null && load[previous] - load[least] <= RoutingPolicy.PREFIX_LOAD_SLACK
                ? previous : least;
        instanceByPrefix.put(prefix, chosen);
        return chosen;
    }

    /** The first 16 prompt tokens stand for the prefix (a block of vLLM's default size). */
    private static long prefixKey(EngineRequest request) {
        long[] hashes = request.promptTokenHashes();
        long key = 1;
        for (int i = 0; i < Math.min(16, hashes.length); i++) {
            key = key * 31 + hashes[i];
        }
        return key;
    }

    /** Passes tokens and the end on to the client's sink, after bookkeeping. */
    private record Forward(InstanceDriver.Sink client, Runnable onEnd) implements InstanceDriver.Sink {
        @Override
        public void onToken(int index, long nanos) {
            client.onToken(index, nanos);
        }

        @Override
        public void onFinished(FinishReason reason, int promptTokens, int completionTokens, long nanos) {
            onEnd.run();
            client.onFinished(reason, promptTokens, completionTokens, nanos);
        }
    }

    /** Runs bookkeeping under the frontend's lock: engine threads call it. */
    private Runnable locked(Runnable action) {
        return () -> {
            synchronized (this) {
                action.run();
            }
        };
    }
}
