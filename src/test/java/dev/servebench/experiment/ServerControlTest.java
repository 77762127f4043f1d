package dev.servebench.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerControlTest {
    @TempDir
    Path dir;

    @Test
    void aCommandRunsInBashAndItsOutputGoesToTheLog() throws Exception {
        Path log = dir.resolve("commands.log");
        new ShellCommand("echo started; echo $((6 * 7)) > " + dir.resolve("out"), Duration.ofSeconds(30)).run(log);
        assertThat(Files.readString(dir.resolve("out")).strip()).isEqualTo("42");
        assertThat(Files.readString(log)).contains("$ echo started", "started");
    }

    @Test
    void aFailingCommandSaysWhichAndWhy() {
        assertThatThrownBy(() -> new ShellCommand("echo no such container >&2; exit 3", Duration.ofSeconds(30))
                .run(dir.resolve("c.log")))
                .isInstanceOf(ExperimentException.class)
                .hasMessageContaining("exited with status 3")
                .hasMessageContaining("no such container");
    }

    @Test
    void aCommandThatHangsIsKilledAtItsTimeout() {
        assertThatThrownBy(() -> new ShellCommand("exec sleep 30", Duration.ofMillis(300)).run(dir.resolve("c.log")))
                .isInstanceOf(ExperimentException.class)
                .hasMessageContaining("did not finish within 300 ms");
    }

    @Test
    void aBackgroundServerStartedByTheCommandDoesNotBlockIt() throws Exception {
        // The command returns while its child keeps running, as a restart script does.
        new ShellCommand("(sleep 5 &) ; echo $! > /dev/null", Duration.ofSeconds(3)).run(dir.resolve("c.log"));
    }

    @Test
    void readinessTimesOutWithOneClearLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ReadinessProbe probe = new ReadinessProbe(URI.create("http://127.0.0.1:" + port + "/health"),
                Duration.ofMillis(300), Duration.ofMillis(50));
        assertThatThrownBy(probe::await)
                .isInstanceOf(ExperimentException.class)
                .hasMessageStartingWith("server not ready: GET http://127.0.0.1:" + port + "/health did not answer 200 within 300 ms")
                .hasMessageContaining("ConnectException")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void readinessReturnsOnceTheServerAnswers() throws Exception {
        try (var server = dev.servebench.server.InstantOpenAiServer.startLoopback()) {
            ReadinessProbe.of(server.baseUri().resolve("/health"), Duration.ofSeconds(10)).await();
        }
    }
}
