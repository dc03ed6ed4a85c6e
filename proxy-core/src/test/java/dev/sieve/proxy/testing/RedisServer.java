package dev.sieve.proxy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (the Debian package; {@code .ci/run} installs it) on a free loopback port, with its
 * working directory in a temporary folder and no persistence. {@link #stop()} and {@link #start()} take it down and
 * bring it back on the same port, for tests of a fleet whose Redis goes away.
 */
public final class RedisServer implements AutoCloseable {

    private final Path dir;
    private final int port;
    private Process process;

    private RedisServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts a server whose files go to {@code dir}. */
    public static RedisServer start(Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RedisServer server = new RedisServer(Files.createDirectories(dir), port);
        server.start();
        return server;
    }

    /** The executable: on PATH, or where the Debian package puts it. */
    static String executable() {
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "redis-server";
    }

    /** (Re)starts the server on its port; returns once it answers PING. */
    public synchronized void start() throws Exception {
        if (process != null && process.isAlive()) {
            return;
        }
        process = new ProcessBuilder(executable(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--save", "", "--appendonly", "no", "--daemonize", "no",
                "--protected-mode", "yes", "--logfile", dir.resolve("redis.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited: " + Files.readString(dir.resolve("redis.out")));
            }
            if ("+PONG".equals(command("PING"))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("redis-server did not answer within 10 s");
    }

    /** Stops the server (its data is gone: no persistence). */
    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /**
     * Sends one inline command and returns the reply's first line (a bulk string's value), or {@code null} when
     * nothing answers.
     */
    public String command(String inline) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            String line = line(in);
            // A bulk string: its value is on the next line.
            return line.startsWith("$") && !line.equals("$-1") ? line(in) : line;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Sends one inline command whose reply is an array of bulk strings (KEYS, HGETALL) and returns its elements
     * (null elements as {@code null}).
     */
    public List<String> commandList(String inline) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            String head = line(in);
            if (!head.startsWith("*")) {
                throw new IOException("not an array reply: " + head);
            }
            List<String> elements = new java.util.ArrayList<>();
            for (int i = Integer.parseInt(head.substring(1)); i > 0; i--) {
                String length = line(in);
                elements.add(length.equals("$-1") ? null : line(in));
            }
            return elements;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) >= 0 && c != '\r'; ) {
            line.append((char) c);
        }
        in.read(); // '\n'
        return line.toString();
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
