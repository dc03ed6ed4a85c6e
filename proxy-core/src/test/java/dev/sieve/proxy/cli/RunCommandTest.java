package dev.sieve.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sieve run} with a listener address it cannot have: it must say which key and address, exit non-zero, and
 * do so before it creates a CA or compiles rules (which took about 20 s before the bind failed).
 */
class RunCommandTest {
    /** Far longer than a failed check takes; only there so that a wrongly successful start cannot hang the build. */
    private static final Duration GUARD = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    private CliRun run(String proxyListen, String adminListen) throws Exception {
        Path config = CliRun.write(tmp, "sieve.yaml", "dataDir: " + tmp.resolve("data") + "\n"
                + "proxy: { listen: " + proxyListen + " }\nadmin: { listen: " + adminListen + " }\n");
        return assertTimeoutPreemptively(GUARD, () -> CliRun.run("run", "--config", config.toString()));
    }

    @Test
    void proxyPortInUseNamesTheKeyAndAddressBeforeAnythingElseStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            String address = "127.0.0.1:" + taken.getLocalPort();

            CliRun r = run(address, "127.0.0.1:0");

            assertThat(r.exit()).isNotZero();
            assertThat(r.err()).contains("proxy.listen " + address + ": address already in use");
            assertThat(tmp.resolve("data")).as("no CA, audit key or log was created").doesNotExist();
        }
    }

    @Test
    void adminPortInUseNamesTheKeyAndAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            String address = "127.0.0.1:" + taken.getLocalPort();

            CliRun r = run("127.0.0.1:0", address);

            assertThat(r.exit()).isNotZero();
            assertThat(r.err()).contains("admin.listen " + address + ": address already in use");
            assertThat(tmp.resolve("data")).doesNotExist();
        }
    }

    @Test
    void proxyAndAdminOnTheSameAddressIsRefused() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }

        CliRun r = run("127.0.0.1:" + port, "127.0.0.1:" + port);

        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("admin.listen 127.0.0.1:" + port + ": the same address as proxy.listen");
        assertThat(tmp.resolve("data")).doesNotExist();
    }
}
