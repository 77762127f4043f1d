package dev.servebench.bench;

import dev.servebench.BadInputException;
import dev.servebench.client.RequestRecord;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Service-level objectives a request must meet to count towards goodput. Unset bounds are not
 * checked; a request must be valid to count at all.
 *
 * @param tpot bound on a request's mean time per output token: a prefill that stalls its decode is averaged
 *             away in it
 * @param itl  bound on the p99 of a request's own inter-token gaps: the stalls a user sees mid-answer (where
 *             prefill/decode disaggregation helps), which {@code tpot} averages away. A request with at most 100
 *             gaps must have none above the bound
 */
public record Slo(Optional<Duration> ttft, Optional<Duration> tpot, Optional<Duration> itl, Optional<Duration> e2e) {
    public static final Slo NONE = new Slo(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** Without an ITL bound. */
    public Slo(Optional<Duration> ttft, Optional<Duration> tpot, Optional<Duration> e2e) {
        this(ttft, tpot, Optional.empty(), e2e);
    }

    /** Every bound times {@code factor}: what "far from meeting it" means for a plan's pruning. */
    public Slo scaled(double factor) {
        java.util.function.Function<Duration, Duration> f = d -> Duration.ofNanos(Math.round(d.toNanos() * factor));
        return new Slo(ttft.map(f), tpot.map(f), itl.map(f), e2e.map(f));
    }

    public boolean isSet() {
        return ttft.isPresent() || tpot.isPresent() || itl.isPresent() || e2e.isPresent();
    }

    public boolean isMetBy(RequestRecord r) {
        if (!r.valid()) {
            return false;
        }
        if (ttft.isPresent() && (!r.hasFirstToken() || r.ttftNanos() > ttft.get().toNanos())) {
            return false;
        }
        if (tpot.isPresent() && r.tpotNanos() != RequestRecord.NONE && r.tpotNanos() > tpot.get().toNanos()) {
            return false;
        }
        if (itl.isPresent() && !gapsWithin(r.interTokenGapsNanos(), itl.get().toNanos())) {
            return false;
        }
        return e2e.isEmpty() || r.latencyNanos() <= e2e.get().toNanos();
    }

    /** Whether the gaps' p99 (nearest rank) is within the bound: at most n - ceil(0.99 n) gaps above it. */
    static boolean gapsWithin(long[] gapsNanos, long boundNanos) {
        int allowed = gapsNanos.length - (int) Math.ceil(0.99 * gapsNanos.length);
        int above = 0;
        for (long gap : gapsNanos) {
            if (gap > boundNanos && ++above > allowed) {
                return false;
            }
        }
        return true;
    }

    /** Parses "ttft=2s,tpot=50ms,itl=50ms,e2e=30s" (units: ms, s, m). */
    public static Slo parse(String text) {
        Optional<Duration> ttft = Optional.empty();
        Optional<Duration> tpot = Optional.empty();
        Optional<Duration> itl = Optional.empty();
        Optional<Duration> e2e = Optional.empty();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                throw new BadInputException("SLO part '" + p + "' needs the form name=value, e.g. ttft=2s");
            }
            String name = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            Duration d = Durations.parse(p.substring(eq + 1));
            switch (name) {
                case "ttft" -> ttft = Optional.of(d);
                case "tpot" -> tpot = Optional.of(d);
                case "itl" -> itl = Optional.of(d);
                case "e2e" -> e2e = Optional.of(d);
                default -> throw new BadInputException("unknown SLO '" + name + "' in '" + text
                        + "'; use ttft, tpot, itl or e2e, e.g. ttft=2s,itl=50ms");
            }
        }
        return new Slo(ttft, tpot, itl, e2e);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        ttft.ifPresent(d -> sb.append("ttft≤").append(Durations.format(d)).append(' '));
        tpot.ifPresent(d -> sb.append("tpot≤").append(Durations.format(d)).append(' '));
        itl.ifPresent(d -> sb.append("itl≤").append(Durations.format(d)).append(' '));
        e2e.ifPresent(d -> sb.append("e2e≤").append(Durations.format(d)).append(' '));
        return sb.isEmpty() ? "none" : sb.toString().strip();
    }
}
