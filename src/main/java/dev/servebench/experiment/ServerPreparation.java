package dev.servebench.experiment;

/**
 * What happens before each run of an experiment so runs are independent: for a repeat, restart the
 * server; for an ablation, start it in the run's condition. Then wait until it is ready.
 */
@FunctionalInterface
public interface ServerPreparation {
    /** Nothing to do: the server is left as it is between runs. */
    ServerPreparation NONE = group -> {
    };

    void prepare(String group);
}
