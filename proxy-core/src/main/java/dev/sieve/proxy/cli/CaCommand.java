package dev.sieve.proxy.cli;

import dev.sieve.certs.CertificateAuthority;
import dev.sieve.certs.TrustBundle;
import dev.sieve.proxy.Components;
import dev.sieve.proxy.config.SieveConfig;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ca", mixinStandardHelpOptions = true,
        description = "Manage Sieve's certificate authority (the CA agents must trust).",
        subcommands = {CaCommand.Init.class, CaCommand.Show.class, CaCommand.Export.class, CaCommand.Env.class})
final class CaCommand {

    /** What every {@code ca} subcommand shares: the config option, and the CA it names. */
    abstract static class CaSubcommand implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        @Override
        public final Integer call() throws Exception {
            SieveConfig cfg = config.load();
            CertificateAuthority ca = Components.certificateAuthority(cfg, Clock.systemUTC());
            PrintWriter out = spec.commandLine().getOut();
            run(cfg, ca, out);
            out.flush();
            return 0;
        }

        abstract void run(SieveConfig cfg, CertificateAuthority ca, PrintWriter out) throws Exception;
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Create the CA if it does not exist yet; never overwrites one.",
                "It goes under <dataDir>/ca: ca.crt, and ca.key readable by its owner only."})
    static final class Init extends CaSubcommand {
        @Override
        void run(SieveConfig cfg, CertificateAuthority ca, PrintWriter out) {
            out.println((ca.created() ? "Created " : "Already present: ")
                    + ca.certificateFile().map(Object::toString).orElse("(configured)"));
            out.println("SHA-256 fingerprint: " + ca.sha256Fingerprint());
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the CA's subject, validity and fingerprint.")
    static final class Show extends CaSubcommand {
        @Override
        void run(SieveConfig cfg, CertificateAuthority ca, PrintWriter out) {
            X509Certificate c = ca.certificate();
            out.println("File:        " + ca.certificateFile().map(Object::toString).orElse("(configured)"));
            out.println("Subject:     " + c.getSubjectX500Principal().getName());
            out.println("Key:         " + c.getPublicKey().getAlgorithm());
            out.println("Not before:  " + c.getNotBefore().toInstant());
            out.println("Not after:   " + c.getNotAfter().toInstant());
            out.println("SHA-256:     " + ca.sha256Fingerprint());
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Print the CA certificate (PEM) to stdout.")
    static final class Export extends CaSubcommand {
        @Override
        void run(SieveConfig cfg, CertificateAuthority ca, PrintWriter out) {
            out.print(ca.certificatePem());
        }
    }

    @Command(name = "env", mixinStandardHelpOptions = true,
            description = {"Print the shell variables that make agents use Sieve and trust its CA.",
                "HTTPS_PROXY/HTTP_PROXY/NO_PROXY, NODE_USE_ENV_PROXY, and bundles of the system CAs plus Sieve's "
                    + "for curl (CURL_CA_BUNDLE), Python (REQUESTS_CA_BUNDLE, SSL_CERT_FILE), boto3 "
                    + "(AWS_CA_BUNDLE), Node (NODE_EXTRA_CA_CERTS), git (GIT_SSL_CAINFO) and Java "
                    + "(JAVA_TOOL_OPTIONS trust store).",
                "The bundles are written under <dataDir>/ca. With --cert-only or --cert only the CA certificate "
                    + "is read: no key is needed and no CA is created (for agents' machines and pods).",
                "Load them with eval \"$(sieve ca env)\" (bash, zsh), sieve ca env --shell fish | source, or "
                    + "sieve ca env --shell powershell | Invoke-Expression."})
    static final class Env implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        @Option(names = "--shell", defaultValue = "bash", paramLabel = "bash|fish|powershell",
                description = "Output syntax: bash (also zsh and sh), fish or powershell.")
        AgentEnvironment.Shell shell;

        @Option(names = "--cert-only", description = "Read only the CA certificate (ca.certFile, else "
                + "<dataDir>/ca/ca.crt), never the key, and never create a CA.")
        boolean certOnly;

        @Option(names = "--cert", paramLabel = "FILE",
                description = "The CA certificate (PEM) agents must trust; implies --cert-only.")
        Path cert;

        @Option(names = "--proxy", paramLabel = "URL",
                description = "Where agents reach Sieve, http://HOST:PORT (default: from proxy.listen).")
        String proxy;

        @Override
        public Integer call() throws Exception {
            AgentEnvironment.ProxyUrl proxyUrl = proxy == null ? null : AgentEnvironment.ProxyUrl.parse("--proxy", proxy);
            SieveConfig cfg = config.load();
            if (proxyUrl == null) {
                InetSocketAddress listen = cfg.proxy().listen().toSocketAddress();
                String host = listen.getAddress() != null && listen.getAddress().isAnyLocalAddress()
                        ? "127.0.0.1" : listen.getHostString();
                proxyUrl = new AgentEnvironment.ProxyUrl(host, listen.getPort());
            }
            Path dir = Components.caDir(cfg);
            X509Certificate caCertificate;
            Path caPem;
            if (certOnly || cert != null) {
                caPem = cert != null ? cert : cfg.ca().certFile().orElse(dir.resolve(CertificateAuthority.CERT_FILE));
                if (!Files.isRegularFile(caPem)) {
                    throw new NoSuchFileException(caPem.toString(), null, "no CA certificate here (expected: the CA "
                            + "certificate agents trust; run 'sieve ca init' where the CA is kept, or pass --cert FILE)");
                }
                caCertificate = CertificateAuthority.loadCertificate(caPem, Clock.systemUTC());
            } else {
                CertificateAuthority ca = Components.certificateAuthority(cfg, Clock.systemUTC());
                caCertificate = ca.certificate();
                caPem = ca.certificateFile().orElse(null);
            }
            createPrivateDirectories(dir);
            Path bundle = TrustBundle.writeCombinedBundle(caCertificate, dir.resolve("bundle.pem"));
            Path trustStore = writeTrustStore(bundle, dir.resolve("truststore.p12"));
            Map<String, String> vars = AgentEnvironment.variables(proxyUrl, bundle, caPem == null ? bundle : caPem,
                    trustStore);
            PrintWriter out = spec.commandLine().getOut();
            AgentEnvironment.render(shell, vars).forEach(out::println);
            out.flush();
            return 0;
        }

        /** Like the CA's own directory: mode 0700 where POSIX modes exist (an existing directory is left as is). */
        private static void createPrivateDirectories(Path dir) throws java.io.IOException {
            if (Files.isDirectory(dir)) {
                return;
            }
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }

        /** A PKCS#12 trust store with the same anchors as the bundle (Java 17 cannot read PEM trust stores). */
        static Path writeTrustStore(Path bundle, Path target) throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int n = 0;
            try (var in = Files.newInputStream(bundle)) {
                for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    ks.setCertificateEntry("ca-" + n++, cert);
                }
            }
            Path tmp = Files.createTempFile(target.getParent(), "truststore", ".tmp");
            try (var out = Files.newOutputStream(tmp)) {
                ks.store(out, "changeit".toCharArray());
            }
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return target;
        }
    }
}
