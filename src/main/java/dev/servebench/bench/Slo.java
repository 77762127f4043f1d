package dev.servebench.bench;

import dev.servebench.BadInputException;
import dev.servebench.client.RequestRecord;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Service-level objectives a request must meet to count towards goodput. Unset bounds are not
 * checked; a request must be valid to count at all.
 */
public record Slo(Optional<Duration> ttft, Optional<Duration> tpot, Optional<Duration> e2e) {
    public static final Slo NONE = new Slo(Optional.empty(), Optional.empty(), Optional.empty());

    public boolean isSet() {
        return ttft.isPresent() || tpot.isPresent() || e2e.isPresent();
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
        return e2e.isEmpty() || r.latencyNanos() <= e2e.get().toNanos();
    }

    /** Parses "ttft=2s,tpot=50ms,e2e=30s" (units: ms, s, m). */
    public static Slo parse(String text) {
        Optional<Duration> ttft = Optional.empty();
        Optional<Duration> tpot = Optional.empty();
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
                case "e2e" -> e2e = Optional.of(d);
                default -> throw new BadInputException("unknown SLO '" + name + "'; use ttft, tpot or e2e");
            }
        }
        return new Slo(ttft, tpot, e2e);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        ttft.ifPresent(d -> sb.append("ttft≤").append(Durations.format(d)).append(' '));
        tpot.ifPresent(d -> sb.append("tpot≤").append(Durations.format(d)).append(' '));
        e2e.ifPresent(d -> sb.append("e2e≤").append(Durations.format(d)).append(' '));
        return sb.isEmpty() ? "none" : sb.toString().strip();
    }
}
