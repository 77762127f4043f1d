package dev.servebench.cli;

import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.distributed.Message;
import dev.servebench.distributed.WorkerSetup;
import dev.servebench.json.Json;
import dev.servebench.run.BenchRun;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a coordinator tells its load workers is typed: the run's consolidated workload and client settings, sent as
 * JSON, never the user's command line. A worker that builds its configuration from it must get the coordinator's.
 */
class WorkerSetupTest {

    @Test
    void theWorkersConfigIsTheCoordinatorsAndTheKeyAndTargetStayBehind() throws Exception {
        // A key file the coordinator reads; its workers read the key from their own environment, never the wire.
        java.nio.file.Path key = java.nio.file.Files.createTempFile("key", ".txt");
        java.nio.file.Files.writeString(key, "sk-secret-123\n");
        List<String> given = List.of("--url", "http://10.0.0.1:8000", "--model", "m", "--api-key-file", key.toString(),
                "--phases=baseline,scaling", "--scaling", "1,4,16", "--prefix-groups", "4", "--prefix-tokens", "64",
                "--ignore-eos", "--input-tokens", "128", "--output-tokens", "64", "--image-url", "http://a/1.png",
                "--image-url", "http://a/2.png", "--images", "2", "--seed", "7", "--turns", "3", "--think-time", "1s",
                "--no-stream", "--timeout", "90s", "--tokenizer", "estimate", "--out", "/tmp/x", "--workers=4",
                "--no-db", "--quiet");
        BenchCommand coordinator = new BenchCommand();
        new CommandLine(coordinator).parseArgs(given.toArray(String[]::new));
        BenchmarkConfig config = coordinator.workload.buildConfig();
        WorkerSetup setup = BenchRun.workerSetup(coordinator.options(
                BenchRun.Target.server(URI.create("http://10.0.0.1:8000"), "m"), coordinator.workload.consolidated(), config,
                java.util.Optional.empty()));

        // Through the wire as the coordinator sends it.
        String wire = Json.mapper().writeValueAsString(new Message.Setup(setup));
        WorkerSetup told = ((Message.Setup) Json.mapper().readValue(wire, Message.class)).setup();

        assertThat(told.workload().toConfigBuilder().build()).isEqualTo(config);
        assertThat(told.client().stream()).isFalse();
        assertThat(told.client().requestTimeout()).isEqualTo(coordinator.target.requestTimeout);
        assertThat(told.client().tokenizer()).isEqualTo(coordinator.target.tokenizer);
        assertThat(told.apiKeyEnv()).isEqualTo(WorkerSetup.API_KEY_ENV);
        assertThat(wire).doesNotContain("sk-secret-123", key.toString(), "/tmp/x", "workers", "no_db", "quiet");
        java.nio.file.Files.delete(key);
    }

    @Test
    void aRunWithoutSeedDrawsOneAndItsWorkersAreToldIt() {
        BenchCommand coordinator = new BenchCommand();
        new CommandLine(coordinator).parseArgs("--url", "http://10.0.0.1:8000", "--model", "m", "--scaling", "4",
                "--workers=2");
        BenchmarkConfig config = coordinator.workload.buildConfig();
        WorkerSetup setup = BenchRun.workerSetup(coordinator.options(
                BenchRun.Target.server(URI.create("http://10.0.0.1:8000"), "m"), coordinator.workload.consolidated(), config,
                java.util.Optional.empty()));
        BenchmarkConfig workers = setup.workload().toConfigBuilder().build();
        assertThat(workers.seed()).isEqualTo(config.seed());
        // The same configuration; only the seed's origin differs (drawn here, given to them).
        assertThat(workers).isEqualTo(config.withSeed(config.seed(), dev.servebench.bench.SeedOrigin.GIVEN));
    }
}
