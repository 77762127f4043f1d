package dev.servebench.cli;

import dev.servebench.bench.Durations;
import picocli.CommandLine;

import java.time.Duration;

/** Reads "250ms", "2s", "5m" for picocli options. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
