package dev.sieve.proxy.config;

/** Key algorithm of the leaf certificates minted for intercepted hosts ({@code ca.leafKeyType}). */
public enum LeafKeyType {
    /** ECDSA P-256: small and fast; the default. */
    EC,
    /** RSA 2048, for clients that cannot do ECDSA. */
    RSA
}
