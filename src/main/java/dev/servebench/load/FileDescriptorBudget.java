package dev.servebench.load;

import dev.servebench.BadInputException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.OptionalLong;

/**
 * Whether this process may open enough files for a level's connections. Every in-flight request
 * holds a socket; a closed-loop level of concurrency C needs C of them besides what the JVM,
 * the results folder and the database already hold. Past the limit the OS refuses new sockets
 * mid-level, requests fail for a reason that is the client's, not the server's, and writing the
 * results can fail too. Checked before the run instead. (HotSpot already raises the soft limit to
 * the hard limit at start-up on Linux and macOS, {@code -XX:+MaxFDLimit}; what remains is the hard
 * limit, which only the user can raise.)
 */
public final class FileDescriptorBudget {
    /** Room for the JVM's own files, the results folder, the database, the report and DNS. */
    static final int HEADROOM = 128;

    private FileDescriptorBudget() {
    }

    /** This process's limit on open files, where the platform tells it. */
    public static OptionalLong limit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return OptionalLong.of(unix.getMaxFileDescriptorCount());
        }
        return OptionalLong.empty();
    }

    private static long openNow() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : 0;
    }

    /**
     * Throws {@link IllegalArgumentException} naming {@code ulimit -n} when a closed-loop level of
     * {@code concurrency} cannot fit under {@code limit} with {@code openNow} files already open.
     */
    static void require(int concurrency, String levelName, long limit, long openNow) {
        long needed = concurrency + openNow + HEADROOM;
        if (needed > limit) {
            throw new BadInputException(String.format(java.util.Locale.ROOT,
                    "%s needs about %,d open files (a socket per concurrent request) but this process may open "
                            + "%,d (ulimit -n); raise the limit (ulimit -n %d in the shell that starts servebench) "
                            + "or lower the concurrency to at most %,d",
                    levelName, needed, limit, Math.max(needed, 65_536), Math.max(1, limit - openNow - HEADROOM)));
        }
    }

    /** The check for this process. A platform that does not tell its limit passes. */
    public static void require(int concurrency, String levelName) {
        OptionalLong limit = limit();
        if (limit.isPresent()) {
            require(concurrency, levelName, limit.getAsLong(), openNow());
        }
    }
}
