package dev.sieve.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A proxy under test as a child process (Sieve from this jar's class path, or a peer such as mitmdump or Squid),
 * so that its CPU time and memory can be read from {@code /proc} apart from the load generator's; helper
 * processes it starts (Squid's certificate generators) are counted with it. Stops with the harness.
 */
final class ProxyProcess implements AutoCloseable {

    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private static final int START_SECONDS = 180;

    private final Process process;
    private final InetSocketAddress address;
    private final Path caCertificate;

    private ProxyProcess(Process process, InetSocketAddress address, Path caCertificate) {
        this.process = process;
        this.address = address;
        this.caCertificate = caCertificate;
    }

    /**
     * Starts {@code command} (a peer proxy listening on 127.0.0.1:{@code port}) in {@code dir} with {@code env}
     * added to its environment, and waits until the port accepts connections and {@code caCertificate} exists.
     *
     * @throws IOException if it does not start within 30 s, naming its last output
     */
    static ProxyProcess startPeer(String name, List<String> command, Map<String, String> env, Path dir, int port,
            Path caCertificate) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        StringBuffer seen = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    System.err.println("[" + name + "] " + line);
                }
            } catch (IOException e) {
                // the process ended; nothing more to read
            }
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (Files.isRegularFile(caCertificate) && accepts(address)) {
                return new ProxyProcess(process, address, caCertificate);
            }
            Thread.sleep(100);
        }
        ProxyProcess failed = new ProxyProcess(process, address, caCertificate);
        failed.close();
        throw new IOException(name + ": did not listen on " + port + " within 30 s (expected: a running proxy and "
                + caCertificate + "); exit " + (process.isAlive() ? "none" : process.exitValue()) + ", output:\n"
                + seen);
    }

    private static boolean accepts(InetSocketAddress address) {
        try (Socket probe = new Socket()) {
            probe.connect(address, 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that was free a moment ago on 127.0.0.1, for a peer that must be told its port up front. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Starts Sieve with {@code yaml} (written to {@code dir/sieve.yaml}) and waits for its "listening" line.
     *
     * @throws IOException if it does not start within 180 s, naming its last output
     */
    static ProxyProcess startSieve(Path dir, String yaml, List<String> jvmArgs) throws IOException, InterruptedException {
        return startSieve(dir, yaml, jvmArgs, null, null);
    }

    /**
     * Starts Sieve with {@code yaml} (written to {@code dir/sieve.yaml}) and waits for its "listening" line.
     *
     * @param jar the runnable jar to start with {@code java -jar}, or null for Sieve's classes on this JVM's class
     *            path
     * @param log a file that receives all of Sieve's output, or null for this process's stderr (once started)
     * @throws IOException if it does not start within 180 s, naming its last output
     */
    static ProxyProcess startSieve(Path dir, String yaml, List<String> jvmArgs, Path jar, Path log)
            throws IOException, InterruptedException {
        Path config = dir.resolve("sieve.yaml");
        Files.writeString(config, yaml, StandardCharsets.UTF_8);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(jvmArgs);
        command.addAll(jar != null ? List.of("-jar", jar.toString())
                : List.of("-cp", System.getProperty("java.class.path"), "dev.sieve.proxy.cli.SieveCli"));
        command.addAll(List.of("run", "-c", config.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(1024);
        AtomicBoolean started = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            PrintStream file = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                if (log != null) {
                    file = new PrintStream(Files.newOutputStream(log, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND), true, StandardCharsets.UTF_8);
                }
                for (String line; (line = r.readLine()) != null; ) {
                    if (file != null) {
                        file.println(line);
                    }
                    if (!started.get()) {
                        lines.offer(line);
                    } else if (file == null) {
                        System.err.println("[sieve] " + line);
                    }
                }
            } catch (IOException e) {
                // the process ended; nothing more to read
            } finally {
                if (file != null) {
                    file.close();
                }
            }
        }, "sieve-output");
        reader.setDaemon(true);
        reader.start();
        String url = null;
        Path ca = null;
        StringBuilder seen = new StringBuilder();
        // The rule pack compiles in about 10 s; on two cores shared with other builds it took over a minute.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while ((url == null || ca == null) && System.nanoTime() < deadline && process.isAlive()) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            seen.append(line).append('\n');
            if (line.startsWith("Sieve is listening on http://")) {
                url = line.substring("Sieve is listening on http://".length()).trim();
            } else if (line.startsWith("CA certificate: ")) {
                ca = Path.of(line.substring("CA certificate: ".length()).split("  ")[0].trim());
            }
        }
        if (url == null || ca == null) {
            process.destroyForcibly();
            throw new IOException("sieve: did not start within " + START_SECONDS
                    + " s (expected: a 'Sieve is listening' line); output:\n" + seen);
        }
        started.set(true);
        int colon = url.lastIndexOf(':');
        return new ProxyProcess(process, new InetSocketAddress(url.substring(0, colon),
                Integer.parseInt(url.substring(colon + 1))), ca);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    InetSocketAddress address() {
        return address;
    }

    Path caCertificate() {
        return caCertificate;
    }

    /**
     * CPU seconds (user + system) the process and its live descendants have used so far, plus what its exited
     * and reaped children used.
     */
    double cpuSeconds() {
        long ticks = 0;
        for (long pid : pids()) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                        + Long.parseLong(fields[14]);
            } catch (IOException e) {
                // the process exited between listing and reading; its time is in its parent's child counters
            }
        }
        return (double) ticks / CLOCK_TICKS_PER_SECOND;
    }

    /**
     * Resident set size now ({@code VmRSS}) and at its peak ({@code VmHWM}), in MiB, summed over the process and
     * its live descendants (the sum of peaks can exceed the peak of the sum).
     */
    double[] memoryMiB() {
        double rss = 0;
        double peak = 0;
        for (long pid : pids()) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rss += kib(line) / 1024.0;
                    } else if (line.startsWith("VmHWM:")) {
                        peak += kib(line) / 1024.0;
                    }
                }
            } catch (IOException e) {
                // the process exited between listing and reading
            }
        }
        return new double[] {rss, peak};
    }

    private List<Long> pids() {
        List<Long> pids = new java.util.ArrayList<>(List.of(process.pid()));
        process.descendants().forEach(p -> pids.add(p.pid()));
        return pids;
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    @Override
    public void close() {
        List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        helpers.forEach(ProcessHandle::destroyForcibly);
    }
}
