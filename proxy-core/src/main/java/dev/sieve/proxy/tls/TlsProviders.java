package dev.sieve.proxy.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

/** TLS choices shared by both sides: BoringSSL (netty-tcnative) when it loads, the JDK otherwise. */
public final class TlsProviders {
    /** TLS 1.3 and 1.2 only, on both sides. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /** Offer and accept only HTTP/1.1: a client that offers h2 as well gets http/1.1. */
    public static final ApplicationProtocolConfig HTTP_1_1_ALPN = new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_1_1);

    /** Offer h2 first, then HTTP/1.1 (agent side, {@code proxy.http2: true}; upstream side, {@code upstream.http2:
     *  true}); a peer that offers or picks neither speaks HTTP/1.1. */
    public static final ApplicationProtocolConfig H2_AND_HTTP_1_1_ALPN = new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1);

    private TlsProviders() {}

    public static SslProvider provider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }
}
