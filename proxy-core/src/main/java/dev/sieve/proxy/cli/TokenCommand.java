package dev.sieve.proxy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sieve.proxy.auth.ClaimsJson;
import dev.sieve.proxy.auth.Ed25519Keys;
import dev.sieve.proxy.auth.TokenCheck;
import dev.sieve.proxy.auth.TokenClaims;
import dev.sieve.proxy.auth.TokenCodec;
import dev.sieve.proxy.auth.TokenIssuer;
import dev.sieve.proxy.auth.TokenVerifier;
import dev.sieve.proxy.auth.VerificationKeys;
import dev.sieve.proxy.config.EnforcementMode;
import dev.sieve.proxy.config.TokenSettings;
import dev.sieve.proxy.config.Units;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Signed, short-lived agent tokens (Ed25519).",
            "An agent sends its token as Proxy-Authorization: Bearer <token>, or as the Basic password."},
        subcommands = {TokenCommand.Keygen.class, TokenCommand.Issue.class, TokenCommand.Verify.class})
final class TokenCommand {
    static final int OK = 0;
    static final int INVALID = 1;
    static final int ERROR = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = {"Create a signing key pair.",
                "PREFIX.key is the private key (PKCS#8 PEM, mode 0600), PREFIX.pub the public key (X.509 PEM).",
                "Give the .pub file to Sieve (auth.verificationKeys); keep the .key file where tokens are issued.",
                "openssl genpkey -algorithm ed25519 -out PREFIX.key && openssl pkey -in PREFIX.key -pubout -out"
                    + " PREFIX.pub makes the same files. Prints the key id."})
    static final class Keygen implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "PREFIX", description = "Path prefix of the two files.")
        String prefix;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            KeyPair pair = Ed25519Keys.generate();
            Path key = Path.of(prefix + ".key");
            Path pub = Path.of(prefix + ".pub");
            Ed25519Keys.writePrivate(key, pair.getPrivate());
            Ed25519Keys.writePublic(pub, pair.getPublic());
            PrintWriter out = spec.commandLine().getOut();
            out.println(Ed25519Keys.keyId(pair.getPublic()));
            out.flush();
            spec.commandLine().getErr().println("wrote " + key + " (private, 0600) and " + pub + " (public)");
            return OK;
        }
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = {"Print a signed token for one agent.",
                "Offline: the running proxy's audit log does not see it (POST /admin/tokens issues and audits)."
                    + " The token's id, agent and expiry go to stderr.",
                "A token only narrows: --allow narrows the allowlist, --budget the configured budget; --mode monitor"
                    + " never weakens mode: enforce."})
    static final class Issue implements Callable<Integer> {
        @Option(names = "--agent", required = true, paramLabel = "ID", description = "The agent id (subject).")
        String agent;

        @Option(names = "--ttl", required = true, paramLabel = "DURATION", description = "Lifetime, e.g. 15m, 1h"
                + " (at most 30d; the proxy's auth.maxTokenTtl, default 24h, may be shorter).")
        String ttl;

        @Option(names = "--allow", paramLabel = "HOST[:PORT]", description = "A destination the token allows (repeat;"
                + " *.domain for subdomains). None: the allowlist alone decides.")
        List<String> allow = new ArrayList<>();

        @Option(names = "--budget", paramLabel = "LIMITS", description = "Budget claim, for example"
                + " rpm=60,uploadPerHour=100MiB,uploadPerDay=1GiB,connections=4.")
        String budget = "";

        @Option(names = "--mode", paramLabel = "MODE", description = "enforce (default) or monitor.")
        String mode = "enforce";

        @Option(names = "--scope", paramLabel = "NAME", description = "A named scope (the token's scope claim):"
                + " credentials entries with tokenScopes: [NAME] inject their credential for this token only.")
        String scope;

        @Option(names = "--key", required = true, paramLabel = "FILE", description = "Ed25519 private key (PEM).")
        Path key;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Duration lifetime = Units.parseDuration(ttl);
            if (lifetime == null) {
                throw new IllegalArgumentException("--ttl: " + ttl + " (expected: a duration such as 15m or 1h)");
            }
            String m = mode.toLowerCase(Locale.ROOT);
            if (!m.equals("enforce") && !m.equals("monitor")) {
                throw new IllegalArgumentException("--mode: " + mode + " (expected: enforce or monitor)");
            }
            TokenIssuer issuer = new TokenIssuer(Ed25519Keys.readPrivate(key));
            TokenIssuer.Issued issued = issuer.issue(agent, lifetime, allow, budget,
                    m.equals("enforce") ? EnforcementMode.ENFORCE : EnforcementMode.MONITOR,
                    java.util.Optional.ofNullable(scope), Clock.systemUTC().instant());
            PrintWriter out = spec.commandLine().getOut();
            out.println(issued.token());
            out.flush();
            TokenClaims c = issued.claims();
            PrintWriter err = spec.commandLine().getErr();
            err.println("issued token " + c.tokenId() + " for agent " + c.subject() + " (key " + c.keyId()
                    + ")" + c.scopeName().map(s -> ", scope " + s).orElse("") + ", expires " + c.expiresAt());
            if (c.mode() == EnforcementMode.MONITOR) {
                err.println("note: a monitor-mode token never weakens a proxy in mode: enforce (it is enforced there)");
            }
            err.flush();
            return OK;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verify a token and print its claims as JSON.",
                "Keys: --key files, else auth.verificationKeys / auth.verificationKeyDir of the configuration.",
                "Exit status: 0 valid, 1 invalid or expired, 2 error (no key, unreadable file)."})
    static final class Verify implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Parameters(arity = "0..1", paramLabel = "TOKEN", description = "The token; - or absent: read from stdin.")
        String token;

        @Option(names = "--key", paramLabel = "FILE", description = "Ed25519 public (or private) key PEM (repeat).")
        List<Path> keys = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            TokenSettings settings = config.load().auth().signed();
            VerificationKeys active;
            if (!keys.isEmpty()) {
                List<PublicKey> loaded = new ArrayList<>();
                for (Path k : keys) {
                    loaded.add(Ed25519Keys.readPublic(k));
                }
                active = VerificationKeys.of(loaded);
            } else {
                active = VerificationKeys.load(settings.verificationKeys(), settings.verificationKeyDir());
            }
            if (active.isEmpty()) {
                err.println("sieve token verify: no verification key (expected: --key FILE or auth.verificationKeys)");
                return ERROR;
            }
            String text = token == null || token.equals("-") ? readStdin() : token.strip();
            TokenCheck check = new TokenVerifier(active, Clock.systemUTC(), settings.clockSkew(), settings.maxTtl())
                    .verify(text);
            if (check instanceof TokenCheck.Invalid invalid) {
                err.println("INVALID: " + invalid.detail());
                return INVALID;
            }
            TokenClaims claims = check instanceof TokenCheck.Valid v ? v.claims() : ((TokenCheck.Expired) check).claims();
            ObjectNode node = JSON.createObjectNode();
            node.put("status", check instanceof TokenCheck.Valid ? "valid" : "expired");
            node.set("claims", ClaimsJson.of(claims));
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            out.flush();
            return check instanceof TokenCheck.Valid ? OK : INVALID;
        }

        private String readStdin() throws java.io.IOException {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[4096];
            for (int n = in.read(buffer); n >= 0 && text.length() <= TokenCodec.MAX_TOKEN_CHARS; n = in.read(buffer)) {
                text.append(buffer, 0, n);
            }
            return text.toString().strip();
        }
    }
}
