package dev.sieve.proxy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sieve.certs.HostNames;
import dev.sieve.dlp.Action;
import dev.sieve.dlp.Category;
import dev.sieve.dlp.Composition;
import dev.sieve.dlp.EngineKind;
import dev.sieve.dlp.RuleLoadException;
import dev.sieve.dlp.RuleOverride;
import dev.sieve.dlp.Severity;
import dev.sieve.proxy.audit.AuditSettings;
import dev.sieve.proxy.audit.AuditSigning;
import dev.sieve.proxy.audit.OverflowPolicy;
import dev.sieve.proxy.policy.AddressClass;
import dev.sieve.proxy.policy.AddressClassifier;
import dev.sieve.proxy.policy.AgentCredentials;
import dev.sieve.proxy.policy.AllowRule;
import dev.sieve.proxy.policy.Allowlist;
import dev.sieve.proxy.policy.SubdomainLimits;
import dev.sieve.proxy.policy.Mode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Validates a bound {@link ConfigDto} into a {@link SieveConfig}; the first bad value throws a {@link ConfigException}. */
final class ConfigBinder {

    private static final String LISTEN_SYNTAX = "host:port or [ipv6]:port with port 0-65535";
    private static final String PATH_SYNTAX = "a file system path; '~' only as ~ or ~/...";
    private static final String HOST_SYNTAX = "a host name, IP literal or *.domain";
    private static final String ACTIONS = "block, redact or log";
    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");
    private static final long MAX_BODY_BYTES = 1024L * 1024 * 1024;
    private static final long MAX_IN_FLIGHT_BYTES = 64L * 1024 * 1024 * 1024;
    private static final long MAX_AUDIT_FILE_BYTES = 16L * 1024 * 1024 * 1024;
    private static final Pattern PERCENT = Pattern.compile("([0-9]{1,3})%");
    private static final String SHARE_SYNTAX = "a percentage of inspection.maxBodyBytesInFlight from 1% to 100%, or a size";
    private static final int MAX_CONNECTIONS = 1_000_000;

    private final String source;
    private final YamlTree user;
    private final JsonNode merged;
    private final Path baseDir;
    private final Path home;
    private final Path workingDir;
    private final boolean dataDirFromEnvironment;
    /** The process environment, for secrets named by environment variable ({@code credentials}). */
    private final java.util.function.Function<String, String> environment;

    ConfigBinder(String source, YamlTree user, JsonNode merged, Path baseDir, Path home, Path workingDir,
            boolean dataDirFromEnvironment, java.util.function.Function<String, String> environment) {
        this.environment = environment;
        this.source = source;
        this.user = user;
        this.merged = merged;
        this.baseDir = baseDir;
        this.home = home;
        this.workingDir = workingDir;
        this.dataDirFromEnvironment = dataDirFromEnvironment;
    }

    SieveConfig bind(ConfigDto dto) {
        Path dataDir = path("dataDir", dto.dataDir, dataDirFromEnvironment ? workingDir : baseDir, false);
        ConfigDto.InspectionDto inspectionDto = section("inspection", dto.inspection);
        InspectionSettings limits = inspection(inspectionDto);
        RulesSettings rules = rules(section("rules", dto.rules), dataDir);
        RuleCatalog catalog = namesRules(rules, dto.allow) ? ruleCatalog(rules) : RuleCatalog.UNKNOWN;
        Map<String, DestinationInspection> destinations = new LinkedHashMap<>();
        Map<String, ToolPolicy> mcpServers = new LinkedHashMap<>();
        SubdomainLimits subdomains = new AllowEntryBinder(this).global(section("subdomains", dto.subdomains));
        Allowlist allowlist = allowlist(dto.allow, limits, destinations, mcpServers, catalog, subdomains);
        InspectionSettings inspection = withAgentShare(inspectionDto, limits, destinations);
        return new SieveConfig(
                proxy(section("proxy", dto.proxy)),
                admin(section("admin", dto.admin)),
                dataDir,
                ca(section("ca", dto.ca)),
                upstream(section("upstream", dto.upstream)),
                auth(section("auth", dto.auth), dataDir),
                inspection,
                allowlist,
                mode(dto.mode),
                rules,
                killSwitch(section("killSwitch", dto.killSwitch), dataDir),
                audit(section("audit", dto.audit), dataDir),
                destinations,
                mcpServers,
                new ConversationsBinder(this).bind(section("conversations", dto.conversations)),
                new RedactionBinder(this).bind(section("redaction", dto.redaction)),
                new RefusalSettings(bool("refusals.explainInTunnel",
                        section("refusals", dto.refusals).explainInTunnel)),
                new CredentialsBinder(this, environment).bind(section("credentials", dto.credentials), allowlist),
                new BudgetsBinder(this).budgets(section("budgets", dto.budgets)),
                new BudgetsBinder(this).state(section("state", dto.state)),
                new WebhooksBinder(this).bind(section("audit", dto.audit).webhooks, allowlist),
                new ExportBinder(this).bind(section("audit", dto.audit).export),
                new AlertsBinder(this).bind(section("alerts", dto.alerts)));
    }

    private EnforcementMode mode(String value) {
        return switch (text("mode", value, "enforce or monitor")) {
            case "enforce" -> EnforcementMode.ENFORCE;
            case "monitor" -> EnforcementMode.MONITOR;
            default -> throw fail("mode", quote(value), "enforce or monitor");
        };
    }

