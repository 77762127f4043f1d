package dev.servebench.sim.server;

import dev.servebench.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code servebench sim} on a taken port: one line naming the port, the usage exit code, no stack trace. */
class SimCommandPortInUseTest {
    @Test
    void aTakenPortIsNamedInOneLine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();

            int code = Main.execute(new String[]{"sim", "--host", "127.0.0.1", "--port", Integer.toString(port)},
                    new PrintWriter(out, true), new PrintWriter(err, true));

            System.out.println("exit " + code + ", stderr: " + err);
            assertThat(code).isEqualTo(Main.EXIT_USAGE);
            assertThat(err.toString()).isEqualTo("servebench: error: port " + port
                    + " is in use on 127.0.0.1; pick another with --port" + System.lineSeparator());
            assertThat(out.toString()).isEmpty();
        }
    }
}
