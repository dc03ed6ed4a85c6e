package dev.sieve.bench.load;

import dev.sieve.certs.CertificateAuthority;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The proxies a user would pick instead of Sieve, started as child processes when installed: mitmproxy
 * ({@code mitmdump}, TLS interception, optionally with {@code bench/peers/dlp_addon.py}) and Squid with ssl-bump
 * (interception, no DLP) or as a plain CONNECT tunnel (the yardstick for passthrough). Each gets a fresh configuration directory under the harness's temporary directory, its
 * own interception CA, trust for the fake endpoints' CA, and the same name-to-127.0.0.1 mapping Sieve gets from
 * {@code upstream.resolve} (mitmproxy: {@code bench/peers/resolve_addon.py}; Squid: {@code hosts_file}), so that
 * the client asks every route for the same names and verifies the same way.
 */
final class Peers {

    private static final String ADDONS = "/dev/sieve/bench/load/peers/";
    /** The account Debian's Squid drops to when started as root (its compiled-in default). */
    private static final String SQUID_USER = "proxy";
    private static final List<String> SEARCH = List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin");

    private Peers() {
    }

    /** The executable {@code name} on {@code PATH} or in the usual system folders, if installed. */
    static Optional<Path> find(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(SEARCH);
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * Starts {@code mitmdump} on a free port with its CA in {@code dir/confdir}, with or without the DLP addon.
     *
     * @param upstreamCaPem the fake endpoints' CA, trusted for upstream connections
     * @param resolve       host name to IP address for upstream connections
     */
    static ProxyProcess mitmproxy(Path mitmdump, Path dir, Path upstreamCaPem, Map<String, String> resolve,
            boolean dlp) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path confdir = Files.createDirectories(dir.resolve("confdir"));
        int port = ProxyProcess.freePort();
        List<String> command = new ArrayList<>(List.of(mitmdump.toString(), "-q",
                "--listen-host", "127.0.0.1", "--listen-port", Integer.toString(port),
                "--set", "confdir=" + confdir,
                "--set", "ssl_verify_upstream_trusted_ca=" + upstreamCaPem,
                "-s", copyAddon("resolve_addon.py", dir).toString()));
        if (dlp) {
            command.addAll(List.of("-s", copyAddon("dlp_addon.py", dir).toString()));
        }
        return ProxyProcess.startPeer(dlp ? "mitmproxy-dlp" : "mitmproxy", command,
                Map.of("SIEVE_BENCH_RESOLVE", joinResolve(resolve)), dir, port,
                confdir.resolve("mitmproxy-ca-cert.pem"));
    }

    /**
     * Starts Squid in the foreground ({@code -N}, service name {@code sievebenchPORT} so that its shared memory
     * segments cannot collide with another Squid's) on a free port, no cache and no access log. With {@code bump}
     * ({@code squid-bump}): ssl-bump of every CONNECT with a fresh RSA CA and certificate database in {@code dir}.
     * Without ({@code squid-connect}): a plain CONNECT tunnel, the yardstick for Sieve's passthrough; the client then
     * trusts the endpoint's own CA, which is what the returned process names as its CA certificate.
     *
     * @param upstreamCaPem the fake endpoints' CA, trusted for upstream connections
     * @param resolve       host name to IP address, written as Squid's {@code hosts_file}
     */
    static ProxyProcess squid(Path squid, Path dir, Path upstreamCaPem, Map<String, String> resolve, boolean bump)
            throws IOException, InterruptedException, GeneralSecurityException {
        Files.createDirectories(dir);
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, resolve.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining("\n", "", "\n")), StandardCharsets.US_ASCII);
        Path trusted = Files.copy(upstreamCaPem, dir.resolve("upstream-ca.pem"));
        int port = ProxyProcess.freePort();
        Path caCert = trusted;
        String listen = "http_port 127.0.0.1:" + port;
        if (bump) {
            CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), Clock.systemUTC(),
                    CertificateAuthority.KeyType.RSA_3072);
            caCert = ca.certificateFile().orElseThrow();
            Path caKey = caCert.resolveSibling(CertificateAuthority.KEY_FILE);
            Path certgen = squid.resolveSibling("../lib/squid/security_file_certgen").normalize();
            Path sslDb = dir.resolve("ssl_db");
            run(List.of(certgen.toString(), "-c", "-s", sslDb.toString(), "-M", "16MB"), dir);
            listen += """
                     ssl-bump tls-cert=%s tls-key=%s generate-host-certificates=on \
                    dynamic_cert_mem_cache_size=16MB
                    sslcrtd_program %s -s %s -M 16MB
                    sslcrtd_children 4 startup=1 idle=1
                    acl step1 at_step SslBump1
                    ssl_bump peek step1
                    ssl_bump bump all""".formatted(caCert, caKey, certgen, sslDb);
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path conf = dir.resolve("squid.conf");
        Files.writeString(conf, """
                %s
                tls_outgoing_options cafile=%s
                hosts_file %s
                http_access allow all
                cache deny all
                cache_mem 8 MB
                access_log none
                cache_log %s
                pid_filename %s
                coredump_dir %s
                shutdown_lifetime 1 seconds
                pinger_enable off
                %s
                """.formatted(listen, trusted, hosts, dir.resolve("cache.log"),
                dir.resolve("squid.pid"), dir, root ? "cache_effective_user " + SQUID_USER : ""),
                StandardCharsets.US_ASCII);
        if (root) {
            handOver(dir, SQUID_USER);
        }
        return ProxyProcess.startPeer(bump ? "squid-bump" : "squid-connect", List.of(squid.toString(), "-N", "-d",
                "1", "-n", "sievebench" + port, "-f", conf.toString()), Map.of(), dir, port, caCert);
    }

    /**
     * Squid refuses to run as root and drops to {@code user}: give it {@code dir} (its files only; nothing else of
     * the harness) and let it traverse the harness's temporary directory above.
     */
    private static void handOver(Path dir, String user) throws IOException {
        UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        try (var files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.setOwner(p, owner);
            }
        }
        Path parent = dir.getParent();
        Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(parent));
        permissions.addAll(EnumSet.of(PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
        Files.setPosixFilePermissions(parent, permissions);
    }

    private static String joinResolve(Map<String, String> resolve) {
        return resolve.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    private static Path copyAddon(String name, Path dir) throws IOException {
        try (InputStream in = Peers.class.getResourceAsStream(ADDONS + name)) {
            if (in == null) {
                throw new IOException("addon: " + ADDONS + name + " missing from the class path (expected: bench/peers/"
                        + name + " packaged by the bench pom)");
            }
            Path target = dir.resolve(name);
            Files.copy(in, target);
            return target;
        }
    }

    private static void run(List<String> command, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(command.get(0) + ": failed (expected: exit 0); output:\n" + output);
        }
    }
}
