package dev.sieve.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaCommandTest {
    @TempDir
    Path tmp;

    private Path config() throws Exception {
        return CliRun.write(tmp, "sieve.yaml", "dataDir: " + tmp.resolve("data") + "\nproxy: { listen: 127.0.0.1:3999 }\n");
    }

    @Test
    void initCreatesOnceThenReportsPresent() throws Exception {
        Path cfg = config();
        CliRun first = CliRun.run("ca", "init", "--config", cfg.toString());
        assertThat(first.exit()).isZero();
        assertThat(first.out()).startsWith("Created ").contains("SHA-256 fingerprint: ");
        CliRun second = CliRun.run("ca", "init", "--config", cfg.toString());
        assertThat(second.out()).startsWith("Already present: ");
        assertThat(fingerprint(second.out())).isEqualTo(fingerprint(first.out()));
    }

    @Test
    void exportPrintsTheCaCertificate() throws Exception {
        CliRun r = CliRun.run("ca", "export", "--config", config().toString());
        assertThat(r.exit()).isZero();
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.US_ASCII)));
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void envPrintsProxyAndTrustVariablesWithACombinedBundle() throws Exception {
        CliRun r = CliRun.run("ca", "env", "--config", config().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("export HTTPS_PROXY='http://127.0.0.1:3999'")
                .contains("export NO_PROXY='localhost,127.0.0.1,::1'")
                .contains("export NODE_EXTRA_CA_CERTS=").contains("export REQUESTS_CA_BUNDLE=")
                .contains("export SSL_CERT_FILE=").contains("export CURL_CA_BUNDLE=").contains("export GIT_SSL_CAINFO=")
                .contains("export JAVA_TOOL_OPTIONS='-Djavax.net.ssl.trustStore=");
        Path bundle = Path.of(value(r.out(), "REQUESTS_CA_BUNDLE"));
        String pem = Files.readString(bundle);
        long certs = pem.lines().filter(l -> l.equals("-----BEGIN CERTIFICATE-----")).count();
        assertThat(certs).as("system anchors plus Sieve's CA").isGreaterThan(1);
        String caPem = CliRun.run("ca", "export", "--config", config().toString()).out().trim();
        assertThat(pem).contains(caPem);
        KeyStore ts = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(bundle.resolveSibling("truststore.p12"))) {
            ts.load(in, "changeit".toCharArray());
        }
        assertThat(ts.size()).isEqualTo((int) certs);
    }

    @Test
    void envForFishAndPowershell() throws Exception {
        assertThat(CliRun.run("ca", "env", "--shell", "fish", "--config", config().toString()).out())
                .contains("set -gx HTTPS_PROXY 'http://127.0.0.1:3999'");
        assertThat(CliRun.run("ca", "env", "--shell", "powershell", "--config", config().toString()).out())
                .contains("$env:HTTPS_PROXY = 'http://127.0.0.1:3999'");
    }

    @Test
    void envMakesNodeUseTheProxyAndBoto3TrustTheBundleInEveryShell() throws Exception {
        // Node ignores HTTPS_PROXY unless NODE_USE_ENV_PROXY=1 (Node >= 22.21 / 24); boto3 (Bedrock) reads
        // AWS_CA_BUNDLE, not REQUESTS_CA_BUNDLE.
        String cfg = config().toString();
        String bash = CliRun.run("ca", "env", "--config", cfg).out();
        String bundle = value(bash, "REQUESTS_CA_BUNDLE");
        assertThat(bash).contains("export NODE_USE_ENV_PROXY='1'").contains("export AWS_CA_BUNDLE='" + bundle + "'");
        assertThat(CliRun.run("ca", "env", "--shell", "fish", "--config", cfg).out())
                .contains("set -gx NODE_USE_ENV_PROXY '1'").contains("set -gx AWS_CA_BUNDLE '" + bundle + "'");
        assertThat(CliRun.run("ca", "env", "--shell", "powershell", "--config", cfg).out())
                .contains("$env:NODE_USE_ENV_PROXY = '1'").contains("$env:AWS_CA_BUNDLE = '" + bundle + "'");
    }

    @Test
    void envCertOnlyNeedsNeitherTheKeyNorCreatesACa() throws Exception {
        Path cfg = config();
        Path caDir = tmp.resolve("data").resolve("ca");
        String caPem = CliRun.run("ca", "export", "--config", cfg.toString()).out().trim();
        Files.delete(caDir.resolve("ca.key"));    // an agent's machine or pod has the certificate only

        CliRun r = CliRun.run("ca", "env", "--cert-only", "--config", cfg.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("export HTTPS_PROXY='http://127.0.0.1:3999'")
                .contains("export NODE_EXTRA_CA_CERTS='" + caDir.resolve("ca.crt") + "'");
        assertThat(Files.readString(Path.of(value(r.out(), "REQUESTS_CA_BUNDLE")))).contains(caPem);
        assertThat(caDir.resolve("ca.key")).doesNotExist();
    }

    @Test
    void envCertOnlyWithoutACertificateFailsAndCreatesNothing() throws Exception {
        Path cfg = config();

        CliRun r = CliRun.run("ca", "env", "--cert-only", "--config", cfg.toString());

        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains(tmp.resolve("data").resolve("ca").resolve("ca.crt").toString())
                .contains("--cert");
        assertThat(tmp.resolve("data").resolve("ca").resolve("ca.key")).doesNotExist();
        assertThat(tmp.resolve("data").resolve("ca").resolve("ca.crt")).doesNotExist();
    }

    @Test
    void envWithACertificateFileAndTheProxyOfAnotherHost() throws Exception {
        // An agent pod: the CA certificate mounted from a ConfigMap, Sieve behind a Service.
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        CliRun.run("ca", "init", "--config", CliRun.write(elsewhere, "sieve.yaml", "dataDir: " + elsewhere + "\n")
                .toString());
        Path cert = Files.copy(elsewhere.resolve("ca").resolve("ca.crt"), tmp.resolve("sieve-ca.pem"));
        Path cfg = config();

        CliRun r = CliRun.run("ca", "env", "--cert", cert.toString(), "--proxy",
                "http://sieve.egress.svc.cluster.local:3128", "--config", cfg.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("export HTTPS_PROXY='http://sieve.egress.svc.cluster.local:3128'")
                .contains("export NODE_EXTRA_CA_CERTS='" + cert + "'")
                .contains("-Dhttps.proxyHost=sieve.egress.svc.cluster.local -Dhttps.proxyPort=3128");
        assertThat(Files.readString(Path.of(value(r.out(), "CURL_CA_BUNDLE")))).contains(Files.readString(cert).trim());
        assertThat(tmp.resolve("data").resolve("ca").resolve("ca.key")).doesNotExist();
        assertThat(tmp.resolve("data").resolve("ca").resolve("ca.crt")).doesNotExist();
    }

    @Test
    void envRefusesACertificateThatIsNotACa() throws Exception {
        Path leaf = tmp.resolve("leaf.pem");
        dev.sieve.certs.CertificateAuthority ca = dev.sieve.certs.CertificateAuthority.loadOrCreate(tmp.resolve("x"),
                java.time.Clock.systemUTC());
        var minted = new dev.sieve.certs.LeafMinter(ca, java.time.Clock.systemUTC()).mint("api.example.com");
        Files.writeString(leaf, "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64,
                "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(minted.leaf().getEncoded())
                + "\n-----END CERTIFICATE-----\n");

        CliRun r = CliRun.run("ca", "env", "--cert", leaf.toString(), "--config", config().toString());

        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains(leaf.toString()).contains("not a CA certificate");
    }

    @Test
    void envRejectsAProxyThatIsNotAnHttpUrlWithAPort() throws Exception {
        CliRun r = CliRun.run("ca", "env", "--proxy", "sieve.egress:3128", "--config", config().toString());

        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--proxy: sieve.egress:3128 (expected: http://HOST:PORT)");
    }

    private static String fingerprint(String out) {
        Matcher m = Pattern.compile("SHA-256 fingerprint: (\\S+)").matcher(out);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String value(String out, String name) {
        Matcher m = Pattern.compile("export " + name + "='([^']*)'").matcher(out);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1);
    }
}
