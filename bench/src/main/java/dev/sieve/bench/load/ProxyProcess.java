package dev.sieve.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sieve as a child process ({@code dev.sieve.proxy.cli.SieveCli run -c FILE} from this jar's class path), so that
 * its CPU time and memory can be read from {@code /proc} apart from the load generator's. Stops with the harness.
 */
final class ProxyProcess implements AutoCloseable {

    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final Process process;
    private final InetSocketAddress address;
    private final Path caCertificate;

    private ProxyProcess(Process process, InetSocketAddress address, Path caCertificate) {
        this.process = process;
        this.address = address;
        this.caCertificate = caCertificate;
    }

    /**
     * Starts Sieve with {@code yaml} (written to {@code dir/sieve.yaml}) and waits for its "listening" line.
     *
     * @throws IOException if it does not start within 60 s, naming its last output
     */
    static ProxyProcess startSieve(Path dir, String yaml, List<String> jvmArgs) throws IOException, InterruptedException {
        Path config = dir.resolve("sieve.yaml");
        Files.writeString(config, yaml, StandardCharsets.UTF_8);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.sieve.proxy.cli.SieveCli", "run",
                "-c", config.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(1024);
        AtomicBoolean started = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (started.get()) {
                        System.err.println("[sieve] " + line);
                    } else {
                        lines.offer(line);
                    }
                }
            } catch (IOException e) {
                // the process ended; nothing more to read
            }
        }, "sieve-output");
        reader.setDaemon(true);
        reader.start();
        String url = null;
        Path ca = null;
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
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
            throw new IOException("sieve: did not start within 60 s (expected: a 'Sieve is listening' line); output:\n"
                    + seen);
        }
        started.set(true);
        int colon = url.lastIndexOf(':');
        return new ProxyProcess(process, new InetSocketAddress(url.substring(0, colon),
                Integer.parseInt(url.substring(colon + 1))), ca);
    }

    InetSocketAddress address() {
        return address;
    }

    Path caCertificate() {
        return caCertificate;
    }

    /** CPU seconds (user + system) the process has used so far. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return (double) ticks / CLOCK_TICKS_PER_SECOND;
    }

    /** Resident set size now ({@code VmRSS}) and at its peak ({@code VmHWM}), in MiB. */
    double[] memoryMiB() throws IOException {
        double rss = 0;
        double peak = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = kib(line) / 1024.0;
            } else if (line.startsWith("VmHWM:")) {
                peak = kib(line) / 1024.0;
            }
        }
        return new double[] {rss, peak};
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
