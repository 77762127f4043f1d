package dev.servebench.bench;

import dev.servebench.BadInputException;
import java.util.Locale;

/** Scales every level's request count. */
public enum Intensity {
    QUICK(0.5),
    DEFAULT(1.0),
    THOROUGH(3.0);

    private final double multiplier;

    Intensity(double multiplier) {
        this.multiplier = multiplier;
    }

    public double multiplier() {
        return multiplier;
    }

    public int scale(int requests) {
        return Math.max(1, (int) Math.ceil(requests * multiplier));
    }

    public static Intensity parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("unknown intensity '" + text + "'; use quick, default or thorough");
        }
    }
}
