package dev.servebench.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A real {@code servebench sim} process, started and restarted by a shell script the way a user's
 * {@code --restart-cmd} would restart vLLM: the script stops the previous process (pid file), starts a
 * new one in the background on the same port, and appends the new pid to {@code starts.log}.
 * Readiness is left to the caller (the experiment's {@code --ready-url}).
 */
public final class SimProcess implements AutoCloseable {
    private final Path dir;
    private final int port;

    public SimProcess(Path dir) {
        this.dir = dir;
        this.port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = """
                #!/usr/bin/env bash
                # Restart the simulator: stop the previous one, start a new one with the given sim flags.
                dir='%s'
                if [ -f "$dir/sim.pid" ]; then
                  pid=$(cat "$dir/sim.pid")
                  kill "$pid" 2>/dev/null
                  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
                fi
                nohup '%s' -cp '%s' dev.servebench.cli.Main sim --port %d "$@" >> "$dir/sim.log" 2>&1 < /dev/null &
                echo $! > "$dir/sim.pid"
                echo $! >> "$dir/starts.log"
                """.formatted(dir, java, System.getProperty("java.class.path"), port);
        try {
            Files.createDirectories(dir);
            Files.writeString(restartScript(), script);
            Files.setPosixFilePermissions(restartScript(), PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command that (re)starts the simulator, with extra sim flags appended. */
    public String restartCommand(String simFlags) {
        return restartScript() + (simFlags.isBlank() ? "" : " " + simFlags);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String readyUrl() {
        return baseUrl() + "/health";
    }

    /** The pid of every process the script started, in order. */
    public List<Long> starts() throws IOException {
        Path log = dir.resolve("starts.log");
        return Files.exists(log) ? Files.readAllLines(log).stream().map(String::strip).map(Long::parseLong).toList()
                : List.of();
    }

    private Path restartScript() {
        return dir.resolve("restart-sim.sh");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        for (long pid : starts()) {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroy();
                p.onExit().join();
            });
        }
    }
}
