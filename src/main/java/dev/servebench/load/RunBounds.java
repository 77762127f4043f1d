package dev.servebench.load;

import dev.servebench.BadInputException;
import java.time.Duration;
import java.util.Optional;

/**
 * When a load run stops issuing requests: after {@code maxRequests}, after {@code maxDuration},
 * whichever comes first. At least one bound is always set so that every run ends.
 */
public record RunBounds(Optional<Integer> maxRequests, Optional<Duration> maxDuration) {
    public RunBounds {
        if (maxRequests.isEmpty() && maxDuration.isEmpty()) {
            throw new BadInputException("a run needs a request count or a duration (or both)");
        }
        maxRequests.ifPresent(n -> {
            if (n < 1) {
                throw new BadInputException("request count must be at least 1, got " + n);
            }
        });
        maxDuration.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) {
                throw new BadInputException("duration must be positive, got " + d);
            }
        });
    }

    public static RunBounds requests(int n) {
        return new RunBounds(Optional.of(n), Optional.empty());
    }

    public static RunBounds duration(Duration d) {
        return new RunBounds(Optional.empty(), Optional.of(d));
    }

    public static RunBounds of(int requests, Duration d) {
        return new RunBounds(Optional.of(requests), Optional.of(d));
    }
}
