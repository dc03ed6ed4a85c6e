package dev.sieve.proxy.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What {@code sieve run} prints once the proxy listens: where it is, its CA, and how to point an agent at it. */
final class StartupBanner {
    private StartupBanner() {}

    /**
     * @param configFile the config file Sieve was started with, if any: the printed commands name it, so that
     *                   they describe this Sieve (its listener, its data directory and CA)
     */
    static List<String> lines(String proxyUrl, String caFile, boolean caCreated, String caFingerprint,
            String adminListen, Optional<Path> configFile) {
        String configOption = configFile
                .map(f -> " --config " + AgentEnvironment.posixQuote(f.toAbsolutePath().toString()))
                .orElse("");
        return List.of(
                "Sieve is listening on " + proxyUrl,
                "CA certificate: " + caFile + (caCreated ? "  (created now)" : ""),
                "CA fingerprint (SHA-256): " + caFingerprint,
                "Admin (health, metrics, rules, kill switch): http://" + adminListen + "/healthz",
                "",
                "Point an agent at it:",
                "  export HTTPS_PROXY=" + proxyUrl + " HTTP_PROXY=" + proxyUrl,
                "and make it trust the CA (curl, Python, Node, git, Java):",
                "  eval \"$(./sieve ca env" + configOption + ")\"",
                "  (prints the exports; --shell fish|powershell for other shells; README: \"Pointing an agent at "
                        + "Sieve\")");
    }
}
