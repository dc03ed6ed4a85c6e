package dev.sieve.proxy.config;

import dev.sieve.certs.HostNames;
import dev.sieve.proxy.policy.AgentCredentials;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Validates {@code budgets:} into {@link BudgetSettings} and {@code state:} into {@link StateSettings}, with
 * {@link ConfigBinder}'s {@code key: value (expected: ...)} errors naming file and line.
 */
final class BudgetsBinder {

    private static final long MAX_COUNT = 1_000_000_000L;
    private static final long MAX_UPLOAD = 1L << 50; // 1PiB
    private static final String AGENT_SYNTAX = "an agent id (1-64 of A-Z a-z 0-9 . _ -) or \"*\" for every agent";

    private final ConfigBinder binder;

    BudgetsBinder(ConfigBinder binder) {
        this.binder = binder;
    }

    BudgetSettings budgets(ConfigDto.BudgetsDto d) {
        BudgetLimits defaults = limits("budgets.default", d.defaults);
        Map<String, BudgetLimits> agents = new LinkedHashMap<>();
        if (d.agents != null) {
            for (Map.Entry<String, ConfigDto.BudgetDto> e : d.agents.entrySet()) {
                if (!AgentCredentials.AGENT_ID.matcher(e.getKey()).matches()) {
                    throw binder.fail("budgets.agents", "key " + ConfigBinder.quote(e.getKey()),
                            "an agent id: 1-64 of A-Z a-z 0-9 . _ -");
                }
                agents.put(e.getKey(), limits("budgets.agents." + e.getKey(), e.getValue()));
            }
        }
        List<BudgetSettings.DestinationBudget> destinations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<ConfigDto.DestinationBudgetDto> entries = d.destinations == null ? List.of() : d.destinations;
        for (int i = 0; i < entries.size(); i++) {
            String path = "budgets.destinations[" + i + "]";
            ConfigDto.DestinationBudgetDto entry = entries.get(i);
            if (entry == null) {
                throw binder.fail(path, "null", "a mapping with agent, host and limits");
            }
            String agent = entry.agent == null ? BudgetSettings.EVERY_AGENT : entry.agent;
            if (!agent.equals(BudgetSettings.EVERY_AGENT) && !AgentCredentials.AGENT_ID.matcher(agent).matches()) {
                throw binder.fail(path + ".agent", ConfigBinder.quote(agent), AGENT_SYNTAX);
            }
            String host = host(path + ".host", entry.host);
            BudgetLimits limits = limits(path, entry);
            if (limits.unlimited()) {
                throw binder.fail(path, "no limit", "at least one of rpm, uploadPerHour, uploadPerDay, connections");
            }
            if (!seen.add(agent + '\0' + host)) {
                throw binder.fail(path, "agent " + ConfigBinder.quote(agent) + " at " + ConfigBinder.quote(host),
                        "one entry per agent and host; this pair is already listed");
            }
            destinations.add(new BudgetSettings.DestinationBudget(agent, host, limits));
        }
        int labels = binder.integer("budgets.metricAgentLabels", d.metricAgentLabels, 1, 10_000);
        return new BudgetSettings(defaults, agents, destinations, labels);
    }

    StateSettings state(ConfigDto.StateDto d) {
        ConfigDto.RedisDto r = d.redis;
        if (r == null) {
            throw binder.fail("state.redis", "null", "a mapping (url: null keeps state in process)");
        }
        Duration timeout = binder.duration("state.redis.timeout", r.timeout, Duration.ofMillis(10),
                Duration.ofSeconds(10));
        Duration leaseTtl = binder.duration("state.redis.leaseTtl", r.leaseTtl, Duration.ofSeconds(5),
                Duration.ofHours(1));
        if (r.url == null) {
            return StateSettings.LOCAL;
        }
        URI url = url(r.url);
        Optional<Path> passwordFile = binder.optionalFile("state.redis.passwordFile", r.passwordFile);
        passwordFile.ifPresent(this::checkPassword);
        Optional<Path> caFile = binder.optionalFile("state.redis.caFile", r.caFile);
        if (caFile.isPresent() && !"rediss".equals(url.getScheme())) {
            throw binder.fail("state.redis.caFile", ConfigBinder.quote(r.caFile), "null unless state.redis.url is"
                    + " rediss:// (TLS)");
        }
        return new StateSettings(Optional.of(new StateSettings.Redis(url, passwordFile, caFile, timeout,
                leaseTtl)));
    }

    private URI url(String text) {
        String expected = "redis://host:port[/db] or rediss://host:port[/db] (TLS); the password comes from"
                + " state.redis.passwordFile, never the URL";
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw binder.fail("state.redis.url", "(not a URL)", expected);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String userInfo = url.getRawUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            // Never echo it: it holds a password.
            throw binder.fail("state.redis.url", "(a URL with a password)", expected);
        }
        boolean dbOk = url.getPath() == null || url.getPath().isEmpty() || url.getPath().matches("/[0-9]{0,2}");
        if (!(scheme.equals("redis") || scheme.equals("rediss")) || url.getHost() == null || !dbOk
                || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw binder.fail("state.redis.url", ConfigBinder.quote(text), expected);
        }
        return url;
    }

    private void checkPassword(Path file) {
        try {
            // FleetConnection sends the first line only: a blank first line would authenticate with nothing.
            String first = Files.readString(file).lines().findFirst().orElse("");
            if (first.strip().isEmpty()) {
                throw binder.fail("state.redis.passwordFile", ConfigBinder.quote(file.toString()),
                        "a file holding the password on its first line; its first line is empty");
            }
        } catch (java.io.IOException e) {
            throw binder.fail("state.redis.passwordFile", ConfigBinder.quote(file.toString()), "a readable file");
        }
    }

    private String host(String path, String value) {
        if (value == null) {
            throw binder.fail(path, "null", "a destination host name as in allow:");
        }
        try {
            String host = HostNames.normalize(value);
            if (host.startsWith("*")) {
                throw new IllegalArgumentException();
            }
            return host;
        } catch (IllegalArgumentException e) {
            throw binder.fail(path, ConfigBinder.quote(value), "a destination host name as in allow: (no wildcard)");
        }
    }

    private BudgetLimits limits(String path, ConfigDto.BudgetDto d) {
        if (d == null) {
            return BudgetLimits.NONE;
        }
        return new BudgetLimits(count(path + ".rpm", d.rpm), upload(path + ".uploadPerHour", d.uploadPerHour),
                upload(path + ".uploadPerDay", d.uploadPerDay), count(path + ".connections", d.connections));
    }

    private OptionalLong count(String path, Long value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        if (value < 1 || value > MAX_COUNT) {
            throw binder.fail(path, String.valueOf(value), "1-" + MAX_COUNT + ", or no key for no limit");
        }
        return OptionalLong.of(value);
    }

    private OptionalLong upload(String path, String value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(binder.size(path, value, 1, MAX_UPLOAD));
    }
}
