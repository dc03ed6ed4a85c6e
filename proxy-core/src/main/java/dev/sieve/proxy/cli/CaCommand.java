package dev.sieve.proxy.cli;

import dev.sieve.certs.CertificateAuthority;
import dev.sieve.certs.TrustBundle;
import dev.sieve.proxy.Components;
import dev.sieve.proxy.config.SieveConfig;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.LinkedHashMap;
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

    enum Shell { BASH, FISH, POWERSHELL }

    @Command(name = "env", mixinStandardHelpOptions = true,
            description = {"Print the shell variables that make agents use Sieve and trust its CA.",
                "HTTPS_PROXY/HTTP_PROXY/NO_PROXY, NODE_USE_ENV_PROXY, and bundles of the system CAs plus Sieve's "
                    + "for curl (CURL_CA_BUNDLE), Python (REQUESTS_CA_BUNDLE, SSL_CERT_FILE), boto3 "
                    + "(AWS_CA_BUNDLE), Node (NODE_EXTRA_CA_CERTS), git (GIT_SSL_CAINFO) and Java "
                    + "(JAVA_TOOL_OPTIONS trust store).",
                "Load them with eval \"$(sieve ca env)\" (bash, zsh), sieve ca env --shell fish | source, or "
                    + "sieve ca env --shell powershell | Invoke-Expression."})
    static final class Env extends CaSubcommand {
        @Option(names = "--shell", defaultValue = "bash", description = "bash (also zsh/sh), fish or powershell.")
        Shell shell;

        @Override
        void run(SieveConfig cfg, CertificateAuthority ca, PrintWriter out) throws Exception {
            Path dir = Components.caDir(cfg);
            Files.createDirectories(dir);
            Path bundle = TrustBundle.writeCombinedBundle(ca, dir.resolve("bundle.pem"));
            Path trustStore = writeTrustStore(bundle, dir.resolve("truststore.p12"));
            Path caPem = ca.certificateFile().orElse(bundle);
            InetSocketAddress listen = cfg.proxy().listen().toSocketAddress();
            String host = listen.getAddress() != null && listen.getAddress().isAnyLocalAddress()
                    ? "127.0.0.1" : listen.getHostString();
            String proxy = "http://" + host + ":" + listen.getPort();
            Map<String, String> vars = new LinkedHashMap<>();
            vars.put("HTTPS_PROXY", proxy);
            vars.put("HTTP_PROXY", proxy);
            vars.put("https_proxy", proxy);
            vars.put("http_proxy", proxy);
            vars.put("NO_PROXY", "localhost,127.0.0.1,::1");
            vars.put("no_proxy", "localhost,127.0.0.1,::1");
            vars.put("CURL_CA_BUNDLE", bundle.toString());
            vars.put("REQUESTS_CA_BUNDLE", bundle.toString());
            vars.put("SSL_CERT_FILE", bundle.toString());
            vars.put("GIT_SSL_CAINFO", bundle.toString());
            vars.put("NODE_EXTRA_CA_CERTS", caPem.toString());
            vars.put("JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=" + trustStore
                    + " -Djavax.net.ssl.trustStorePassword=changeit -Djavax.net.ssl.trustStoreType=PKCS12"
                    + " -Dhttps.proxyHost=" + host + " -Dhttps.proxyPort=" + listen.getPort()
                    + " -Dhttp.proxyHost=" + host + " -Dhttp.proxyPort=" + listen.getPort()
                    + " -Dhttp.nonProxyHosts=localhost|127.0.0.1");
            for (var e : vars.entrySet()) {
                out.println(switch (shell) {
                    case BASH -> "export " + e.getKey() + "=" + bashQuote(e.getValue());
                    case FISH -> "set -gx " + e.getKey() + " " + bashQuote(e.getValue());
                    case POWERSHELL -> "$env:" + e.getKey() + " = '" + e.getValue().replace("'", "''") + "'";
                });
            }
        }

        static String bashQuote(String s) {
            return "'" + s.replace("'", "'\\''") + "'";
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
