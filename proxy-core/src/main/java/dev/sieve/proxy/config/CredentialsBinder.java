package dev.sieve.proxy.config;

import dev.sieve.certs.HostNames;
import dev.sieve.proxy.credentials.CredentialEntry;
import dev.sieve.proxy.credentials.CredentialKind;
import dev.sieve.proxy.credentials.CredentialSettings;
import dev.sieve.proxy.credentials.CredentialSlot;
import dev.sieve.proxy.credentials.SecretSource;
import dev.sieve.proxy.credentials.SecretText;
import dev.sieve.proxy.policy.AgentCredentials;
import dev.sieve.proxy.policy.AllowRule;
import dev.sieve.proxy.policy.Allowlist;
import dev.sieve.proxy.policy.Mode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Validates {@code credentials:} into {@link CredentialSettings}, with {@link ConfigBinder}'s
 * {@code key: value (expected: ...)} errors naming file and line. Every secret is read here once, so that a missing,
 * unreadable, empty or invalid one stops the start (fail closed); no message shows a secret, nor the value of a
 * {@code secretFile} or {@code secretEnv} key that does not work (it could be a secret pasted in the wrong place:
 * the line number points at it).
 */
final class CredentialsBinder {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]{0,127}");
    private static final Pattern PLACEHOLDER = Pattern.compile("[!-~]{1,200}");
    private static final Pattern QUERY_NAME = Pattern.compile("[A-Za-z0-9._~-]{1,100}");
    /** Headers that frame or route the request, or belong to the proxy hop: never a credential's place. */
    private static final Set<String> RESERVED = Set.of("host", "content-length", "transfer-encoding", "connection",
            "upgrade", "te", "trailer", "keep-alive", "expect", "proxy-authorization", "proxy-connection",
            "content-type", "content-encoding");
    private static final String NOT_SHOWN = "(not shown)";
    /** The agent id of requests without proxy credentials (ProxyRequestHandler.ANONYMOUS; config does not depend on handler). */
    static final String ANONYMOUS = "anonymous";
    private static final String DESTINATION = "host or host:port of an allowlisted destination in inspect mode";

    private final ConfigBinder binder;
    private final Function<String, String> environment;

    CredentialsBinder(ConfigBinder binder, Function<String, String> environment) {
        this.binder = binder;
        this.environment = environment;
    }

    CredentialSettings bind(ConfigDto.CredentialsDto d, Allowlist allowlist) {
        String placeholder = d.placeholder;
        if (placeholder == null || !PLACEHOLDER.matcher(placeholder).matches()) {
            throw binder.fail("credentials.placeholder", ConfigBinder.quote(placeholder),
                    "1-200 printable ASCII characters without spaces");
        }
        boolean requireInjected = binder.bool("credentials.requireInjected", d.requireInjected);
        Duration refresh = binder.duration("credentials.refreshInterval", d.refreshInterval, Duration.ofSeconds(1),
                Duration.ofHours(1));
        if (d.entries == null) {
            throw binder.fail("credentials.entries", "null", "a list of credential entries; [] injects none");
        }
        List<CredentialEntry> entries = new ArrayList<>();
        Map<String, Integer> generalByDestination = new HashMap<>();
        Map<String, Integer> agentByDestination = new HashMap<>();
        Map<String, Integer> scopedByDestination = new HashMap<>();
        for (int i = 0; i < d.entries.size(); i++) {
            String path = "credentials.entries[" + i + "]";
            ConfigDto.CredentialEntryDto e = d.entries.get(i);
            if (e == null) {
                throw binder.fail(path, "null", "an entry with destination, kind and secretFile or secretEnv");
            }
            CredentialEntry entry = entry(path, i, e, allowlist, requireInjected, placeholder);
            if (!entry.tokenScopes().isEmpty()) {
                int s = 0;
                // The list as written (the entry's set has no order), so the error names the right index.
                for (String scope : e.tokenScopes) {
                    for (String agent : entry.agents().isEmpty() ? Set.of("*") : entry.agents()) {
                        Integer earlier = scopedByDestination.putIfAbsent(entry.destination() + " " + scope + " "
                                + agent, i);
                        if (earlier != null) {
                            throw binder.fail(path + ".tokenScopes[" + s + "]", ConfigBinder.quote(scope), "each"
                                    + " token scope (for the same agents) in one entry per destination;"
                                    + " credentials.entries[" + earlier + "] has it for " + entry.destination());
                        }
                    }
                    s++;
                }
                entries.add(entry);
                continue;
            }
            if (entry.agents().isEmpty()) {
                Integer earlier = generalByDestination.putIfAbsent(entry.destination(), i);
                if (earlier != null) {
                    throw binder.fail(path + ".destination", ConfigBinder.quote(e.destination), "one entry without"
                            + " agents per destination; credentials.entries[" + earlier + "] already is one for "
                            + entry.destination());
                }
            }
            int j = 0;
            for (String agent : entry.agents()) {
                Integer earlier = agentByDestination.putIfAbsent(entry.destination() + " " + agent, i);
                if (earlier != null) {
                    throw binder.fail(path + ".agents[" + j + "]", ConfigBinder.quote(agent), "each agent in one"
                            + " entry per destination; credentials.entries[" + earlier + "] lists it for "
                            + entry.destination());
                }
                j++;
            }
            entries.add(entry);
        }
        return new CredentialSettings(placeholder, requireInjected, refresh, entries);
    }

    private CredentialEntry entry(String path, int index, ConfigDto.CredentialEntryDto e, Allowlist allowlist,
            boolean requireInjectedDefault, String placeholder) {
        String[] hostPort = destination(path + ".destination", e.destination, allowlist);
        Set<String> agents = agents(path + ".agents", e.agents);
        Set<String> scopes = tokenScopes(path + ".tokenScopes", e.tokenScopes);
        String kindName = e.kind;
        CredentialKind kind = Optional.ofNullable(kindName).flatMap(CredentialKind::parse)
                .orElseThrow(() -> binder.fail(path + ".kind", ConfigBinder.quote(kindName), CredentialKind.EXPECTED));
        CredentialSlot slot = slot(path, kind, e);
        SecretSource source = source(path, e, placeholder);
        if (binder.explicitlyNull(path + ".requireInjected")) {
            throw binder.fail(path + ".requireInjected", "null", "true or false, or no key for"
                    + " credentials.requireInjected");
        }
        boolean requireInjected = e.requireInjected == null ? requireInjectedDefault : e.requireInjected;
        return new CredentialEntry(index, hostPort[0], Integer.parseInt(hostPort[1]), agents, scopes, kind, slot,
                source, requireInjected);
    }

    /** {@code host[:port]}, allowed by the allowlist in inspect mode; the port defaults to 443. */
    private String[] destination(String path, String value, Allowlist allowlist) {
        if (value == null) {
            throw binder.fail(path, "null", DESTINATION);
        }
        String host = value;
        int port = 443;
        int colon = value.lastIndexOf(':');
        if (colon > 0 && value.indexOf(':') == colon) {
            String p = value.substring(colon + 1);
            if (!p.matches("[0-9]{1,5}") || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 65535) {
                throw binder.fail(path, ConfigBinder.quote(value), DESTINATION + " (port 1-65535)");
            }
            host = value.substring(0, colon);
            port = Integer.parseInt(p);
        }
        if (host.startsWith("*.")) {
            throw binder.fail(path, ConfigBinder.quote(value), "an exact host name, not a wildcard: a credential"
                    + " goes to one destination");
        }
        String normalized;
        try {
            normalized = HostNames.normalize(host);
        } catch (IllegalArgumentException ex) {
            throw binder.fail(path, ConfigBinder.quote(value), DESTINATION);
        }
        Optional<AllowRule> rule = allowlist.match(normalized);
        if (rule.isEmpty() || !rule.get().ports().contains(port)) {
            throw binder.fail(path, ConfigBinder.quote(value), DESTINATION + "; " + normalized + ":" + port
                    + " is not allowed by the allowlist");
        }
        if (rule.get().mode() != Mode.INSPECT) {
            throw binder.fail(path, ConfigBinder.quote(value), DESTINATION + "; the allow entry " + rule.get().host()
                    + " is passthrough, so Sieve never sees its requests");
        }
        return new String[] {normalized, String.valueOf(port)};
    }

    /** {@code tokenScopes}: scope names ({@code sieve token issue --scope}); absent for any token or none. */
    private Set<String> tokenScopes(String path, List<String> scopes) {
        if (scopes == null) {
            if (binder.explicitlyNull(path)) {
                throw binder.fail(path, "null", "a list of token scope names, or no tokenScopes key");
            }
            return Set.of();
        }
        if (scopes.isEmpty()) {
            throw binder.fail(path, "[]", "at least one token scope name, or no tokenScopes key");
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < scopes.size(); i++) {
            String name = scopes.get(i);
            // The syntax of auth.TokenClaims.SCOPE_NAME (config does not depend on auth).
            if (name == null || !AgentCredentials.AGENT_ID.matcher(name).matches()) {
                throw binder.fail(path + "[" + i + "]", ConfigBinder.quote(name), "a token scope name: 1-64 letters,"
                        + " digits, '.', '_' or '-', starting with a letter or digit");
            }
            if (!out.add(name)) {
                throw binder.fail(path + "[" + i + "]", ConfigBinder.quote(name), "each scope name once");
            }
        }
        return out;
    }

    private Set<String> agents(String path, List<String> agents) {
        if (agents == null) {
            if (binder.explicitlyNull(path)) {
                throw binder.fail(path, "null", "a list of agent ids, or no agents key for every agent");
            }
            return Set.of();
        }
        if (agents.isEmpty()) {
            throw binder.fail(path, "[]", "at least one agent id, or no agents key for every agent");
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < agents.size(); i++) {
            String id = agents.get(i);
            if (id == null || !AgentCredentials.AGENT_ID.matcher(id).matches()) {
                throw binder.fail(path + "[" + i + "]", ConfigBinder.quote(id), "an agent id: 1-64 letters, digits,"
                        + " '.', '_' or '-', starting with a letter or digit");
            }
            if (id.equals(ANONYMOUS)) {
                throw binder.fail(path + "[" + i + "]", ConfigBinder.quote(id), "the id of an authenticated agent;"
                        + " anonymous stands for every agent without proxy credentials: omit agents for every agent");
            }
            if (!out.add(id)) {
                throw binder.fail(path + "[" + i + "]", ConfigBinder.quote(id), "each agent id once");
            }
        }
        return out;
    }

    private CredentialSlot slot(String path, CredentialKind kind, ConfigDto.CredentialEntryDto e) {
        if (kind != CredentialKind.HEADER) {
            refuseKey(path + ".header", e.header, "no header unless kind is header");
            refuseKey(path + ".prefix", e.prefix, "no prefix unless kind is header");
        }
        if (kind != CredentialKind.QUERY) {
            refuseKey(path + ".query", e.query, "no query unless kind is query");
        }
        if (kind == CredentialKind.HEADER) {
            String name = e.header;
            if (name == null || !TOKEN.matcher(name).matches() || name.length() > 100) {
                throw binder.fail(path + ".header", ConfigBinder.quote(name), "a header name such as X-Api-Key");
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw binder.fail(path + ".header", ConfigBinder.quote(name), "a header that carries a credential,"
                        + " not one that frames or routes the request (" + String.join(", ", RESERVED.stream()
                                .sorted().toList()) + ")");
            }
            String prefix = e.prefix == null ? "" : e.prefix;
            if (prefix.length() > 100 || !prefix.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)
                    || prefix.startsWith(" ")) {
                throw binder.fail(path + ".prefix", ConfigBinder.quote(prefix), "printable ASCII put before the"
                        + " value, such as \"Bearer \" (with its space)");
            }
            return CredentialSlot.header(name, prefix);
        }
        if (kind == CredentialKind.QUERY) {
            if (e.query == null || !QUERY_NAME.matcher(e.query).matches()) {
                throw binder.fail(path + ".query", ConfigBinder.quote(e.query), "a query parameter name such as key"
                        + " (letters, digits, '.', '_', '~' or '-')");
            }
            return CredentialSlot.query(e.query);
        }
        return kind.fixedSlot().orElseThrow();
    }

    private void refuseKey(String path, String value, String expected) {
        if (value != null || binder.explicitlyNull(path)) {
            throw binder.fail(path, value == null ? "null" : ConfigBinder.quote(value), expected);
        }
    }

    /** Exactly one of secretFile and secretEnv, read and checked now. */
    private SecretSource source(String path, ConfigDto.CredentialEntryDto e, String placeholder) {
        String expected = "exactly one of secretFile and secretEnv";
        if ((e.secretFile == null) == (e.secretEnv == null)) {
            throw binder.fail(e.secretFile == null ? path : path + ".secretEnv",
                    e.secretFile == null ? "no secretFile or secretEnv" : NOT_SHOWN, expected);
        }
        String secret;
        SecretSource source;
        if (e.secretFile != null) {
            String key = path + ".secretFile";
            Path file = binder.filePath(key, e.secretFile);
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw binder.fail(key, NOT_SHOWN, "a readable file holding the secret; the file named there does"
                        + " not exist or cannot be read");
            }
            try {
                if (Files.size(file) > SecretText.MAX_BYTES) {
                    throw binder.fail(key, NOT_SHOWN, "a file holding " + SecretText.EXPECTED + "; this one is larger");
                }
                secret = SecretText.of(Files.readAllBytes(file));
            } catch (IOException ex) {
                throw binder.fail(key, NOT_SHOWN, "a readable file holding the secret; reading it failed ("
                        + ex.getClass().getSimpleName() + ")");
            } catch (IllegalArgumentException ex) {
                throw binder.fail(key, NOT_SHOWN, "a file holding " + SecretText.EXPECTED + "; its content is "
                        + ex.getMessage());
            }
            source = new SecretSource.File(key, file);
        } else {
            String key = path + ".secretEnv";
            String name = e.secretEnv;
            boolean nameLike = ENV_NAME.matcher(name).matches();
            String shown = nameLike ? ConfigBinder.quote(name) : NOT_SHOWN;
            if (!nameLike) {
                throw binder.fail(key, shown, "the name of an environment variable in upper case, such as"
                        + " ANTHROPIC_API_KEY (not the secret itself)");
            }
            String text = environment.apply(name);
            if (text == null) {
                throw binder.fail(key, shown, "an environment variable that is set; " + name + " is not");
            }
            try {
                secret = SecretText.of(text.getBytes(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException ex) {
                throw binder.fail(key, shown, "a variable holding " + SecretText.EXPECTED + "; its value is "
                        + ex.getMessage());
            }
            source = new SecretSource.Env(key, name);
        }
        if (secret.equals(placeholder)) {
            throw binder.fail(source.key(), NOT_SHOWN, "the real credential; it holds credentials.placeholder");
        }
        return source;
    }
}
