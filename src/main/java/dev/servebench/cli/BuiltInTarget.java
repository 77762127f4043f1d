package dev.servebench.cli;

import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.server.FaultPlan;
import dev.servebench.sim.server.SimServer;
import dev.servebench.sim.text.AnswerLengths;
import picocli.CommandLine;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/**
 * The target {@code bench} uses when no {@code --url} is given: the simulator with its default
 * deployment (see {@code sim --help}), started in this process on loopback, so a newcomer sees the
 * whole pipeline with one command and no GPU.
 */
record BuiltInTarget(String name, URI url, String model, AutoCloseable server) implements AutoCloseable {

    static BuiltInTarget start(String model) throws IOException {
        return start(model, AnswerLengths.UNTIL_MAX_TOKENS);
    }

    /** @param answers where answers of requests without ignore_eos stop ({@code bench --answer-mean-tokens}) */
    static BuiltInTarget start(String model, AnswerLengths answers) throws IOException {
        DeploymentOptions defaults = new DeploymentOptions();
        new CommandLine(defaults).parseArgs();
        SimulatedDeployment d = defaults.deployment();
        String served = model == null ? d.model().name() : model;
        SimServer server = SimServer.start(d, served, "127.0.0.1", 0, defaults.imageTokens(), answers,
                FaultPlan.NONE, Integer.MAX_VALUE);
        return new BuiltInTarget(String.format(Locale.ROOT, "built-in simulator (%s on %d x %s%s, real time)",
                d.model().name(), d.options().tensorParallel(), d.accelerator().id(), AnswerLengthOptions.describe(answers)),
                server.baseUri(), served, server);
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
