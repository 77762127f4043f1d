package dev.servebench.sim.server;

import dev.servebench.sim.cluster.SimulatedCluster;
import dev.servebench.server.StreamingHttpServer;
import dev.servebench.sim.perf.SimulatedDeployment;
import dev.servebench.sim.text.AnswerLengths;
import dev.servebench.sim.text.ImageTokens;
import dev.servebench.sim.text.PromptEncoder;

import java.io.IOException;
import java.net.URI;

/** A running simulated vLLM: engine on the wall clock behind the OpenAI API on an HTTP port. */
public final class SimServer implements AutoCloseable {
    private final StreamingHttpServer http;
    private final SimOpenAiHandler handler;
    private final String modelName;

    private SimServer(StreamingHttpServer http, SimOpenAiHandler handler, String modelName) {
        this.http = http;
        this.handler = handler;
        this.modelName = modelName;
    }

    /** A server whose answers all run to {@code max_tokens}, as before answers could stop at EOS. */
    public static SimServer start(SimulatedDeployment deployment, String servedModelName, String host, int port,
                                  ImageTokens imageTokens, FaultPlan faults, int maxWaiting) throws IOException {
        return start(deployment, servedModelName, host, port, imageTokens, AnswerLengths.UNTIL_MAX_TOKENS, faults,
                maxWaiting);
    }

    /**
     * @param port       0 for an ephemeral port
     * @param answers    where answers of requests without {@code ignore_eos} stop on their own
     * @param maxWaiting waiting requests beyond which new ones are refused with 503
     */
    public static SimServer start(SimulatedDeployment deployment, String servedModelName, String host, int port,
                                  ImageTokens imageTokens, AnswerLengths answers, FaultPlan faults, int maxWaiting)
            throws IOException {
        return start(SimBackend.single(deployment), deployment, servedModelName, host, port, imageTokens, answers,
                faults, maxWaiting);
    }

    /** A cluster behind one endpoint: replicas or prefill/decode pools, each instance on its own engine thread. */
    public static SimServer start(SimulatedCluster cluster, String servedModelName, String host, int port,
                                  ImageTokens imageTokens, AnswerLengths answers, FaultPlan faults, int maxWaiting)
            throws IOException {
        return start(SimBackend.cluster(cluster), cluster.decodeDeployment(), servedModelName, host, port, imageTokens,
                answers, faults, maxWaiting);
    }

    /**
     * Serves {@code backend} (one instance, a cluster, either decode-only).
     *
     * @param limits the deployment whose model length and KV capacity bound a request (a cluster's decode pool)
     */
    public static SimServer start(SimBackend backend, SimulatedDeployment limits, String servedModelName, String host,
                                   int port, ImageTokens imageTokens, AnswerLengths answers, FaultPlan faults,
                                   int maxWaiting) throws IOException {
        return start(backend, limits, servedModelName, host, port, imageTokens, answers, faults, maxWaiting,
                java.util.Optional.empty());
    }

    /** The same, answering the prompts of task files from {@code oracle} (accuracy-check tests). */
    public static SimServer start(SimBackend backend, SimulatedDeployment limits, String servedModelName, String host,
                                  int port, ImageTokens imageTokens, AnswerLengths answers, FaultPlan faults,
                                  int maxWaiting, java.util.Optional<Oracle> oracle) throws IOException {
        int maxModelLen = (int) Math.min(limits.model().architecture().maxPositionEmbeddings(),
                limits.engineConfig().kvCapacityTokens());
        SimOpenAiHandler handler = new SimOpenAiHandler(backend, new PromptEncoder(imageTokens, answers), servedModelName,
                maxModelLen, maxWaiting, faults, oracle.orElse(null));
        try {
            return new SimServer(StreamingHttpServer.start(host, port, handler, 0), handler, servedModelName);
        } catch (IOException | RuntimeException e) {
            handler.close();
            throw e;
        }
    }

    public URI baseUri() {
        return http.baseUri();
    }

    public String modelName() {
        return modelName;
    }

    @Override
    public void close() {
        http.close();
        handler.close();
    }
}
