package dev.sieve.proxy.policy;

/** What the proxy does with an allowed CONNECT tunnel. */
public enum Mode {
    /** Terminate TLS with a minted leaf, scan every request, re-originate TLS upstream. */
    INSPECT,
    /** Relay the TLS bytes unchanged after checking that the ClientHello SNI matches the CONNECT host. */
    PASSTHROUGH
}