    private AdminSettings admin(ConfigDto.AdminDto a) {
        ListenAddress listen = listen("admin.listen", a.listen);
        Optional<Path> tokenFile = optionalFile("admin.tokenFile", a.tokenFile);
        if (tokenFile.isEmpty() && !AdminSettings.isLoopback(listen.host())) {
            throw new ConfigException(source, user.lineOf("admin.listen"), "admin.tokenFile: null (expected: a bearer"
                    + " token file, required because admin.listen " + quote(listen.toString())
                    + " is not a loopback address)");
        }
        return new AdminSettings(listen, tokenFile);
    }

    private InspectionSettings inspection(ConfigDto.InspectionDto i) {
        long maxBody = size("inspection.maxBodyBytes", i.maxBodyBytes, 1024, MAX_BODY_BYTES);
        long inFlight = size("inspection.maxBodyBytesInFlight", i.maxBodyBytesInFlight, 1024, MAX_IN_FLIGHT_BYTES);
        if (inFlight < maxBody) {
            throw fail("inspection.maxBodyBytesInFlight", quote(i.maxBodyBytesInFlight),
                    "at least inspection.maxBodyBytes, " + Units.formatSize(maxBody));
        }
        boolean failOpen = bool("inspection.failOpen", i.failOpen);
        InspectionLimits limits = new LimitsBinder(this).global(section("inspection.limits", i.limits), maxBody);
        // The agent share is settled once the allowlist's body limits are known (withAgentShare).
        return new InspectionSettings(maxBody, inFlight, failOpen, inFlight,
                duration("inspection.budgetWait", i.budgetWait, Duration.ofMillis(100), Duration.ofHours(1)), limits,
                webSocket(section("inspection.websocket", i.websocket)),
                new InspectionWorkers(integer("inspection.workers", i.workers, 0, 1024),
                        integer("inspection.queue", i.queue, 1, 100_000),
                        duration("inspection.queueWait", i.queueWait, Duration.ofMillis(100), Duration.ofHours(1))));
    }

    private WebSocketSettings webSocket(ConfigDto.WebSocketDto w) {
        return new WebSocketSettings(
                size("inspection.websocket.maxMessageBytes", w.maxMessageBytes, 1, WebSocketSettings.MAX_BYTES),
                integer("inspection.websocket.maxFragments", w.maxFragments, 1, 1_000_000),
                size("inspection.websocket.maxServerFrameBytes", w.maxServerFrameBytes, 1, WebSocketSettings.MAX_BYTES));
    }

    /**
     * {@code inspection.maxBodyBytesInFlightPerAgent}: a percentage of the budget or a size. One agent must always
     * be able to send one body of the largest limit (global or an allow entry's), so a percentage below that limit
     * is raised to it, and a size below it is an error.
     */
    private InspectionSettings withAgentShare(ConfigDto.InspectionDto i, InspectionSettings limits,
            Map<String, DestinationInspection> destinations) {
        String path = "inspection.maxBodyBytesInFlightPerAgent";
        String text = text(path, i.maxBodyBytesInFlightPerAgent, SHARE_SYNTAX);
        long largestBody = limits.maxBodyBytes();
        for (DestinationInspection d : destinations.values()) {
            largestBody = Math.max(largestBody, d.maxBodyBytes(limits));
        }
        long share;
        Matcher percent = PERCENT.matcher(text);
        if (percent.matches()) {
            int p = Integer.parseInt(percent.group(1));
            if (p < 1 || p > 100) {
                throw fail(path, quote(text), SHARE_SYNTAX);
            }
            share = Math.max(largestBody, limits.maxBodyBytesInFlight() * p / 100);
        } else {
            share = size(path, text, 1024, MAX_IN_FLIGHT_BYTES);
            if (share < largestBody || share > limits.maxBodyBytesInFlight()) {
                throw fail(path, quote(text), "from the largest body limit, " + Units.formatSize(largestBody)
                        + ", to inspection.maxBodyBytesInFlight, " + Units.formatSize(limits.maxBodyBytesInFlight()));
            }
        }
        return limits.withAgentShare(share);
    }

