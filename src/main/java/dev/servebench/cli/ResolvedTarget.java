package dev.servebench.cli;

import dev.servebench.experiment.TargetSpec;

import java.io.IOException;

/** The experiment's one target: the --url server, or the built-in simulator started for the experiment. */
record ResolvedTarget(TargetSpec spec, BuiltInTarget builtIn) implements AutoCloseable {

    static ResolvedTarget of(EndpointOptions endpoint) throws IOException {
        endpoint.requireModelWithUrl();
        if (endpoint.url != null) {
            return new ResolvedTarget(dev.servebench.run.ExperimentRun.server(endpoint.url, endpoint.model), null);
        }
        BuiltInTarget builtIn = BuiltInTarget.start(endpoint.model);
        return new ResolvedTarget(new dev.servebench.experiment.TargetSpec(builtIn.name(), builtIn.url(),
                builtIn.model(), 1), builtIn);
    }

    @Override
    public void close() throws Exception {
        if (builtIn != null) {
            builtIn.close();
        }
    }
}
