package dev.servebench.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a load worker is told of the coordinator's flags: every workload and endpoint flag as typed (so the
 * worker's benchmark config is the coordinator's), never the key, the target or the coordinator's own flags.
 */
class ForwardedFlagsTest {

    private static BenchCommand parse(List<String> args) {
        BenchCommand bench = new BenchCommand();
        new CommandLine(bench).parseArgs(args.toArray(String[]::new));
        return bench;
    }

    @Test
    void theWorkersConfigIsTheCoordinatorsAndTheKeyTargetAndRunFlagsStayBehind() {
        List<String> given = List.of("--url", "http://10.0.0.1:8000", "--model", "m", "--api-key-env", "KEY",
                "--phases=baseline,scaling", "--scaling", "1,4,16", "--prefix-groups", "4", "--prefix-tokens", "64",
                "--ignore-eos", "--input-tokens", "128", "--output-tokens", "64", "--image-url", "http://a/1.png",
                "--image-url", "http://a/2.png", "--images", "2", "--seed", "7", "--turns", "3", "--think-time", "1s",
                "--no-stream", "--timeout", "90s", "--tokenizer", "estimate", "--out", "/tmp/x", "--workers", "4",
                "--no-db", "--quiet");
        BenchCommand coordinator = new BenchCommand();
        CommandLine cli = new CommandLine(coordinator);
        cli.parseArgs(given.toArray(String[]::new));
        List<String> forwarded = ForwardedFlags.of(cli.getCommandSpec(), "target", "workload");

        assertThat(forwarded).doesNotContain("--url", "--model", "--api-key-env", "KEY", "--out", "--workers", "--no-db",
                "--quiet").contains("--ignore-eos", "--no-stream");
        BenchCommand worker = parse(forwarded);
        assertThat(worker.workload.buildConfig()).isEqualTo(coordinator.workload.buildConfig());
        assertThat(worker.target.noStream).isTrue();
        assertThat(worker.target.requestTimeout).isEqualTo(coordinator.target.requestTimeout);
        assertThat(worker.target.tokenizer).isEqualTo(coordinator.target.tokenizer);
    }

    @Test
    void aRunWithoutSeedDrawsOneAndItsWorkersAreToldIt() {
        BenchCommand coordinator = new BenchCommand();
        CommandLine cli = new CommandLine(coordinator);
        cli.parseArgs("--url", "http://10.0.0.1:8000", "--model", "m", "--scaling", "4", "--workers", "2");
        var config = coordinator.workload.buildConfig();
        List<String> forwarded = ForwardedFlags.with(ForwardedFlags.of(cli.getCommandSpec(), "target", "workload"),
                "--seed", Long.toString(config.seed()));
        BenchCommand worker = parse(forwarded);
        // The worker builds the coordinator's config as LoadWorkers has it do: the run's seed, given.
        assertThat(worker.workload.configBuilder().build().seed()).isEqualTo(config.seed());
        // And a seed the user gave is replaced, not doubled.
        assertThat(ForwardedFlags.with(List.of("--seed", "7", "--scaling", "4"), "--seed", "9"))
                .containsExactly("--scaling", "4", "--seed", "9");
    }
}
