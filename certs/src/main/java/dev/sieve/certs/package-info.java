/**
 * TLS interception certificates for Sieve.
 *
 * <p>{@link dev.sieve.certs.CertificateAuthority} loads or creates the proxy's CA;
 * {@link dev.sieve.certs.LeafMinter} signs short-lived leaves for intercepted hosts with one shared
 * leaf key; {@link dev.sieve.certs.LeafCache} serves them by {@link dev.sieve.certs.HostNames normalized}
 * host, minted off the caller's thread; {@link dev.sieve.certs.TrustBundle} writes the system anchors
 * plus the Sieve CA for tools started behind the proxy. BouncyCastle is used through a private provider
 * instance and never registered globally. No type here depends on Netty.
 */
package dev.sieve.certs;
