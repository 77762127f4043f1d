package dev.servebench.cli;

import dev.servebench.server.InstantOpenAiServer;

import java.io.IOException;
import java.net.URI;

/**
 * The target {@code bench} uses when no {@code --url} is given, started in this process on
 * loopback so a newcomer sees the whole pipeline with one command and no GPU.
 */
record BuiltInTarget(String name, URI url, String model, AutoCloseable server) implements AutoCloseable {

    static BuiltInTarget start(String model) throws IOException {
        InstantOpenAiServer server = InstantOpenAiServer.startLoopback();
        return new BuiltInTarget("built-in instant server (streams at once; measures the pipeline, not a model)",
                server.baseUri(), model == null ? "instant" : model, server);
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
