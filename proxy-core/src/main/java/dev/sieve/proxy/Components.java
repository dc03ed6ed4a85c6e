package dev.sieve.proxy;

import dev.sieve.certs.CertificateAuthority;
import dev.sieve.certs.LeafMinter;
import dev.sieve.proxy.auth.Ed25519Keys;
import dev.sieve.proxy.auth.Revocations;
import dev.sieve.proxy.auth.TokenIssuer;
import dev.sieve.proxy.auth.TokenVerifier;
import dev.sieve.proxy.auth.VerificationKeys;
import dev.sieve.proxy.config.AuthSettings;
import dev.sieve.proxy.config.TokenSettings;
import dev.sieve.proxy.config.ListenAddress;
import dev.sieve.proxy.config.ListenException;
import dev.sieve.proxy.config.SieveConfig;
import dev.sieve.proxy.auth.AgentAuthenticator;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

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
                        || a.wildcard() || b.wildcard());
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
        return authenticator(config, tokenVerifier(config, Clock.systemUTC()), Revocations.NONE, tokenId -> false);
    }

    /**
     * The authenticator of static and signed tokens.
     *
     * @param verifier    the verifier of signed tokens ({@link #tokenVerifier}); empty: signed tokens are refused
     * @param revocations the revocation list
     * @param tokenStopped whether the kill switch stops a token id
     * @throws IOException if a token file or verification key cannot be read
     * @throws IllegalArgumentException naming {@code auth.verificationKeys} and the file that is not an Ed25519 key
     */
    public static AgentAuthenticator authenticator(SieveConfig config, Optional<TokenVerifier> verifier,
            Revocations revocations, Predicate<String> tokenStopped) throws IOException {
        AuthSettings auth = config.auth();
        Map<String, String> tokens = new HashMap<>(auth.tokens());
        if (auth.tokenFile().isPresent()) {
            tokens.putAll(AgentAuthenticator.loadTokenFile(auth.tokenFile().get()));
        }
        return new AgentAuthenticator(auth.required(), tokens, verifier, revocations, tokenStopped);
    }

    /**
     * The verifier of signed tokens ({@code auth.verificationKeys}, {@code auth.verificationKeyDir}); empty when
     * none are configured.
     *
     * @throws IOException if a verification key cannot be read
     */
    public static Optional<TokenVerifier> tokenVerifier(SieveConfig config, Clock clock) throws IOException {
        TokenSettings signed = config.auth().signed();
        Optional<TokenVerifier> verifier = Optional.empty();
        if (signed.enabled()) {
            VerificationKeys keys;
            try {
                keys = VerificationKeys.load(signed.verificationKeys(), signed.verificationKeyDir());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("auth.verificationKeys: " + e.getMessage(), e);
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("auth.verificationKeyDir: " + signed.verificationKeyDir().orElseThrow()
                        + " holds no *.pem or *.pub key (expected: at least one Ed25519 public key)");
            }
            verifier = Optional.of(new TokenVerifier(keys, clock, signed.clockSkew(), signed.maxTtl()));
        }
        return verifier;
    }

    /**
     * Signed admin tokens ({@code --scope admin}) as {@code verifier} accepts them, unless {@code revocations}
     * revokes the token or its subject. The kill switch does not apply: an admin must be able to release it.
     */
    public static dev.sieve.proxy.admin.TokenAdmin.AdminTokens adminTokens(Optional<TokenVerifier> verifier,
            Revocations revocations) {
        if (verifier.isEmpty()) {
            return dev.sieve.proxy.admin.TokenAdmin.AdminTokens.NONE;
        }
        return bearer -> verifier.get().verify(bearer) instanceof dev.sieve.proxy.auth.TokenCheck.Valid valid
                && valid.claims().scopeName().equals(Optional.of(dev.sieve.proxy.admin.TokenAdmin.SCOPE))
                && !revocations.isRevoked(valid.claims().subject(), Optional.of(valid.claims().tokenId()))
                ? Optional.of(valid.claims().subject()) : Optional.empty();
    }

    /** The issuer of {@code POST /admin/tokens}, when {@code auth.signingKeyFile} is set. */
    public static Optional<TokenIssuer> tokenIssuer(SieveConfig config) throws IOException {
        Optional<Path> keyFile = config.auth().signed().signingKeyFile();
        if (keyFile.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TokenIssuer(Ed25519Keys.readPrivate(keyFile.get())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("auth.signingKeyFile: " + e.getMessage(), e);
        }
    }
}
