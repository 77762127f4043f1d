package dev.servebench.sim.engine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The paged KV cache: a fixed pool of blocks handed to sequences as their context grows, like
 * vLLM V1's KVCacheManager. Free blocks wait in least-recently-freed order; with prefix caching a
 * freed full prompt block keeps its hash until it is reused, so a later request with the same
 * prefix can take it back instead of recomputing it.
 */
final class KvCacheManager {
    private static final int NIL = -1;

    private final int blockSize;
    private final int totalBlocks;
    private final boolean prefixCaching;
    private final int[] refCount;
    private final long[] blockHash;
    private final boolean[] hashed;
    // Doubly linked free list over block ids: evict from the head, return freed blocks at the tail.
    private final int[] prev;
    private final int[] next;
    private int head = NIL;
    private int tail = NIL;
    private int freeCount;
    private final Map<Long, Integer> cached = new HashMap<>();
    private long prefixQueriedTokens;
    private long prefixHitTokens;

    KvCacheManager(int blockSize, int totalBlocks, boolean prefixCaching) {
        this.blockSize = blockSize;
        this.totalBlocks = totalBlocks;
        this.prefixCaching = prefixCaching;
        this.refCount = new int[totalBlocks];
        this.blockHash = new long[totalBlocks];
        this.hashed = new boolean[totalBlocks];
        this.prev = new int[totalBlocks];
        this.next = new int[totalBlocks];
        Arrays.fill(prev, NIL);
        Arrays.fill(next, NIL);
        for (int b = 0; b < totalBlocks; b++) {
            appendFree(b);
        }
    }

    int freeBlocks() {
        return freeCount;
    }

    int totalBlocks() {
        return totalBlocks;
    }

    int usedBlocks() {
        return totalBlocks - freeCount;
    }

    long prefixQueriedTokens() {
        return prefixQueriedTokens;
    }

    long prefixHitTokens() {
        return prefixHitTokens;
    }

    /**
     * Gives a sequence blocks for {@code tokensAfterStep} tokens of context. All or nothing: on
     * false nothing changed and the caller must preempt or wait.
     */
    boolean allocate(Sequence s, int tokensAfterStep) {
        int needed = blocksFor(tokensAfterStep) - s.blocks.size();
        if (needed <= 0) {
            return true;
        }
        if (needed > freeCount) {
            return false;
        }
        for (int i = 0; i < needed; i++) {
            s.blocks.add(takeFreeHead());
        }
        return true;
    }

    /**
     * Starts a waiting sequence (no KV held): reuses its cached prefix, then allocates room for
     * {@code newTokens} more. Returns the number of prompt tokens served from the cache, or -1 when
     * the blocks do not fit (nothing changed).
     */
    int admit(Sequence s, int newTokensWanted) {
        int hits = prefixCaching ? countHits(s) : 0;
        int hitTokens = hits * blockSize;
        // KV that arrives from elsewhere needs blocks but no compute; the last prompt token is always computed.
        // Once preempted, the preloaded KV is gone: the sequence recomputes it here, as vLLM does.
        int preloaded = s.preemptions == 0 ? s.request.preloadedTokens() : 0;
        int readyTokens = Math.max(hitTokens, Math.min(preloaded, s.request.promptTokens() - 1));
        int newTokens = Math.min(newTokensWanted, s.totalTokens() - readyTokens);
        int needed = blocksFor(readyTokens + newTokens) - hits;
        int hitsNowFree = 0;
        for (int i = 0; i < hits; i++) {
            if (refCount[cached.get(s.promptBlockHashes[i])] == 0) {
                hitsNowFree++;
            }
        }
        if (needed > freeCount - hitsNowFree) {
            return -1;
        }
        for (int i = 0; i < hits; i++) {
            int block = cached.get(s.promptBlockHashes[i]);
            if (refCount[block] == 0) {
                unlinkFree(block);
            }
            refCount[block]++;
            s.blocks.add(block);
        }
        s.computedTokens = readyTokens;
        s.cachedPromptBlocks = hits;
        if (prefixCaching) {
            prefixQueriedTokens += s.request.promptTokens();
            prefixHitTokens += hitTokens;
        }
        allocate(s, readyTokens + newTokens);
        return hitTokens;
    }

    /** Registers the sequence's newly completed full prompt blocks so later requests can reuse them. */
    void cacheComputedPromptBlocks(Sequence s) {
        if (!prefixCaching) {
            return;
        }
        int fullBlocks = Math.min(s.computedTokens, s.request.promptTokens()) / blockSize;
        long[] hashes = promptBlockHashes(s);
        for (int i = s.cachedPromptBlocks; i < fullBlocks; i++) {
            int block = s.blocks.get(i);
            if (!cached.containsKey(hashes[i])) {
                cached.put(hashes[i], block);
                blockHash[block] = hashes[i];
                hashed[block] = true;
            }
        }
        s.cachedPromptBlocks = Math.max(s.cachedPromptBlocks, fullBlocks);
    }

    /** Returns all of a sequence's blocks, tail first, so the end of a context is evicted before its prefix. */
    void free(Sequence s) {
        for (int i = s.blocks.size() - 1; i >= 0; i--) {
            int block = s.blocks.get(i);
            if (--refCount[block] == 0) {
                appendFree(block);
            }
        }
        s.blocks.clear();
    }

    private int countHits(Sequence s) {
        long[] hashes = promptBlockHashes(s);
        // At least one prompt token is always computed, so the last token's logits exist.
        int maxHits = (s.request.promptTokens() - 1) / blockSize;
        int hits = 0;
        while (hits < maxHits && hits < hashes.length && cached.containsKey(hashes[hits])) {
            hits++;
        }
        return hits;
    }

    private long[] promptBlockHashes(Sequence s) {
        if (s.promptBlockHashes == null) {
            long[] tokens = s.request.promptTokenHashes();
            long[] out = new long[tokens.length / blockSize];
            long chain = 0x9E3779B97F4A7C15L;
            for (int b = 0; b < out.length; b++) {
                for (int t = b * blockSize; t < (b + 1) * blockSize; t++) {
                    chain = mix(chain ^ tokens[t]);
                }
                out[b] = chain;
            }
            s.promptBlockHashes = out;
        }
        return s.promptBlockHashes;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private int blocksFor(int tokens) {
        return (tokens + blockSize - 1) / blockSize;
    }

    private int takeFreeHead() {
        int block = head;
        unlinkFree(block);
        if (hashed[block]) {
            // Evicting a cached block: its prefix can no longer be reused.
            cached.remove(blockHash[block], block);
            hashed[block] = false;
        }
        refCount[block] = 1;
        return block;
    }

    private void appendFree(int block) {
        prev[block] = tail;
        next[block] = NIL;
        if (tail == NIL) {
            head = block;
        } else {
            next[tail] = block;
        }
        tail = block;
        freeCount++;
    }

    private void unlinkFree(int block) {
        int p = prev[block];
        int n = next[block];
        if (p == NIL) {
            head = n;
        } else {
            next[p] = n;
        }
        if (n == NIL) {
            tail = p;
        } else {
            prev[n] = p;
        }
        prev[block] = NIL;
        next[block] = NIL;
        freeCount--;
    }
}
