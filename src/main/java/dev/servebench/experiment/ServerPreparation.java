package dev.servebench.experiment;

/**
 * What happens before each run of an experiment so runs are independent: for a repeat, restart the
 * server; for an ablation, start it in the run's condition. Then wait until it is ready.
 */
@FunctionalInterface
public interface ServerPreparation {
    /** Nothing to do: the server is left as it is between runs. */
    ServerPreparation NONE = new ServerPreparation() {
        @Override
        public void prepare(String group) {
        }
    };

    void prepare(String group);

    /**
     * Whether {@link #prepare} leaves a server started afresh for {@code group}, so nothing an earlier run sent is
     * in its caches. Only then may two runs send the same prompts and be compared as a pair. Unknown is no.
     */
    default boolean startsFreshServer(String group) {
        return false;
    }

    /** This, then {@code next}: a fresh server when either starts one. */
    default ServerPreparation then(ServerPreparation next) {
        ServerPreparation first = this;
        return new ServerPreparation() {
            @Override
            public void prepare(String group) {
                first.prepare(group);
                next.prepare(group);
            }

            @Override
            public boolean startsFreshServer(String group) {
                return first.startsFreshServer(group) || next.startsFreshServer(group);
            }
        };
    }
}