    private RulesSettings rules(ConfigDto.RulesDto r, Path dataDir) {
        Optional<Path> dir = Optional.empty();
        if (r.dir != null) {
            Path folder = path("rules.dir", r.dir, baseDir, false);
            if (!Files.isDirectory(folder) || !Files.isReadable(folder)) {
                throw fail("rules.dir", quote(r.dir), "a readable directory of rule files; " + folder + " is not one");
            }
            dir = Optional.of(folder);
        }
        boolean builtin = bool("rules.builtin", r.builtin);
        if (!builtin && dir.isEmpty()) {
            throw fail("rules.builtin", "false", "true unless rules.dir is set: without a folder, false leaves no rules");
        }
        List<String> disable = new ArrayList<>(ruleIds("rules.disable",
                notNull("rules.disable", r.disable, "a list of rule ids; [] disables none")));
        Map<String, RuleOverride> overrides = new LinkedHashMap<>();
        Map<String, ConfigDto.RuleOverrideDto> listed = notNull("rules.overrides", r.overrides,
                "a mapping of rule id to {action, severity, actions}; {} overrides none");
        for (Map.Entry<String, ConfigDto.RuleOverrideDto> e : listed.entrySet()) {
            String path = "rules.overrides." + e.getKey();
            String id = ruleId(path, "key " + quote(e.getKey()), e.getKey());
            ConfigDto.RuleOverrideDto o = notNull(path, e.getValue(), "a mapping with action, severity, actions and/or history");
            Optional<Action> action = o.action == null ? Optional.empty() : Optional.of(action(path + ".action", o.action));
            Optional<Severity> severity = o.severity == null ? Optional.empty()
                    : Optional.of(severity(path + ".severity", o.severity));
            Map<String, Action> classActions = classActions(path + ".actions", o.actions);
            Optional<Action> history = o.history == null ? Optional.empty()
                    : Optional.of(action(path + ".history", o.history));
            if (action.isEmpty() && severity.isEmpty() && classActions.isEmpty() && history.isEmpty()) {
                throw fail(path, "{}", "action, severity, actions and/or history");
            }
            overrides.put(id, new RuleOverride(action, severity, classActions, history));
        }
        boolean allowEmpty = bool("rules.allowEmpty", r.allowEmpty);
        EngineKind engine = switch (text("rules.engine", r.engine, "auto, hyperscan or java")) {
            case "auto" -> EngineKind.AUTO;
            case "hyperscan" -> EngineKind.HYPERSCAN;
            case "java" -> EngineKind.JAVA;
            default -> throw fail("rules.engine", quote(r.engine), "auto, hyperscan or java");
        };
        return new RulesSettings(dir, builtin, disable, overrides, allowEmpty, engine,
                duration("rules.reloadInterval", r.reloadInterval, Duration.ofMillis(100), Duration.ofHours(1)),
                compiledCache(section("rules.compiledCache", r.compiledCache), dataDir));
    }

    /** {@code rules.compiledCache}: the directory when enabled (default {@code <dataDir>/hyperscan-cache}). */
    private Optional<Path> compiledCache(ConfigDto.CompiledCacheDto c, Path dataDir) {
        if (!bool("rules.compiledCache.enabled", c.enabled)) {
            return Optional.empty();
        }
        return Optional.of(c.directory == null ? dataDir.resolve("hyperscan-cache")
                : path("rules.compiledCache.directory", c.directory, baseDir, false));
    }

    /** True if the config names rules or categories that must be checked against the rules (composing costs). */
    private static boolean namesRules(RulesSettings rules, List<ConfigDto.AllowDto> allow) {
        return !rules.disable().isEmpty() || !rules.overrides().isEmpty() || allow != null && allow.stream()
                .anyMatch(a -> a != null && a.inspection != null
                        && (a.inspection.categories != null || a.inspection.actions != null
                                || a.inspection.excludeRules != null || a.inspection.ownCredentials != null));
    }

    /**
     * What the config may name of the active rules: the rules {@code rules:} selects, composed here as the proxy
     * will. Ids in {@code rules.disable} and {@code rules.overrides} that no rule has are errors here, with their
     * line. When the rule files themselves do not load, nothing is checked here: loading the rules reports that.
     */
    private RuleCatalog ruleCatalog(RulesSettings rules) {
        Composition composition;
        try {
            composition = ActiveRules.compose(rules);
        } catch (RuleLoadException e) {
            return RuleCatalog.UNKNOWN;
        }
        if (!composition.fileProblems().isEmpty()) {
            return RuleCatalog.UNKNOWN;
        }
        for (Composition.SelectionProblem p : composition.selectionProblems()) {
            throw fail(p.key(), quote(p.value()), p.expected());
        }
        return new RuleCatalog(Optional.of(composition.categories()), composition.loadedIds());
    }

    /**
     * The categories of the active rules and the ids of the loaded ones, or {@link #UNKNOWN} when the rules do
     * not load (then only the syntax of names is checked).
     */
    private record RuleCatalog(Optional<Set<Category>> categories, Set<String> ruleIds) {
        static final RuleCatalog UNKNOWN = new RuleCatalog(Optional.empty(), Set.of());

        /** The category {@code name} in a list of categories: one an active rule declares (any valid name if unknown). */
        Optional<Category> category(String name) {
            return Category.parse(name).filter(c -> categories.map(known -> known.contains(c)).orElse(true));
        }

        /**
         * The category an {@code actions} key stands for, if it is one rather than a rule id: one an active rule
         * declares (a well-known one if unknown).
         */
        Optional<Category> actionCategory(String name) {
            return Category.parse(name).filter(c -> categories.map(known -> known.contains(c)).orElse(c.isWellKnown()));
        }

        /** Fails unless {@code id} is a loaded rule's, when the rules are known. */
        void requireRule(ConfigBinder binder, String path, String shown, String id) {
            if (categories.isPresent() && !ruleIds.contains(id)) {
                throw binder.fail(path, shown, "the id of a loaded rule (the built-in pack: rules/README.md; yours: rules.dir)");
            }
        }

        String expectation() {
            return categories.map(known -> "a category an active rule declares: " + String.join(", ",
                    known.stream().map(Category::yamlName).toList())).orElse(Category.EXPECTED);
        }
    }

