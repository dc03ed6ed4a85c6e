package dev.sieve.proxy.upstream;

import dev.sieve.proxy.error.Refusal;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.NotSslRecordException;
import java.net.ConnectException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** Maps failures to connect to, or handshake with, an upstream to {@link Refusal}s. */
public final class UpstreamFailures {
    private UpstreamFailures() {}

    /** A failure to connect to, or handshake with, an upstream. */
    public static Refusal refusal(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectTimeoutException) {
                return Refusal.CONNECTION_TIMEOUT;
            }
            if (t instanceof ConnectException) {
                return Refusal.CONNECTION_REFUSED;
            }
            if (t instanceof CertificateException) {
                return Refusal.UPSTREAM_TLS_CERTIFICATE;
            }
            if (t instanceof SSLHandshakeException && isCertificateProblem(t.getMessage())) {
                return Refusal.UPSTREAM_TLS_CERTIFICATE;
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t instanceof NotSslRecordException) {
                return Refusal.UPSTREAM_TLS_PROTOCOL;
            }
        }
        return Refusal.UPSTREAM_CLOSED;
    }

    private static boolean isCertificateProblem(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(java.util.Locale.ROOT);
        return m.contains("certificate") || m.contains("pkix") || m.contains("subject alternative")
                || m.contains("hostname") || m.contains("trust");
    }
}
