package dev.sieve.proxy.testing;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import java.net.Proxy;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The official Anthropic Java SDK as an agent configured per the README uses it: through Sieve, trusting its CA. */
public final class AnthropicClients {
    private AnthropicClients() {}

    /** A client of {@code env}'s fake {@code api.anthropic.com} through {@code env}'s Sieve, without retries. */
    public static AnthropicClient through(ProxyTestEnv env, String apiKey) throws Exception {
        return through(env, "https://api.anthropic.com:" + env.anthropic.port(), apiKey);
    }

    /** A client of {@code baseUrl} through {@code env}'s Sieve, without retries. */
    public static AnthropicClient through(ProxyTestEnv env, String baseUrl, String apiKey) throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("sieve", env.sieve.ca().certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        return AnthropicOkHttpClient.builder()
                .baseUrl(baseUrl)
                .apiKey(apiKey)
                .proxy(new Proxy(Proxy.Type.HTTP, env.proxy()))
                .sslSocketFactory(TestTls.clientContext(env.sieve.ca().certificate()).getSocketFactory())
                .trustManager((X509TrustManager) tmf.getTrustManagers()[0])
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .build();
    }
}
