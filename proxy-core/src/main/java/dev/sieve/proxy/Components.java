package dev.sieve.proxy;

import dev.sieve.certs.CertificateAuthority;
import dev.sieve.certs.LeafMinter;
import dev.sieve.proxy.config.AuthSettings;
import dev.sieve.proxy.config.SieveConfig;
import dev.sieve.proxy.policy.AgentAuthenticator;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HashMap;
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
