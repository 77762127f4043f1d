package dev.servebench.advise;

import dev.servebench.BadInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A vLLM release number; rules compare against it. */
public record VllmVersion(int major, int minor, int patch) implements Comparable<VllmVersion> {

    private static final Pattern FORMAT = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:[.+-].*)?");

    public static VllmVersion parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new BadInputException("bad vLLM version '" + text + "'; use MAJOR.MINOR[.PATCH], e.g. 0.14.1");
        }
        return new VllmVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    public boolean isAtLeast(VllmVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(VllmVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