    private KillSwitchSettings killSwitch(ConfigDto.KillSwitchDto k, Path dataDir) {
        Path stateFile = k.stateFile == null ? dataDir.resolve("killswitch.json")
                : path("killSwitch.stateFile", k.stateFile, baseDir, true);
        return new KillSwitchSettings(stateFile, optionalFile("killSwitch.file", k.file));
    }

    private AuditSettings audit(ConfigDto.AuditDto a, Path dataDir) {
        boolean files = bool("audit.files", a.files);
        boolean stdout = bool("audit.stdout", a.stdout);
        if (!files && !stdout) {
            throw new ConfigException(source, user.lineOf("audit"),
                    "audit: files and stdout are both false (expected: at least one audit sink)");
        }
        Optional<Path> directory = Optional.empty();
        if (files) {
            directory = Optional.of(a.directory == null ? dataDir.resolve("audit")
                    : path("audit.directory", a.directory, baseDir, false));
        }
        OverflowPolicy overflow = switch (text("audit.overflow", a.overflow, "block or drop")) {
            case "block" -> OverflowPolicy.BLOCK;
            case "drop" -> OverflowPolicy.DROP;
            default -> throw fail("audit.overflow", quote(a.overflow), "block or drop");
        };
        return new AuditSettings(directory, stdout,
                size("audit.maxFileBytes", a.maxFileBytes, 4096, MAX_AUDIT_FILE_BYTES),
                duration("audit.maxFileAge", a.maxFileAge, Duration.ofMinutes(1), Duration.ofDays(30)),
                integer("audit.queueCapacity", a.queueCapacity, 1, 1 << 20),
                overflow,
                optionalFile("audit.hmacKeyFile", a.hmacKeyFile),
                auditSigning(section("audit.signing", a.signing), section("audit.anchors", a.anchors)));
    }

    /**
     * The signing key must exist when configured; the anchor file is created at start, in a directory that must then
     * exist (a volume mounted for it may appear only in the pod).
     */
    private AuditSigning auditSigning(ConfigDto.AuditSigningDto s, ConfigDto.AuditAnchorsDto a) {
        Optional<Path> anchorsFile = a.file == null ? Optional.empty()
                : Optional.of(filePath("audit.anchors.file", a.file));
        return new AuditSigning(optionalFile("audit.signing.keyFile", s.keyFile),
                duration("audit.anchors.interval", a.interval, Duration.ofSeconds(1), Duration.ofDays(1)), anchorsFile);
    }

    private ProxySettings proxy(ConfigDto.ProxyDto p) {
        int maxConnections = integer("proxy.maxConnections", p.maxConnections, 1, MAX_CONNECTIONS);
        return new ProxySettings(
                listen("proxy.listen", p.listen),
                (int) size("proxy.maxInitialLineBytes", p.maxInitialLineBytes, 256, 1024 * 1024),
                (int) size("proxy.maxHeaderBytes", p.maxHeaderBytes, 1024, 1024 * 1024),
                duration("proxy.connectTimeout", p.connectTimeout, Duration.ofMillis(100), Duration.ofMinutes(10)),
                duration("proxy.idleTimeout", p.idleTimeout, Duration.ofSeconds(1), Duration.ofDays(1)),
                duration("proxy.responseTimeout", p.responseTimeout, Duration.ofSeconds(1), Duration.ofDays(1)),
                integer("proxy.workerThreads", p.workerThreads, 0, 1024),
                duration("proxy.headerTimeout", p.headerTimeout, Duration.ofMillis(100), Duration.ofHours(1)),
                size("proxy.minBodyBytesPerSecond", p.minBodyBytesPerSecond, 1, 1024L * 1024 * 1024),
                duration("proxy.minBodyRateGrace", p.minBodyRateGrace, Duration.ofMillis(100), Duration.ofHours(1)),
                maxConnections,
                integer("proxy.maxConnectionsPerClient", p.maxConnectionsPerClient, 1, maxConnections),
                bool("proxy.http2", p.http2),
                integer("proxy.http2MaxConcurrentStreams", p.http2MaxConcurrentStreams, 1, 10_000));
    }

    private CaSettings ca(ConfigDto.CaDto c) {
        if ((c.certFile == null) != (c.keyFile == null)) {
            throw new ConfigException(source, 0, c.certFile != null
                    ? "ca: certFile set without keyFile (expected: both or neither)"
                    : "ca: keyFile set without certFile (expected: both or neither)");
        }
        Optional<Path> certFile = optionalFile("ca.certFile", c.certFile);
        Optional<Path> keyFile = optionalFile("ca.keyFile", c.keyFile);
        String keyType = text("ca.leafKeyType", c.leafKeyType, "ec or rsa");
        LeafKeyType leafKeyType = switch (keyType) {
            case "ec" -> LeafKeyType.EC;
            case "rsa" -> LeafKeyType.RSA;
            default -> throw fail("ca.leafKeyType", quote(keyType), "ec or rsa");
        };
        return new CaSettings(certFile, keyFile, leafKeyType,
                duration("ca.leafValidity", c.leafValidity, Duration.ofHours(1), Duration.ofDays(397)),
                integer("ca.cacheSize", c.cacheSize, 1, 10_000_000));
    }

