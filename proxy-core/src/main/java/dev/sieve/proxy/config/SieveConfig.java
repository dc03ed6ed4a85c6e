package dev.sieve.proxy.config;

import dev.sieve.proxy.policy.Allowlist;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The whole, validated configuration. Immutable; every value has been checked at load, so users of
 * it need no further validation. Build one with {@link ConfigLoader}.
 *
 * @param proxy agent-facing listener and limits
 * @param admin admin endpoint
 * @param dataDir absolute directory for the CA and state (may not exist yet)
 * @param ca interception CA and leaves
 * @param upstream upstream trust, DNS overrides and pooling
 * @param auth agent authentication
 * @param inspection body inspection limits
 * @param allowlist the destinations agents may reach ({@code allow:})
 */
public record SieveConfig(
        ProxySettings proxy,
        AdminSettings admin,
        Path dataDir,
        CaSettings ca,
        UpstreamSettings upstream,
        AuthSettings auth,
        InspectionSettings inspection,
        Allowlist allowlist) {

    public SieveConfig {
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(inspection, "inspection");
        Objects.requireNonNull(allowlist, "allowlist");
    }
}
