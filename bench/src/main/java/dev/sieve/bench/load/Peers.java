package dev.sieve.bench.load;

import dev.sieve.certs.CertificateAuthority;
import dev.sieve.certs.LeafCertificate;
import dev.sieve.certs.LeafMinter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The proxies a user would pick instead of Sieve, started as child processes when installed: mitmproxy
 * ({@code mitmdump}, TLS interception, optionally with {@code bench/peers/dlp_addon.py}) and Squid with ssl-bump
 * (interception, no DLP) or as a plain CONNECT tunnel (the yardstick for passthrough); and nginx terminating TLS and
 * re-encrypting to the endpoint, without CONNECT or inspection (the ceiling for inspect). Each gets a fresh
 * configuration directory under the harness's temporary directory, its own CA, trust for the fake endpoints' CA, and
 * the same name-to-127.0.0.1 mapping Sieve gets from {@code upstream.resolve} (mitmproxy:
 * {@code bench/peers/resolve_addon.py}; Squid: {@code hosts_file}; nginx: an {@code upstream} block on 127.0.0.1 with
 * {@code proxy_ssl_name}), so that the client asks every route for the same names and verifies the same way.
 */
final class Peers {

    private static final String ADDONS = "/dev/sieve/bench/load/peers/";
    /** The account Debian's Squid drops to when started as root (its compiled-in default). */
    private static final String SQUID_USER = "proxy";
    /** The account nginx's workers run as when it is started as root (Debian's, as in its packaged nginx.conf). */
    private static final String NGINX_USER = "www-data";
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
     * Starts nginx ({@code nginx-ceiling}) on a free port: no CONNECT and no inspection, only what any TLS-terminating
     * proxy must do. It terminates the client's TLS for {@code host} with a leaf from a fresh CA in {@code dir} (the
     * client trusts that CA, as it trusts Sieve's) and re-encrypts to the endpoint at 127.0.0.1:{@code upstreamPort},
     * verifying its certificate for {@code host} against {@code upstreamCaPem}, over HTTP/1.1 with a keep-alive pool.
     * One worker per available core (reuseport, so the kernel spreads connections over them), no access log;
     * configuration, pid, lock and temporary files in {@code dir}; in the foreground ({@code daemon off}), so that it
     * stops with its process like the other peers. Request and response bodies stream through unbuffered, as they do
     * through a tunnel, so the route is a ceiling for every workload, not only small POSTs.
     *
     * @param upstreamCaPem the fake endpoints' CA, trusted for upstream connections
     * @param host          the name the client asks for and the endpoint's certificate is checked against
     */
    static ProxyProcess nginx(Path nginx, Path dir, Path upstreamCaPem, String host, int upstreamPort)
            throws IOException, InterruptedException, GeneralSecurityException {
        Files.createDirectories(dir);
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), Clock.systemUTC());
        LeafCertificate leaf = new LeafMinter(ca, Clock.systemUTC(), Duration.ofDays(1), LeafMinter.KeyType.EC_P256)
                .mint(host);
        Path chain = dir.resolve("leaf.pem");
        Files.writeString(chain, Arrays.stream(leaf.chain()).map(Peers::certificatePem).collect(Collectors.joining()),
                StandardCharsets.US_ASCII);
        Path key = dir.resolve("leaf.key");
        Files.writeString(key, pem("PRIVATE KEY", leaf.key().getEncoded()), StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(key, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        Path trusted = Files.copy(upstreamCaPem, dir.resolve("upstream-ca.pem"));
        int port = ProxyProcess.freePort();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, """
                daemon off;
                worker_processes %d;
                %s
                pid %s;
                lock_file %s;
                error_log stderr warn;
                events {
                    worker_connections 4096;
                }
                http {
                    access_log off;
                    client_body_temp_path %s;
                    proxy_temp_path %s;
                    fastcgi_temp_path %s;
                    uwsgi_temp_path %s;
                    scgi_temp_path %s;
                    client_max_body_size 64m;
                    keepalive_requests 1000000;
                    keepalive_timeout 120s;
                    upstream endpoint {
                        server 127.0.0.1:%d;
                        keepalive 128;
                        keepalive_requests 1000000;
                    }
                    server {
                        listen 127.0.0.1:%d ssl reuseport;
                        ssl_certificate %s;
                        ssl_certificate_key %s;
                        location / {
                            proxy_pass https://endpoint;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host "%s:%d";
                            proxy_ssl_server_name on;
                            proxy_ssl_name %s;
                            proxy_ssl_verify on;
                            proxy_ssl_trusted_certificate %s;
                            proxy_request_buffering off;
                            proxy_buffering off;
                            proxy_read_timeout 60s;
                        }
                    }
                }
                """.formatted(Runtime.getRuntime().availableProcessors(), root ? "user " + NGINX_USER + ";" : "",
                dir.resolve("nginx.pid"), dir.resolve("nginx.lock"), dir.resolve("client_body"),
                dir.resolve("proxy_temp"), dir.resolve("fastcgi_temp"), dir.resolve("uwsgi_temp"),
                dir.resolve("scgi_temp"), upstreamPort, port, chain, key, host, upstreamPort, host, trusted),
                StandardCharsets.US_ASCII);
        if (root) {
            handOver(dir, NGINX_USER);
        }
        return ProxyProcess.startPeer("nginx-ceiling", List.of(nginx.toString(), "-p", dir.toString(), "-c",
                conf.toString(), "-e", "stderr"), Map.of(), dir, port, ca.certificateFile().orElseThrow());
    }

    private static String certificatePem(X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("certificate: " + certificate.getSubjectX500Principal()
                    + " cannot be encoded (expected: a DER-encodable X.509 certificate)", e);
        }
    }

    /** PEM text (RFC 7468) with the JDK's encoder: all nginx needs, no PEM library for two files. */
    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
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