    private UpstreamSettings upstream(ConfigDto.UpstreamDto u) {
        List<Path> extraCaFiles = new ArrayList<>();
        List<String> files = notNull("upstream.extraCaFiles", u.extraCaFiles, "a list of PEM file paths");
        for (int i = 0; i < files.size(); i++) {
            extraCaFiles.add(existingFile("upstream.extraCaFiles[" + i + "]", files.get(i)));
        }
        Map<String, InetAddress> resolve = new LinkedHashMap<>();
        Map<String, String> overrides = u.resolve == null ? Map.of() : u.resolve;
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String path = "upstream.resolve." + e.getKey();
            String host;
            try {
                host = HostNames.normalize(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw fail(path, "key " + quote(e.getKey()), "a host name");
            }
            if (HostNames.isIpLiteral(host)) {
                throw fail(path, "key " + quote(e.getKey()), "a host name, not an IP address");
            }
            if (resolve.containsKey(host)) {
                throw fail(path, "key " + quote(e.getKey()), "each host once; " + host + " is already listed");
            }
            resolve.put(host, ipAddress(path, host, e.getValue()));
        }
        ConfigDto.PoolDto pool = section("upstream.pool", u.pool);
        return new UpstreamSettings(extraCaFiles, resolve, new PoolSettings(
                integer("upstream.pool.maxIdlePerHost", pool.maxIdlePerHost, 0, 1024),
                duration("upstream.pool.idleTimeout", pool.idleTimeout, Duration.ofSeconds(1), Duration.ofDays(1))),
                bool("upstream.http2", u.http2));
    }

    private InetAddress ipAddress(String path, String host, String value) {
        if (value == null || !HostNames.isIpLiteral(value)) {
            throw fail(path, value == null ? "null" : quote(value), "an IP address such as 10.0.0.5 or ::1");
        }
        try {
            // A literal (checked above) is parsed, never looked up; the result carries the host for SNI and logs.
            byte[] bytes = InetAddress.getByName(HostNames.normalize(value)).getAddress();
            return InetAddress.getByAddress(host, bytes);
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw fail(path, quote(value), "an IP address such as 10.0.0.5 or ::1");
        }
    }

