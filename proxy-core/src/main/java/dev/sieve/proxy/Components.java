package dev.sieve.proxy;

import dev.sieve.certs.CertificateAuthority;
import dev.sieve.certs.LeafMinter;
import dev.sieve.proxy.config.AuthSettings;
import dev.sieve.proxy.config.ListenAddress;
import dev.sieve.proxy.config.ListenException;
import dev.sieve.proxy.config.SieveConfig;
import dev.sieve.proxy.policy.AgentAuthenticator;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Builds the pieces the CLI and the server share from a {@link SieveConfig}. */
public final class Components {
    private Components() {}

    /** Where the created CA lives: {@code <dataDir>/ca}. */
    public static Path caDir(SieveConfig config) {
        return config.dataDir().resolve("ca");
    }

    /** The configured CA files, or the CA under the data directory (created on first use). */
    public static CertificateAuthority certificateAuthority(SieveConfig config, Clock clock)
            throws IOException, GeneralSecurityException {
        var ca = config.ca();
        if (ca.certFile().isPresent() && ca.keyFile().isPresent()) {
            return CertificateAuthority.load(ca.certFile().get(), ca.keyFile().get(), clock);
        }
        return CertificateAuthority.loadOrCreate(caDir(config), clock);
    }

    /**
     * Checks that both listeners can be bound, first thing at start-up: a taken port then fails at once, naming
     * the key and the address, instead of after the CA and the rules (seconds) with a bare bind error. Each
     * address is bound and released; the real binds report the same way if a port is taken in between.
     *
     * @throws ListenException naming {@code proxy.listen} or {@code admin.listen}
     */
    public static void checkListeners(SieveConfig config) throws ListenException {
        ListenAddress proxy = config.proxy().listen();
        ListenAddress admin = config.admin().listen();
        if (sameSocket(proxy, admin)) {
            throw ListenException.refused("admin.listen", admin,
                    "the same address as proxy.listen " + proxy + " (expected: another port)");
        }
        probe("proxy.listen", proxy);
        probe("admin.listen", admin);
    }

    /** Whether two fixed addresses would compete for one socket (same port; same host, or a wildcard). */
    static boolean sameSocket(ListenAddress a, ListenAddress b) {
        return a.port() != 0 && a.port() == b.port()
                && (a.host().toLowerCase(Locale.ROOT).equals(b.host().toLowerCase(Locale.ROOT))
                        || isWildcard(a.host()) || isWildcard(b.host()));
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
    }

    private static void probe(String key, ListenAddress address) throws ListenException {
        try (ServerSocketChannel channel = ServerSocketChannel.open()) {
            channel.bind(address.toSocketAddress());
        } catch (IOException | UnresolvedAddressException | SecurityException e) {
            throw ListenException.of(key, address, e);
        }
    }

    public static LeafMinter.KeyType leafKeyType(SieveConfig config) {
        return switch (config.ca().leafKeyType()) {
            case EC -> LeafMinter.KeyType.EC_P256;
            case RSA -> LeafMinter.KeyType.RSA_2048;
        };
    }

    public static AgentAuthenticator authenticator(SieveConfig config) throws IOException {
        AuthSettings auth = config.auth();
        Map<String, String> tokens = new HashMap<>(auth.tokens());
        if (auth.tokenFile().isPresent()) {
            tokens.putAll(AgentAuthenticator.loadTokenFile(auth.tokenFile().get()));
        }
        return new AgentAuthenticator(auth.required(), tokens);
    }
}
