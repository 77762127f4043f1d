package dev.servebench.run;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A local worker process's arguments, exactly as distributed.LocalWorkers gives them. */
class WorkerMainTest {

    @Test
    void takesWhatLocalWorkersGive() {
        WorkerRun.Options options = WorkerMain.parse(new String[]{"--coordinator", "127.0.0.1:40123", "--index", "3",
                "--out", "/tmp/run/workers/worker-3"});
        assertThat(options.coordinatorHost()).isEqualTo("127.0.0.1");
        assertThat(options.coordinatorPort()).isEqualTo(40123);
        assertThat(options.index()).isEqualTo(3);
        assertThat(options.ownFolder()).isEqualTo(Optional.of(Path.of("/tmp/run/workers/worker-3")));
    }

    @Test
    void refusesWhatItCannotUseNamingIt() {
        assertThatThrownBy(() -> WorkerMain.parse(new String[]{"--index", "1"}))
                .hasMessageContaining("--coordinator HOST:PORT");
        assertThatThrownBy(() -> WorkerMain.parse(new String[]{"--coordinator", "nohost", "--index", "1"}))
                .hasMessageContaining("nohost is not HOST:PORT");
        assertThatThrownBy(() -> WorkerMain.parse(new String[]{"--coordinator", "h:1", "--index", "1", "--seed", "2"}))
                .hasMessageContaining("unknown argument --seed");
    }
}