    private AuthSettings auth(ConfigDto.AuthDto a, Path dataDir) {
        boolean required = bool("auth.required", a.required);
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, String> inline = a.tokens == null ? Map.of() : a.tokens;
        for (Map.Entry<String, String> e : inline.entrySet()) {
            try {
                AgentCredentials.checkCredential(e.getKey(), e.getValue());
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(source, user.lineOf("auth.tokens." + e.getKey()),
                        "auth.tokens: " + ex.getMessage());
            }
            tokens.put(e.getKey(), e.getValue());
        }
        Optional<Path> tokenFile = optionalFile("auth.tokenFile", a.tokenFile);
        if (tokenFile.isPresent()) {
            Map<String, String> fromFile;
            try {
                fromFile = AgentCredentials.loadTokenFile(tokenFile.get());
            } catch (IOException e) {
                throw fail("auth.tokenFile", quote(a.tokenFile), "a readable token file; " + e);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source, user.lineOf("auth.tokenFile"), "auth.tokenFile: " + e.getMessage());
            }
            for (String agent : fromFile.keySet()) {
                if (tokens.containsKey(agent)) {
                    throw new ConfigException(source, 0, "auth: agent '" + agent
                            + "' is in both tokens and tokenFile (expected: each agent once)");
                }
            }
            tokens.putAll(fromFile);
        }
        TokenSettings signed = signedTokens(a, dataDir);
        if (required && tokens.isEmpty() && !signed.enabled()) {
            throw new ConfigException(source, 0, "auth: required is true but no agent has a token (expected:"
                    + " auth.tokens or auth.tokenFile, or signed tokens with auth.verificationKeys or"
                    + " auth.verificationKeyDir)");
        }
        return new AuthSettings(required, tokens, tokenFile, signed);
    }

    private TokenSettings signedTokens(ConfigDto.AuthDto a, Path dataDir) {
        List<Path> keys = new ArrayList<>();
        List<String> files = notNull("auth.verificationKeys", a.verificationKeys, "a list of Ed25519 public key PEM"
                + " files");
        for (int i = 0; i < files.size(); i++) {
            keys.add(existingFile("auth.verificationKeys[" + i + "]", files.get(i)));
        }
        Optional<Path> keyDir = Optional.empty();
        if (a.verificationKeyDir != null) {
            Path dir = path("auth.verificationKeyDir", a.verificationKeyDir, baseDir, false);
            if (!Files.isDirectory(dir) || !Files.isReadable(dir)) {
                throw fail("auth.verificationKeyDir", quote(a.verificationKeyDir), "a readable directory of *.pem"
                        + " public keys; " + dir + " is not one");
            }
            keyDir = Optional.of(dir);
        }
        Path stateFile = a.revocationStateFile == null ? dataDir.resolve("revocations.json")
                : path("auth.revocationStateFile", a.revocationStateFile, baseDir, true);
        return new TokenSettings(keys, keyDir,
                duration("auth.tokenClockSkew", a.tokenClockSkew, Duration.ZERO, Duration.ofMinutes(10)),
                duration("auth.maxTokenTtl", a.maxTokenTtl, Duration.ofMinutes(1), Duration.ofDays(30)),
                optionalFile("auth.revocationFile", a.revocationFile), stateFile,
                optionalFile("auth.signingKeyFile", a.signingKeyFile));
    }

    private Allowlist allowlist(List<ConfigDto.AllowDto> entries, InspectionSettings inspection,
            Map<String, DestinationInspection> destinations, Map<String, ToolPolicy> mcpServers, RuleCatalog catalog,
            SubdomainLimits subdomains) {
        Map<String, String> builtInClasses = ConfigLoader.builtInClasses();
        notNull("allow", entries, "a list of allow entries; [] allows nothing");
        List<AllowRule> rules = new ArrayList<>();
        Map<String, Integer> indexByHost = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String path = "allow[" + i + "]";
            ConfigDto.AllowDto entry = notNull(path, entries.get(i), "an entry with at least host");
            AllowRule rule = allowRule(path, entry, builtInClasses, subdomains);
            Integer earlier = indexByHost.putIfAbsent(rule.host(), i);
            if (earlier != null) {
                throw fail(path + ".host", quote(entry.host),
                        "each host once; " + rule.host() + " is already allow[" + earlier + "]");
            }
            rules.add(rule);
            if (entry.inspection != null) {
                if (rule.mode() == Mode.PASSTHROUGH) {
                    throw fail(path + ".inspection", "a mapping",
                            "no inspection policy on a passthrough entry (its traffic is not inspected)");
                }
                destinations.put(rule.host(), destinationInspection(path + ".inspection", entry.inspection, inspection,
                        catalog));
            } else if (explicitlyNull(path + ".inspection")) {
                throw fail(path + ".inspection", "null", "a mapping of inspection settings, or no inspection key");
            }
            new AllowEntryBinder(this).mcp(path, entry, rule.mode()).ifPresent(p -> mcpServers.put(rule.host(), p));
        }
        return Allowlist.of(rules);
    }

    private AllowRule allowRule(String path, ConfigDto.AllowDto entry, Map<String, String> builtInClasses,
            SubdomainLimits subdomainDefaults) {
        String host;
        try {
            host = AllowRule.normalizePattern(text(path + ".host", entry.host, HOST_SYNTAX));
        } catch (IllegalArgumentException e) {
            throw fail(path + ".host", quote(entry.host), expectation(e.getMessage()));
        }
        Set<Integer> ports = new LinkedHashSet<>();
        List<Integer> listed = explicitlyNull(path + ".ports") ? null : entry.ports == null ? List.of(443) : entry.ports;
        notNull(path + ".ports", listed, "a list of ports such as [443]");
        if (listed.isEmpty()) {
            throw fail(path + ".ports", "[]", "at least one port in 1-65535");
        }
        for (int j = 0; j < listed.size(); j++) {
            Integer port = listed.get(j);
            String portPath = path + ".ports[" + j + "]";
            if (port == null || port < 1 || port > 65535) {
                throw fail(portPath, String.valueOf(port), "1-65535");
            }
            if (!ports.add(port)) {
                throw fail(portPath, String.valueOf(port), "each port once");
            }
        }
        String modeText = explicitlyNull(path + ".mode") ? null : entry.mode == null ? "inspect" : entry.mode;
        Mode mode = switch (text(path + ".mode", modeText, "inspect or passthrough")) {
            case "inspect" -> Mode.INSPECT;
            case "passthrough" -> Mode.PASSTHROUGH;
            default -> throw fail(path + ".mode", quote(modeText), "inspect or passthrough");
        };
        boolean privateAddresses = optionalBool(path + ".privateAddresses", entry.privateAddresses);
        boolean plainHttp = optionalBool(path + ".plainHttp", entry.plainHttp);
        AllowEntryBinder entryBinder = new AllowEntryBinder(this);
        String destinationClass = explicitlyNull(path + ".class") || entry.destinationClass != null
                ? entryBinder.destinationClass(path + ".class", entry.destinationClass)
                : builtInClasses.getOrDefault(host, AllowRule.OTHER);
        if (entry.subdomains != null && !host.startsWith("*.")) {
            throw fail(path + ".subdomains", "a mapping", "subdomains only on a wildcard entry (*.domain): an exact"
                    + " host has no labels to check");
        } else if (explicitlyNull(path + ".subdomains")) {
            throw fail(path + ".subdomains", "null", "a mapping of subdomain checks, or no subdomains key");
        }
        SubdomainLimits subdomains = entryBinder.entry(path + ".subdomains", entry.subdomains, subdomainDefaults);
        boolean websocket = entryBinder.websocket(path + ".websocket", entry.websocket,
                explicitlyNull(path + ".websocket"), mode);
        AllowRule rule = new AllowRule(host, ports, mode, privateAddresses, plainHttp, destinationClass, subdomains,
                websocket);
        if (rule.ipLiteral()) {
            checkLiteralReachable(path, rule);
        }
        return rule;
    }

    private DestinationInspection destinationInspection(String path, ConfigDto.DestinationInspectionDto d,
            InspectionSettings global, RuleCatalog catalog) {
        Optional<Set<Category>> categories = Optional.empty();
        if (d.categories != null) {
            Set<Category> chosen = new LinkedHashSet<>();
            for (int i = 0; i < d.categories.size(); i++) {
                String itemPath = path + ".categories[" + i + "]";
                String name = d.categories.get(i);
                Optional<Category> category = name == null ? Optional.empty() : catalog.category(name);
                if (category.isEmpty()) {
                    throw fail(itemPath, quote(name), catalog.expectation());
                }
                if (!chosen.add(category.get())) {
                    throw fail(itemPath, quote(name), "each category once");
                }
            }
            if (chosen.isEmpty()) {
                throw fail(path + ".categories", "[]", "at least one category; omit the key for all");
            }
            categories = Optional.of(chosen);
        }
        Map<String, Action> ruleActions = new LinkedHashMap<>();
        Map<Category, Action> categoryActions = new LinkedHashMap<>();
        Map<String, String> actions = d.actions == null ? Map.of() : d.actions;
        for (Map.Entry<String, String> e : actions.entrySet()) {
            String keyPath = path + ".actions." + e.getKey();
            Action action = action(keyPath, e.getValue());
            Optional<Category> category = catalog.actionCategory(e.getKey());
            if (category.isPresent()) {
                categoryActions.put(category.get(), action);
            } else if (catalog.categories().isPresent() && !e.getKey().contains(".")
                    && !catalog.ruleIds().contains(e.getKey())) {
                throw fail(keyPath, "key " + quote(e.getKey()), catalog.expectation() + "; or a rule id");
            } else {
                String id = ruleId(keyPath, "key " + quote(e.getKey()), e.getKey());
                catalog.requireRule(this, keyPath, "key " + quote(id), id);
                ruleActions.put(id, action);
            }
        }
        OptionalLong maxBody = d.maxBodyBytes == null ? OptionalLong.empty()
                : OptionalLong.of(size(path + ".maxBodyBytes", d.maxBodyBytes, 1024, MAX_BODY_BYTES));
        if (maxBody.isPresent() && maxBody.getAsLong() > global.maxBodyBytesInFlight()) {
            throw fail(path + ".maxBodyBytes", quote(d.maxBodyBytes),
                    "at most inspection.maxBodyBytesInFlight, " + Units.formatSize(global.maxBodyBytesInFlight()));
        }
        Optional<InspectionLimits> limits = new LimitsBinder(this).destination(path, d.limits, global.limits(),
                maxBody.orElse(global.maxBodyBytes()), maxBody.isPresent());
        return new DestinationInspection(categories, knownRuleIds(path + ".excludeRules", d.excludeRules, catalog),
                ruleActions, categoryActions, maxBody, Optional.ofNullable(d.failOpen),
                knownRuleIds(path + ".ownCredentials", d.ownCredentials, catalog), limits);
    }

    private Set<String> ruleIds(String path, List<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        List<String> listed = ids == null ? List.of() : ids;
        for (int i = 0; i < listed.size(); i++) {
            String itemPath = path + "[" + i + "]";
            if (!out.add(ruleId(itemPath, quote(listed.get(i)), listed.get(i)))) {
                throw fail(itemPath, quote(listed.get(i)), "each rule id once");
            }
        }
        return out;
    }

    /** {@link #ruleIds}, each an id of a loaded rule when the rules are known (a typo would silently do nothing). */
    private Set<String> knownRuleIds(String path, List<String> ids, RuleCatalog catalog) {
        Set<String> out = ruleIds(path, ids);
        int i = 0;
        for (String id : out) {
            catalog.requireRule(this, path + "[" + i++ + "]", quote(id), id);
        }
        return out;
    }

    private String ruleId(String path, String shown, String id) {
        if (id == null || !RULE_ID.matcher(id).matches()) {
            throw fail(path, shown, "a rule id such as credential.aws-access-key-id (lower-case letters, digits, '.' and '-')");
        }
        return id;
    }

    /** {@code rules.overrides.<id>.actions}: destination class to action; empty when absent. */
    private Map<String, Action> classActions(String path, Map<String, String> value) {
        if (value == null) {
            return Map.of();
        }
        Map<String, Action> out = new LinkedHashMap<>();
        AllowEntryBinder names = new AllowEntryBinder(this);
        for (Map.Entry<String, String> e : value.entrySet()) {
            out.put(names.destinationClass(path + "." + e.getKey(), e.getKey()), action(path + "." + e.getKey(),
                    e.getValue()));
        }
        if (out.isEmpty()) {
            throw fail(path, "{}", "a mapping of destination class to block, redact or log");
        }
        return out;
    }

    Action action(String path, String value) {
        return switch (value == null ? "" : value) {
            case "block" -> Action.BLOCK;
            case "redact" -> Action.REDACT;
            case "log" -> Action.LOG;
            default -> throw fail(path, quote(value), ACTIONS);
        };
    }

    private Severity severity(String path, String value) {
        return switch (value) {
            case "low" -> Severity.LOW;
            case "medium" -> Severity.MEDIUM;
            case "high" -> Severity.HIGH;
            case "critical" -> Severity.CRITICAL;
            default -> throw fail(path, quote(value), "low, medium, high or critical");
        };
    }

    /** An entry for an IP literal that the policy would always refuse is a mistake worth reporting at load. */
    private void checkLiteralReachable(String path, AllowRule rule) {
        AddressClass addressClass;
        try {
            addressClass = AddressClassifier.classify(InetAddress.getByName(rule.host()));
        } catch (UnknownHostException e) {
            throw fail(path + ".host", quote(rule.host()), "an IP address");
        }
        if (!addressClass.reachable(rule.privateAddresses())) {
            String className = addressClass.name().toLowerCase(Locale.ROOT).replace('_', '-');
            throw fail(path + ".host", quote(rule.host()), addressClass.reachable(true)
                    ? "privateAddresses: true for a " + className + " address"
                    : "not a " + className + " address; those are never reachable");
        }
    }

    private ListenAddress listen(String path, String value) {
        String text = text(path, value, LISTEN_SYNTAX);
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) {
                throw fail(path, quote(text), LISTEN_SYNTAX);
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
            if (!HostNames.isIpLiteral(host) || host.indexOf(':') < 0) {
                throw fail(path, quote(text), LISTEN_SYNTAX);
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || text.indexOf(':') != colon) {
                throw fail(path, quote(text), LISTEN_SYNTAX);
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        try {
            host = HostNames.normalize(host);
        } catch (IllegalArgumentException e) {
            throw fail(path, quote(text), LISTEN_SYNTAX);
        }
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            throw fail(path, quote(text), LISTEN_SYNTAX);
        }
        return new ListenAddress(host, Integer.parseInt(port));
    }

    long size(String path, String value, long min, long max) {
        String text = text(path, value, Units.SIZE_SYNTAX);
        OptionalLong bytes = Units.parseSize(text);
        if (bytes.isEmpty()) {
            throw fail(path, quote(text), Units.SIZE_SYNTAX);
        }
        if (bytes.getAsLong() < min || bytes.getAsLong() > max) {
            throw fail(path, quote(text), "a size from " + Units.formatSize(min) + " to " + Units.formatSize(max));
        }
        return bytes.getAsLong();
    }

    Duration duration(String path, String value, Duration min, Duration max) {
        String text = text(path, value, Units.DURATION_SYNTAX);
        Duration duration = Units.parseDuration(text);
        if (duration == null) {
            throw fail(path, quote(text), Units.DURATION_SYNTAX);
        }
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw fail(path, quote(text),
                    "a duration from " + Units.formatDuration(min) + " to " + Units.formatDuration(max));
        }
        return duration;
    }

    int integer(String path, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            throw fail(path, String.valueOf(value), min + "-" + max);
        }
        return value;
    }

    boolean bool(String path, Boolean value) {
        return notNull(path, value, "true or false");
    }

    private boolean optionalBool(String path, Boolean value) {
        if (explicitlyNull(path)) {
            throw fail(path, "null", "true or false");
        }
        return value != null && value;
    }

    Optional<Path> optionalFile(String path, String value) {
        return value == null ? Optional.empty() : Optional.of(existingFile(path, value));
    }

    /** {@code value} as a file path, resolved as every file key of the config is (not checked to exist). */
    Path filePath(String path, String value) {
        return path(path, value, baseDir, true);
    }

    private Path existingFile(String path, String value) {
        Path file = path(path, value, baseDir, true);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw fail(path, quote(value), "a readable file; " + file + " is not one");
        }
        return file;
    }

    private Path path(String path, String value, Path relativeTo, boolean file) {
        String text = text(path, value, file ? "a file path" : "a directory path");
        if (text.isBlank()) {
            throw fail(path, quote(text), PATH_SYNTAX);
        }
        try {
            Path resolved;
            if (text.equals("~")) {
                resolved = home;
            } else if (text.startsWith("~/")) {
                resolved = home.resolve(text.substring(2));
            } else if (text.startsWith("~")) {
                throw fail(path, quote(text), PATH_SYNTAX);
            } else {
                resolved = relativeTo.resolve(text);
            }
            return resolved.toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw fail(path, quote(text), PATH_SYNTAX);
        }
    }

    private String text(String path, String value, String expected) {
        return notNull(path, value, expected);
    }

    private <T> T notNull(String path, T value, String expected) {
        if (value == null) {
            throw fail(path, "null", expected);
        }
        return value;
    }

    /** Sections are always present after merging with the defaults; a missing one is a loader bug. */
    private static <T> T section(String path, T value) {
        if (value == null) {
            throw new IllegalStateException(path + ": missing after merging with defaults");
        }
        return value;
    }

    /** True if the merged document has {@code path} with an explicit null (allow entries have no defaults to merge). */
    boolean explicitlyNull(String path) {
        JsonNode node = merged;
        for (String segment : path.replace("[", ".[").split("\\.")) {
            if (segment.startsWith("[")) {
                node = node.path(Integer.parseInt(segment.substring(1, segment.length() - 1)));
            } else {
                node = node.path(segment);
            }
        }
        return node.isNull();
    }

    /** True if the user's file sets {@code path} (not only the defaults). */
    boolean userSets(String path) {
        return user.has(path);
    }

    ConfigException fail(String path, String shownValue, String expected) {
        return new ConfigException(source, user.lineOf(path), path + ": " + shownValue + " (expected: " + expected + ")");
    }

    static String quote(String value) {
        return value == null ? "null" : TextNode.valueOf(value).toString();
    }

    /** The "..." of an "x: y (expected: ...)" message. */
    private static String expectation(String message) {
        int start = message.indexOf("(expected: ");
        return start < 0 ? message : message.substring(start + "(expected: ".length(), message.length() - 1);
    }
}
