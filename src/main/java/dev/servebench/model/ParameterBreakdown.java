package dev.servebench.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Parameter counts per {@link Component}: what the checkpoint stores and what one token uses.
 *
 * @param total parameters stored in the checkpoint
 * @param active parameters whose matmuls run for one text token (routed experts scaled by
 *        experts-per-token / routed experts; the input embedding is a table lookup and the MTP module
 *        is idle without speculative decoding, so neither counts)
 */
public record ParameterBreakdown(Map<Component, Long> total, Map<Component, Long> active) {
    public ParameterBreakdown {
        total = Collections.unmodifiableMap(new EnumMap<>(total));
        active = Collections.unmodifiableMap(new EnumMap<>(active));
    }

    public long totalParams() {
        return total.values().stream().mapToLong(Long::longValue).sum();
    }

    public long activeParams() {
        return active.values().stream().mapToLong(Long::longValue).sum();
    }

    public double totalBillions() {
        return totalParams() / 1e9;
    }

    public double activeBillions() {
        return activeParams() / 1e9;
    }

    public long total(Component c) {
        return total.getOrDefault(c, 0L);
    }
}
