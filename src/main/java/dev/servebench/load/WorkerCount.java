package dev.servebench.load;

/**
 * How many load-generating processes a distributed level was split over, and how many of them sent
 * everything they measured and reported the level done. A worker that died kept what it had sent:
 * its requests are in the level, but {@code finished < planned} says the level lost part of its load.
 *
 * @param planned  workers given a share of the level
 * @param finished workers that ran their share to the end and said so
 */
public record WorkerCount(int planned, int finished) {
    public WorkerCount {
        if (planned < 1 || finished < 0 || finished > planned) {
            throw new IllegalArgumentException("workers: " + finished + " finished of " + planned + " planned");
        }
    }

    public boolean allFinished() {
        return finished == planned;
    }
}
