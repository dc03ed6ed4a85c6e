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
