package dev.sieve.certs;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A minted leaf for one host: its private key, the leaf certificate and the chain to present
 * ({@code [leaf, CA]}). The chain array is copied in and out, so an instance is immutable.
 * {@link #toString()} never prints the key.
 *
 * @param host the normalized host the leaf was minted for
 * @param key the leaf's private key (shared by all leaves of one {@link LeafMinter})
 * @param leaf the leaf certificate
 * @param chain the leaf followed by the CA certificate
 * @param notAfter the leaf's expiry
 */
public record LeafCertificate(String host, PrivateKey key, X509Certificate leaf, X509Certificate[] chain,
        Instant notAfter) {

    public LeafCertificate {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(notAfter, "notAfter");
        chain = Objects.requireNonNull(chain, "chain").clone();
        if (chain.length == 0 || chain[0] != leaf) {
            throw new IllegalArgumentException("chain: " + chain.length + " certificates (expected: the leaf first)");
        }
        for (X509Certificate certificate : chain) {
            Objects.requireNonNull(certificate, "chain element");
        }
    }

    /** A copy of the chain, leaf first. */
    @Override
    public X509Certificate[] chain() {
        return chain.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LeafCertificate that
                && host.equals(that.host)
                && key.equals(that.key)
                && Arrays.equals(chain, that.chain)
                && notAfter.equals(that.notAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, leaf, notAfter);
    }

    @Override
    public String toString() {
        return "LeafCertificate[host=" + host + ", serial=" + leaf.getSerialNumber().toString(16)
                + ", notAfter=" + notAfter + ", chainLength=" + chain.length + ", key=<redacted>]";
    }
}
