package dev.sieve.proxy.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code rsyslogd} (the Debian packages rsyslog and rsyslog-gnutls; {@code .ci/run} installs them) listening
 * with imtcp on a free loopback port, plain TCP or TLS (gtls driver, server certificate from PEM files), writing every
 * received message to a file as {@code MSGID|APP-NAME|FACILITY|SEVERITY|MSG}, one line each. Its config, work
 * directory, pid file and output live in a temporary folder; nothing touches the system's syslog. {@link #stop()}
 * and {@link #start()} take it down and bring it back on the same port.
 */
public final class RsyslogServer implements AutoCloseable {
    public static final String EXECUTABLE = "/usr/sbin/rsyslogd";

    private final Path dir;
    private final int port;
    private final Path output;
    private Process process;

    private RsyslogServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
        this.output = dir.resolve("received.log");
    }

    /** Whether rsyslogd is installed (tests skip with a message when not). */
    public static boolean installed() {
        return Files.isExecutable(Path.of(EXECUTABLE));
    }

    /** A plain TCP listener. */
    public static RsyslogServer tcp(Path dir) throws Exception {
        return start(dir, null);
    }

    /**
     * A TLS listener presenting {@code certPem} (chain) with {@code keyPem}; {@code caPem} is the CA rsyslog
     * knows (clients are not asked for certificates: anonymous client auth mode).
     */
    public static RsyslogServer tls(Path dir, Path caPem, Path certPem, Path keyPem) throws Exception {
        return start(dir, new Path[] {caPem, certPem, keyPem});
    }

    private static RsyslogServer start(Path dir, Path[] tls) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.createDirectories(dir);
        RsyslogServer server = new RsyslogServer(dir, port);
        String input = tls == null
                ? "module(load=\"imtcp\")\n"
                : "global(DefaultNetstreamDriverCAFile=\"" + tls[0] + "\" DefaultNetstreamDriverCertFile=\"" + tls[1]
                        + "\" DefaultNetstreamDriverKeyFile=\"" + tls[2] + "\")\n"
                        + "module(load=\"imtcp\" StreamDriver.Name=\"gtls\" StreamDriver.Mode=\"1\""
                        + " StreamDriver.AuthMode=\"anon\")\n";
        Files.writeString(dir.resolve("rsyslog.conf"), ""
                + "global(workDirectory=\"" + dir + "\" maxMessageSize=\"256k\")\n"
                + input
                + "input(type=\"imtcp\" port=\"" + port + "\" address=\"127.0.0.1\" ruleset=\"sieve\")\n"
                + "template(name=\"line\" type=\"string\""
                + " string=\"%msgid%|%app-name%|%syslogfacility%|%syslogseverity%|%msg%\\n\")\n"
                + "ruleset(name=\"sieve\") { action(type=\"omfile\" file=\"" + server.output + "\" template=\"line\") }\n");
        server.start();
        return server;
    }

    /** (Re)starts rsyslogd on its port; returns once it accepts connections. */
    public synchronized void start() throws Exception {
        if (process != null && process.isAlive()) {
            return;
        }
        Files.deleteIfExists(dir.resolve("rsyslogd.pid"));
        process = new ProcessBuilder(EXECUTABLE, "-n", "-f", dir.resolve("rsyslog.conf").toString(), "-i",
                dir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("rsyslogd.out").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("rsyslogd exited: " + Files.readString(dir.resolve("rsyslogd.out")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        process.destroyForcibly().waitFor();
        process = null;
        throw new IllegalStateException("rsyslogd did not listen within 10 s: "
                + Files.readString(dir.resolve("rsyslogd.out")));
    }

    /** Stops rsyslogd (SIGTERM; it closes its connections). */
    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    public int port() {
        return port;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Every received message so far, as {@code MSGID|APP-NAME|FACILITY|SEVERITY|MSG}. */
    public List<String> received() throws IOException {
        return Files.exists(output) ? Files.readAllLines(output, StandardCharsets.UTF_8) : new ArrayList<>();
    }

    /** The messages' MSG parts. */
    public List<String> messages() throws IOException {
        return received().stream().map(l -> l.split("\\|", 5)[4]).toList();
    }

    /** Waits until at least {@code count} messages arrived; returns them all. */
    public List<String> awaitMessages(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<String> got = messages();
        while (got.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(25);
            got = messages();
        }
        if (got.size() < count) {
            throw new AssertionError("rsyslog received " + got.size() + " of " + count + " messages: " + got
                    + "; rsyslogd said: " + Files.readString(dir.resolve("rsyslogd.out")));
        }
        return got;
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
