package dev.servebench.load;

/**
 * How many load-generating processes a distributed level was split over, and how many of them sent
 * everything they measured and reported the level done. A worker that died kept what it had sent:
 * its requests are in the level, but {@code finished < planned} says the level lost part of its load,
 * and the level cannot pass.
 *
 * @param planned      workers given a share of the level
 * @param finished     workers that ran their share to the end and said so
 * @param lostInFlight requests the lost workers had sent and never recorded (at least: each worker says how many
 *                     it sent with every record and every 200 ms)
 */
public record WorkerCount(int planned, int finished, long lostInFlight) {
    public WorkerCount {
        if (planned < 1 || finished < 0 || finished > planned || lostInFlight < 0) {
            throw new IllegalArgumentException("workers: " + finished + " finished of " + planned + " planned, "
                    + lostInFlight + " requests lost in flight");
        }
    }

    public WorkerCount(int planned, int finished) {
        this(planned, finished, 0);
    }

    /** Workers that did not finish their share. */
    public int lost() {
        return planned - finished;
    }

    public boolean allFinished() {
        return finished == planned;
    }
}
