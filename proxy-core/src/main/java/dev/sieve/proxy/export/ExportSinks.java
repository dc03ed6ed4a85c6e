package dev.sieve.proxy.export;

import dev.sieve.proxy.SieveVersion;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/** Opens the configured export sinks. */
public final class ExportSinks {
    private ExportSinks() {}

    /**
     * One started sink per setting; {@code stdout} is where {@code type: stdout} writes, {@code metrics} gives each
     * sink its counters by name.
     *
     * @throws IOException when a TLS file cannot be read (the message names the file and key)
     */
    public static List<ExportSink> open(List<ExportSettings> settings, OutputStream stdout,
            Function<String, ExportMetrics> metrics) throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(metrics, "metrics");
        OcsfMapper ocsf = new OcsfMapper(SieveVersion.get());
        List<ExportSink> sinks = new ArrayList<>(settings.size());
        try {
            for (ExportSettings s : settings) {
                Transport transport = s.type() == ExportSettings.Type.STDOUT ? new StreamTransport(stdout)
                        : new SyslogTransport(s.name(), s.syslog().orElseThrow(), tls(s));
                sinks.add(new ExportSink(s, transport, ocsf, metrics.apply(s.name())));
            }
        } catch (IOException | RuntimeException e) {
            sinks.forEach(ExportSink::close);
            throw e;
        }
        return sinks;
    }

    /**
     * The client TLS context of a TLS syslog target: trusts only its CA file, presents the client certificate
     * when configured. Netty's builder reads the PEM files (certificates and PKCS#8 keys) so no PEM code is ours.
     */
    private static SSLContext tls(ExportSettings s) throws IOException {
        ExportSettings.Syslog t = s.syslog().orElseThrow();
        if (t.transport() != ExportSettings.Transport.TLS) {
            return null;
        }
        String key = "audit.export[" + s.name() + "]";
        try {
            SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .trustManager(t.caFile().orElseThrow().toFile());
            if (t.certFile().isPresent()) {
                b.keyManager(t.certFile().get().toFile(), t.keyFile().orElseThrow().toFile());
            }
            return ((JdkSslContext) b.build()).context();
        } catch (IOException | RuntimeException e) {
            throw new IOException(key + ".caFile/certFile/keyFile: " + t.caFile().orElseThrow()
                    + " (expected: a PEM CA file, and a PEM certificate chain with its PKCS#8 key): "
                    + e.getMessage(), e);
        }
    }
}
